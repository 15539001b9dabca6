import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AllowlistError } from '../../src/errors';
import { allowedBy, loadSecretAllowlist } from '../../src/secrets/allowlist';
import { REPO_ROOT, run, tempDir } from '../_helpers/run';

/** A fake AWS access key id, built at run time so this file never holds one. */
const FAKE_KEY_ID = ['AKIA', 'QYLPMN5H', 'FIQR7XYA'].join('');
const FAKE_SECRET = ['wJalrXUtnFEMI', 'K7MDENGbPxRfiCY', 'zq9Xw3Vt2L'].join('/');

function repoWith(files: Record<string, string>): string {
  const root = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

// Each scan starts a worker that loads secretlint (ES modules): slow on a busy machine, not a timed target.
jest.setTimeout(60_000);

describe('aad-guard secrets', () => {
  it('catches a planted AWS access key and secret key with file:line', async () => {
    // Prepare
    const root = repoWith({
      'src/settings.ts': `export const region = 'us-east-1';\nconst id = '${FAKE_KEY_ID}';\n`,
      'deploy.env': `AWS_SECRET_ACCESS_KEY=${FAKE_SECRET}\n`,
    });
    // Act
    const { code, err, out } = await run(['secrets', '--root', root]);
    // Assess
    expect(code).toBe(1);
    expect(err).toContain('src/settings.ts:2:13: @secretlint/secretlint-rule-aws: found AWS Access Key ID');
    expect(err).toMatch(/deploy\.env:1:\d+: @secretlint\/secretlint-rule-aws: found AWS Secret Access Key/);
    expect(err).not.toContain(FAKE_KEY_ID);
    expect(out).toMatch(/secrets: 2 files scanned, 2 finding\(s\), 0 allowed/);
  });

  it('accepts documentation placeholders and IAM unique ids', async () => {
    const root = repoWith({
      'samples/trail.json': JSON.stringify({
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        principalId: ['AIDA', 'Q3EGZ7SKX2ZBY5KDW'].join(''),
        accountId: '111122223333',
      }),
      'config/dev.yml': 'account_id: "123456789012"\n',
    });
    const { code, out } = await run(['secrets', '--root', root, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ passed: true, findings: [], filesScanned: 2 });
  });

  it('lets an allowlist entry with a reason cover a finding, and reports unused entries', async () => {
    // Prepare
    const root = repoWith({ 'test/_fixtures/leak.ts': `const k = '${FAKE_KEY_ID}';\n` });
    const allowlist = join(root, 'allow.json');
    writeFileSync(
      allowlist,
      JSON.stringify({
        entries: [
          {
            path: 'test/_fixtures/**',
            rule: '@secretlint/secretlint-rule-aws',
            reason: 'deactivated key kept as a detector fixture',
          },
          { path: 'docs/**', reason: 'nothing matches this entry any more' },
        ],
      }),
    );
    // Act
    const { code, out } = await run(['secrets', '--root', root, '--allowlist', allowlist]);
    // Assess
    expect(code).toBe(0);
    expect(out).toContain('unused allowlist entry: docs/** (any rule)');
    expect(out).toContain('1 allowed by the allowlist');
  });

  it('rejects an allowlist entry without a reason', async () => {
    const root = repoWith({ 'a.txt': 'hello\n' });
    const allowlist = join(root, 'allow.json');
    writeFileSync(allowlist, JSON.stringify({ entries: [{ path: '**', reason: 'ok' }] }));
    const { code, err } = await run(['secrets', '--root', root, '--allowlist', allowlist]);
    expect(code).toBe(2);
    expect(err).toMatch(/entries\[0\] \(\*\*\): "reason" is required and must say why/);
  });

  it('is clean on this repository', async () => {
    const { code, out } = await run(['secrets', '--root', REPO_ROOT]);
    expect(out).toMatch(/0 finding\(s\)/);
    expect(code).toBe(0);
  });
});

describe('secret allowlist', () => {
  it('validates its shape', () => {
    const dir = tempDir();
    const file = (text: string): string => {
      const path = join(dir, `${Math.random()}.json`);
      writeFileSync(path, text);
      return path;
    };
    expect(loadSecretAllowlist(join(dir, 'missing.json'))).toEqual([]);
    expect(() => loadSecretAllowlist(file('{'))).toThrow(AllowlistError);
    expect(() => loadSecretAllowlist(file('{"entries":{}}'))).toThrow(/"entries" must be an array/);
    expect(() => loadSecretAllowlist(file('{"entries":[{"reason":"x"}]}'))).toThrow(/"path" is required/);
    const entries = loadSecretAllowlist(
      file('{"entries":[{"path":"a/*.ts","reason":"  a reason that is long enough  "}]}'),
    );
    expect(entries).toEqual([{ path: 'a/*.ts', rule: undefined, reason: 'a reason that is long enough' }]);
    expect(allowedBy(entries, 'a/b.ts', 'any')).toBe(entries[0]);
    expect(allowedBy(entries, 'a/b/c.ts', 'any')).toBeUndefined();
  });
});
