import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { readCloudAssembly } from '../src';
import { main } from '../src/cli/main';

const FIXTURE = join(__dirname, '_fixtures', 'cdk.out');

async function run(argv: string[], cwd = process.cwd()): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(argv, { stdout, stderr, cwd });
  return { code, out, err };
}

describe('proton-bundle build', () => {
  it('records each source stack with the sha256 of its template', async () => {
    // Prepare
    const out = mkdtempSync(join(tmpdir(), 'aad-bundle-'));
    // Act
    const { code, out: stdout } = await run(['build', '--cdk-out', FIXTURE, '--out', out]);
    // Assess
    expect(code).toBe(0);
    const expected = createHash('sha256')
      .update(readFileSync(join(FIXTURE, 'aad-dev-detector.template.json')))
      .digest('hex');
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toEqual({
      sources: [{ stackName: 'aad-dev-detector', templateSha256: expected }],
    });
    expect(stdout).toMatch(/AWS Proton reached end of support on 2026-10-07/);
  });

  it('exits 1 naming the directory when there is no cloud assembly', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'aad-empty-'));
    const { code, err } = await run(['build', '--cdk-out', empty]);
    expect(code).toBe(1);
    expect(err).toContain(`${join(empty, 'manifest.json')}: no cloud assembly here; run \`npx projen synth\` first`);
  });

  it('reads ../constructs/cdk.out and writes dist/proton by default', async () => {
    // Prepare: a workspace-shaped folder with the fixture as the constructs' cloud assembly
    const root = mkdtempSync(join(tmpdir(), 'aad-ws-'));
    mkdirSync(join(root, 'constructs'));
    mkdirSync(join(root, 'proton-bundler'));
    cpSync(FIXTURE, join(root, 'constructs', 'cdk.out'), { recursive: true });
    // Act
    const { code } = await run(['build'], join(root, 'proton-bundler'));
    // Assess
    expect(code).toBe(0);
    expect(
      JSON.parse(readFileSync(join(root, 'proton-bundler', 'dist', 'proton', 'manifest.json'), 'utf8')).sources,
    ).toHaveLength(1);
  });

  it('prints usage with --help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: proton-bundle <command>/);
  });

  it('exits 2 with usage when no command is given', async () => {
    const { code, err } = await run([]);
    expect(code).toBe(2);
    expect(err).toMatch(/^Usage: proton-bundle/);
  });

  it('exits 2 on an unknown command or option', async () => {
    expect((await run(['publish'])).code).toBe(2);
    expect((await run(['build', '--nope'])).code).toBe(2);
  });
});

describe('readCloudAssembly', () => {
  it('falls back to the artifact id for the stack name and template file', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'aad-asm-'));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        artifacts: { B: { type: 'aws:cloudformation:stack' }, A: { type: 'aws:cloudformation:stack' } },
      }),
    );
    writeFileSync(join(dir, 'A.template.json'), '{}');
    writeFileSync(join(dir, 'B.template.json'), '{}');
    // Act
    const stacks = readCloudAssembly(dir);
    // Assess
    expect(stacks.map((s) => s.stackName)).toEqual(['A', 'B']);
  });

  it('reads an assembly without artifacts as empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aad-asm-'));
    writeFileSync(join(dir, 'manifest.json'), '{}');
    expect(readCloudAssembly(dir)).toEqual([]);
  });
});
