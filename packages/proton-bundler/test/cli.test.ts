import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../src/cli/main';

const FIXTURE = join(__dirname, '_fixtures', 'cdk.out');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(argv, { stdout, stderr, cwd: process.cwd() });
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

  it('exits 2 on an unknown command or option', async () => {
    expect((await run(['publish'])).code).toBe(2);
    expect((await run(['build', '--nope'])).code).toBe(2);
  });
});
