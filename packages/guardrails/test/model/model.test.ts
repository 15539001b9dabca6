import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GetObjectCommand,
  GetObjectCommandOutput,
  HeadObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { unzipSync } from 'fflate';
import {
  buildModelPackage,
  packageLocation,
  packageTimestamp,
  sha256Hex,
  timestampToIso,
} from '../../src/model/model-package';
import { COMPLIANT, CONFIG_DIR, run, tempDir } from '../_helpers/run';

const s3 = mockClient(S3Client);
const TS = '20261123T184500Z';
const APPLY_ENV = { ALLOW_AWS_DEPLOY: '1', AWS_PROFILE: 'aad-dev', AWS_ACCOUNT_ID: '111111111111' };

function inputs(): { dir: string; nerModel: string; baselineProfile: string } {
  const dir = tempDir();
  const nerModel = join(dir, 'ner.json');
  const baselineProfile = join(dir, 'profile.json');
  writeFileSync(nerModel, JSON.stringify({ labels: ['IAM_ROLE_ARN', 'IP_ADDRESS'], weights: [0.1, 0.2] }));
  writeFileSync(baselineProfile, JSON.stringify({ entities: { 'arn:aws:iam::111122223333:role/ci': { count: 42 } } }));
  return { dir, nerModel, baselineProfile };
}

/** The part of an SDK stream body the publisher reads. */
function body(text: string): NonNullable<GetObjectCommandOutput['Body']> {
  return { transformToString: async () => text } as unknown as NonNullable<GetObjectCommandOutput['Body']>;
}

beforeEach(() => s3.reset());

describe('buildModelPackage', () => {
  it('zips a v1 manifest with the sha256 and size of each file', () => {
    // Prepare
    const { nerModel, baselineProfile } = inputs();
    // Act
    const pkg = buildModelPackage({ nerModel, baselineProfile }, 'dev', TS);
    const entries = unzipSync(pkg.zip);
    // Assess
    expect(pkg.name).toBe('model_package-20261123T184500Z.zip');
    expect(Object.keys(entries)).toEqual(['manifest.json', 'ner-model.json', 'baseline-profile.json']);
    const manifest = JSON.parse(Buffer.from(entries['manifest.json']).toString('utf8'));
    expect(manifest).toEqual({
      format: 'aad-model-package/v1',
      env: 'dev',
      createdAt: '2026-11-23T18:45:00Z',
      files: [
        { path: 'ner-model.json', sha256: sha256Hex(readFileSync(nerModel)), bytes: readFileSync(nerModel).length },
        {
          path: 'baseline-profile.json',
          sha256: sha256Hex(readFileSync(baselineProfile)),
          bytes: readFileSync(baselineProfile).length,
        },
      ],
    });
    expect(Buffer.from(entries['ner-model.json']).equals(readFileSync(nerModel))).toBe(true);
  });

  it('gives the same bytes for the same inputs and timestamp, and different bytes for another timestamp', () => {
    const { nerModel, baselineProfile } = inputs();
    const a = buildModelPackage({ nerModel, baselineProfile }, 'dev', TS);
    const b = buildModelPackage({ nerModel, baselineProfile }, 'dev', TS);
    const c = buildModelPackage({ nerModel, baselineProfile }, 'dev', '20261124T000000Z');
    expect(Buffer.from(a.zip).equals(Buffer.from(b.zip))).toBe(true);
    expect(a.sha256).toBe(b.sha256);
    expect(c.sha256).not.toBe(a.sha256);
  });

  it('names a missing or invalid input', () => {
    const { nerModel, dir } = inputs();
    expect(() => buildModelPackage({ nerModel, baselineProfile: join(dir, 'none.json') }, 'dev', TS)).toThrow(
      /baseline profile not found at .*none\.json/,
    );
    writeFileSync(join(dir, 'bad.json'), '{');
    expect(() => buildModelPackage({ nerModel: join(dir, 'bad.json'), baselineProfile: nerModel }, 'dev', TS)).toThrow(
      /NER model at .*bad\.json is not valid JSON/,
    );
  });

  it('formats and validates timestamps and locations', () => {
    expect(packageTimestamp(new Date('2026-11-23T18:45:00.123Z'))).toBe(TS);
    expect(() => timestampToIso('2026-11-23')).toThrow(/UTC like 20261123T184500Z/);
    expect(() => timestampToIso('20261399T000000Z')).toThrow(/not a valid date/);
    expect(packageLocation('b', 'dev', 'model_package-x.zip')).toEqual({
      bucket: 'b',
      prefix: 'model-packages/dev/',
      key: 'model-packages/dev/model_package-x.zip',
      aliasKey: 'model-packages/dev/current.txt',
      uri: 's3://b/model-packages/dev/model_package-x.zip',
      aliasUri: 's3://b/model-packages/dev/current.txt',
    });
  });
});

