import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  directEnvReads,
  maskLiterals,
  parseHandlerContract,
  readRuntimeContract,
  topLevelObjects,
} from '../../src/audit/runtime-contract';
import { tempDir } from '../_helpers/run';

const CONTRACT = `
const SHARED: readonly HandlerEnvVar[] = [
  { name: 'POWERTOOLS_SERVICE_NAME', description: 'a { brace in a string', type: 'string' },
  { name: 'LOG_LEVEL', description: 'optional', type: 'string', required: false, pattern: /^[A-Z'{]+$/ },
];
// name: 'COMMENTED_OUT'
export const HANDLERS: readonly HandlerSpec[] = [
  {
    name: 'ingest',
    permissions: [{ sid: 'x', actions: ['s3:GetObject'], resources: ['arn:\${AWS::Partition}:s3:::\${BUCKET}/*'] }],
    environment: [
      { name: 'BUCKET', description: "the bucket's name", type: 'string', pattern: /^[a-z0-9.-]{3,63}$/ },
      ...SHARED,
    ],
  },
  { name: 'report', description: 'no environment' },
];`;

describe('parseHandlerContract', () => {
  it('reads each handler and its required variables, following spreads, skipping optional ones', () => {
    expect(parseHandlerContract(CONTRACT, 'contract.ts')).toEqual([
      { handler: 'ingest', variables: ['BUCKET', 'POWERTOOLS_SERVICE_NAME'], source: 'contract.ts' },
      { handler: 'report', variables: [], source: 'contract.ts' },
    ]);
  });

  it('returns nothing without a HANDLERS array', () => {
    expect(parseHandlerContract('export const X = 1;', 'x.ts')).toEqual([]);
  });

  it('masks strings, comments and regular expressions but keeps offsets', () => {
    const text = "a = '{[' + /[}]/ // }\n{ b }";
    const masked = maskLiterals(text);
    expect(masked).toHaveLength(text.length);
    expect(masked.replace(/[^{}[\]]/g, '')).toBe('{}');
    expect(topLevelObjects("[{ a: '}' }, { b: [1, { c: 2 }] }]".slice(1, -1))).toEqual([
      "{ a: '}' }",
      '{ b: [1, { c: 2 }] }',
    ]);
  });
});

describe('readRuntimeContract', () => {
  it('adds direct process.env reads of a handler file to that handler, and of shared files to all', () => {
    // Prepare
    const dir = tempDir();
    mkdirSync(join(dir, 'src', 'handlers'), { recursive: true });
    writeFileSync(join(dir, 'src', 'handler-contract.ts'), CONTRACT);
    writeFileSync(
      join(dir, 'src', 'handlers', 'ingest.lambda.ts'),
      "const t = process.env.EXTRA_TABLE; const r = process.env['AWS_REGION'];\n",
    );
    writeFileSync(join(dir, 'src', 'shared.ts'), 'export const d = process.env.DEBUG_FLAG;\n');
    // Act
    const handlers = readRuntimeContract(dir, dir);
    // Assess
    expect(handlers).toEqual([
      {
        handler: 'ingest',
        variables: ['BUCKET', 'POWERTOOLS_SERVICE_NAME', 'EXTRA_TABLE', 'DEBUG_FLAG'],
        source: 'src/handler-contract.ts',
      },
      { handler: 'report', variables: ['DEBUG_FLAG'], source: 'src/handler-contract.ts' },
    ]);
    expect(readRuntimeContract(tempDir(), dir)).toBeUndefined();
  });

  it('ignores variables the Lambda runtime sets itself', () => {
    expect(directEnvReads('process.env.AWS_REGION; process.env.TABLE; process.env["_HANDLER"]')).toEqual(['TABLE']);
  });
});
