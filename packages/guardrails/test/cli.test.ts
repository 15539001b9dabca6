import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../src/cli/main';

async function run(argv: string[], cwd = process.cwd()): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(argv, { stdout, stderr, env: {}, cwd });
  return { code, out, err };
}

describe('aad-guard CLI', () => {
  it('exits 2 with usage when no command is given', async () => {
    const { code, err } = await run([]);
    expect(code).toBe(2);
    expect(err).toMatch(/^Usage: aad-guard <command>/);
  });

  it('exits 2 on an unknown command', async () => {
    expect((await run(['launch'])).code).toBe(2);
  });

  it('prints help for no-deploy', async () => {
    const { code, out } = await run(['no-deploy', '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: aad-guard no-deploy/);
  });

  it.each(['audit', 'cost', 'deploy', 'destroy', 'model', 'secrets', 'pii', 'no-deploy'])(
    'prints help for %s',
    async (name) => {
      const { code, out } = await run([name, '--help']);
      expect(code).toBe(0);
      expect(out).toMatch(new RegExp(`^Usage: aad-guard ${name}`));
      expect(out).toMatch(/Exit codes: 0 /);
    },
  );

  it('lists every command in the usage', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    for (const name of ['audit', 'cost', 'deploy', 'destroy', 'model', 'secrets', 'pii', 'no-deploy']) {
      expect(out).toContain(`  ${name} `);
    }
  });

  it('exits 2 when --env is missing', async () => {
    for (const name of ['cost', 'deploy', 'destroy']) {
      const { code, err } = await run([name]);
      expect(code).toBe(2);
      expect(err).toContain('--env is required');
    }
  });

  it('exits 2 on an unknown option', async () => {
    const { code, err } = await run(['no-deploy', '--frobnicate']);
    expect(code).toBe(2);
    expect(err).toMatch(/Unknown option '--frobnicate'/);
  });

  it('exits 1 and prints file:line for a planted deploy command', async () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'aad-guard-'));
    writeFileSync(join(root, 'deploy.sh'), 'echo start\nterraform apply -auto-approve\n');
    // Act
    const { code, err, out } = await run(['no-deploy', root]);
    // Assess
    expect(code).toBe(1);
    expect(err).toMatch(/^deploy\.sh:2: terraform apply is not behind the deploy gate/);
    expect(out).toMatch(/1 ungated deploy command\(s\)/);
  });

  it('prints JSON and exits 0 on a clean tree', async () => {
    const root = mkdtempSync(join(tmpdir(), 'aad-guard-'));
    writeFileSync(join(root, 'build.sh'), 'cdk synth\n');
    const { code, out } = await run(['no-deploy', '--json'], root);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ ok: true, violations: [], filesScanned: ['build.sh'] });
  });
});