describe('aad-guard model package', () => {
  const args = (extra: string[] = []): string[] => {
    const { nerModel, baselineProfile, dir } = inputs();
    return [
      'model',
      'package',
      '--env',
      'dev',
      '--ner-model',
      nerModel,
      '--baseline-profile',
      baselineProfile,
      '--out',
      join(dir, 'out'),
      '--config-dir',
      CONFIG_DIR,
      '--cdk-out',
      COMPLIANT,
      ...extra,
    ];
  };

  it('prints the upload plan in dry-run and calls no AWS API', async () => {
    const { code, out } = await run(args(['--timestamp', TS]));
    expect(code).toBe(0);
    expect(out).toContain(
      'upload: s3://aad-dev-models-111111111111/model-packages/dev/model_package-20261123T184500Z.zip',
    );
    expect(out).toContain(
      'then:   s3://aad-dev-models-111111111111/model-packages/dev/current.txt := model_package-20261123T184500Z.zip',
    );
    expect(s3.calls()).toHaveLength(0);
  });

  it('uses the clock for the timestamp and prints JSON', async () => {
    const { code, out } = await run(args(['--json']), { now: () => new Date('2026-01-02T03:04:05Z') });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      mode: 'dry-run',
      manifest: { createdAt: '2026-01-02T03:04:05Z' },
      upload: expect.stringContaining('model_package-20260102T030405Z.zip'),
    });
  });

  it('uploads the zip, then rewrites current.txt, when every gate passes', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});
    // Act
    const { code, out } = await run(args(['--timestamp', TS, '--apply']), { env: APPLY_ENV });
    // Assess
    expect(code).toBe(0);
    const puts = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    expect(puts.map((p) => p.Key)).toEqual([
      'model-packages/dev/model_package-20261123T184500Z.zip',
      'model-packages/dev/current.txt',
    ]);
    expect(puts[0]).toMatchObject({ Bucket: 'aad-dev-models-111111111111', ContentType: 'application/zip' });
    expect(puts[1]).toMatchObject({ Body: 'model_package-20261123T184500Z.zip', ContentType: 'text/plain' });
    expect(out).toContain('current.txt now names model_package-20261123T184500Z.zip');
  });

  it('refuses to upload without ALLOW_AWS_DEPLOY=1', async () => {
    const { code, err } = await run(args(['--timestamp', TS, '--apply']), { env: { AWS_PROFILE: 'aad-dev' } });
    expect(code).toBe(1);
    expect(err).toContain("refused by gate 'allow-flag'");
    expect(s3.calls()).toHaveLength(0);
  });

  it('exits 2 on a bad timestamp or a missing input', async () => {
    expect((await run(args(['--timestamp', 'yesterday']))).code).toBe(2);
    const missing = await run([
      'model',
      'package',
      '--env',
      'dev',
      '--ner-model',
      '/nope/ner.json',
      '--config-dir',
      CONFIG_DIR,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('NER model not found at /nope/ner.json');
  });
});

describe('aad-guard model rollback', () => {
  const args = (extra: string[] = []): string[] => [
    'model',
    'rollback',
    '--env',
    'dev',
    '--to',
    '20261101T000000Z',
    '--config-dir',
    CONFIG_DIR,
    '--cdk-out',
    COMPLIANT,
    ...extra,
  ];

  it('prints the plan in dry-run', async () => {
    const { code, out } = await run(args());
    expect(code).toBe(0);
    expect(out).toContain(
      "rewrite s3://aad-dev-models-111111111111/model-packages/dev/current.txt to 'model_package-20261101T000000Z.zip'",
    );
    expect(s3.calls()).toHaveLength(0);
  });

  it('checks the target exists, then rewrites current.txt', async () => {
    // Prepare
    s3.on(HeadObjectCommand).resolves({});
    s3.on(GetObjectCommand).resolves({ Body: body('model_package-20261120T000000Z.zip\n') });
    s3.on(PutObjectCommand).resolves({});
    // Act
    const { code, out } = await run(args(['--apply']), { env: APPLY_ENV });
    // Assess
    expect(code).toBe(0);
    expect(s3.commandCalls(HeadObjectCommand)[0].args[0].input).toEqual({
      Bucket: 'aad-dev-models-111111111111',
      Key: 'model-packages/dev/model_package-20261101T000000Z.zip',
    });
    expect(s3.commandCalls(PutObjectCommand)[0].args[0].input).toMatchObject({
      Key: 'model-packages/dev/current.txt',
      Body: 'model_package-20261101T000000Z.zip',
    });
    expect(out).toContain('(was model_package-20261120T000000Z.zip)');
  });

  it('fails when the target package does not exist, and writes nothing', async () => {
    s3.on(HeadObjectCommand).rejects(
      Object.assign(new Error('NotFound'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }),
    );
    const { code, err } = await run(args(['--apply']), { env: APPLY_ENV });
    expect(code).toBe(1);
    expect(err).toContain('model_package-20261101T000000Z.zip does not exist: nothing to roll back to');
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('handles a first rollback with no current.txt yet', async () => {
    s3.on(HeadObjectCommand).resolves({});
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'no key', $metadata: {} }));
    s3.on(PutObjectCommand).resolves({});
    const { code, out } = await run(args(['--apply', '--json']), { env: APPLY_ENV });
    expect(code).toBe(0);
    expect(out).toContain('(was unset)');
  });

  it('needs --to and a sub-command', async () => {
    expect((await run(['model', 'rollback', '--env', 'dev', '--config-dir', CONFIG_DIR])).err).toContain(
      '--to <TS> is required',
    );
    expect((await run(['model'])).code).toBe(2);
    expect((await run(['model', 'publish'])).err).toContain("unknown sub-command 'publish'");
  });
});
