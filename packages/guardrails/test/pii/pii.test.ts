import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPiiAllowlist, piiAllowedBy } from '../../src/pii/allowlist';
import {
  detectPii,
  displayValue,
  isDocumentationAccount,
  looksLikePersonName,
  reservedIpRange,
} from '../../src/pii/detectors';
import { REPO_ROOT, run, tempDir } from '../_helpers/run';

// Planted values are assembled at run time so this file is not itself a finding.
const at = '@';
const EMAIL = `jane.roe${at}acme-corp.com`;
const ACCOUNT = ['7349', '1258', '3012'].join('');

describe('detectPii', () => {
  it.each([
    ['email', `contact ${EMAIL} now`, EMAIL],
    ['phone', 'call +1 (415) 867-5309 today', '+1 (415) 867-5309'],
    ['phone', 'call 415.867.5309', '415.867.5309'],
    ['person-name', '"arn":"arn:aws:iam::111122223333:user/maria.garcia"', 'maria.garcia'],
    ['person-name', '"arn":"arn:aws:sts::111122223333:assumed-role/Admin/john"', 'john'],
    ['person-name', '"userName": "Emily Clarke"', 'Emily Clarke'],
    ['account-id', `"recipientAccountId":"${ACCOUNT}"`, ACCOUNT],
    ['account-id', `arn:aws:s3:us-east-1:${ACCOUNT}:bucket`, ACCOUNT],
    ['ip-address', '"sourceIPAddress":"34.201.12.7"', '34.201.12.7'],
    ['ip-address', 'from 2600:1f18:abcd::12 to', '2600:1f18:abcd::12'],
  ])('finds a %s in %s', (kind, line, value) => {
    expect(detectPii(line)).toEqual(expect.arrayContaining([expect.objectContaining({ kind, value })]));
  });

  it.each([
    ['reserved email domains', `ops${at}example.com, a${at}corp.example, b${at}x.test`],
    ['fiction phone numbers, dates and versions', 'call 555-0142; 2024-08-18; v1.2.3; 12:30:45'],
    [
      'documentation and private IPs',
      '192.0.2.10 198.51.100.7 203.0.113.99 10.0.0.1 172.16.5.5 192.168.1.1 127.0.0.1 2001:db8::1 fe80::1',
    ],
    ['documentation accounts', '"accountId":"123456789012" arn:aws:iam::111122223333:role/x "account":"000000000000"'],
    [
      'technical identities',
      '"userName":"ci-deployer" arn:aws:sts::111122223333:assumed-role/AutoScaling/i-0abc "userName":"svc_backup"',
    ],
    ['a 12-digit number that is not an account', `eventTime 202408180921 size ${ACCOUNT}`],
  ])('ignores %s', (_what, line) => {
    expect(detectPii(line)).toEqual([]);
  });

  it('masks personal values in reports but shows accounts and IPs', () => {
    expect(displayValue({ kind: 'email', value: EMAIL })).toBe('j********m');
    expect(displayValue({ kind: 'ip-address', value: '34.201.12.7' })).toBe('34.201.12.7');
    expect(displayValue({ kind: 'person-name', value: 'al' })).toBe('**');
  });

  it('classifies placeholders and ranges', () => {
    expect(isDocumentationAccount('444455556666')).toBe(true);
    expect(isDocumentationAccount(ACCOUNT)).toBe(false);
    expect(reservedIpRange('100.64.0.1')).toBeUndefined();
    expect(reservedIpRange('224.0.0.251')).toBe('multicast');
    expect(reservedIpRange('fd00::1')).toBe('unique local');
    expect(looksLikePersonName('leroy.jenkins')).toBe(true);
    expect(looksLikePersonName('lambda-exec-role')).toBe(false);
    expect(looksLikePersonName('build42')).toBe(false);
  });
});

function repoWith(files: Record<string, string>): string {
  const root = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('aad-guard pii', () => {
  it('reports planted personal data in fixtures and models with file:line, masked', async () => {
    // Prepare
    const root = repoWith({
      'packages/core/test/_fixtures/events.jsonl': `{"userIdentity":{"arn":"arn:aws:iam::111122223333:user/maria.garcia"}}\n{"sourceIPAddress":"34.201.12.7"}\n`,
      'packages/core/models/entities.json': `{"owner":"${EMAIL}"}\n`,
      'packages/core/src/code.ts': `const e = '${EMAIL}';\n`,
    });
    // Act
    const { code, err, out } = await run(['pii', '--root', root]);
    // Assess
    expect(code).toBe(1);
    expect(err.split('\n').filter(Boolean)).toEqual([
      'packages/core/models/entities.json:1:11: email j********m',
      'packages/core/test/_fixtures/events.jsonl:1:56: person-name m********a',
      'packages/core/test/_fixtures/events.jsonl:2:21: ip-address 34.201.12.7',
    ]);
    expect(out).toContain('pii: 2 files scanned, 3 finding(s), 0 allowed');
  });

  it('accepts values on the allowlist and scans extra paths', async () => {
    const root = repoWith({ 'data/raw.csv': 'ip\n34.201.12.7\n111.111.111.111\n' });
    const extra = repoWith({ 'more.jsonl': `{"recipientAccountId":"${ACCOUNT}"}\n` });
    const allowlist = join(root, 'allow.json');
    writeFileSync(
      allowlist,
      JSON.stringify({
        entries: [
          { value: '111.111.111.111', kind: 'ip-address', reason: 'placeholder IP of the TrailDiscover examples' },
          { pattern: '34\\.201\\.\\d+\\.\\d+', path: 'data/**', reason: 'our own test VPC range on a sandbox account' },
        ],
      }),
    );
    const { code, out, err } = await run(['pii', '--root', root, '--allowlist', allowlist, '--path', extra, '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ allowed: 2, passed: false, countsByKind: { 'account-id': 1 } });
    expect(report.findings[0]).toMatchObject({ kind: 'account-id', value: ACCOUNT, line: 1 });
    expect(err).toBe('');
  });

  it('validates allowlist entries', () => {
    const dir = tempDir();
    const file = (obj: unknown): string => {
      const path = join(dir, `${Math.random()}.json`);
      writeFileSync(path, JSON.stringify(obj));
      return path;
    };
    expect(() => loadPiiAllowlist(file({ entries: [{ reason: 'a long enough reason here' }] }))).toThrow(
      /"value" or "pattern" is required/,
    );
    expect(() => loadPiiAllowlist(file({ entries: [{ pattern: '(', reason: 'a long enough reason here' }] }))).toThrow(
      /not a valid regular expression/,
    );
    expect(() =>
      loadPiiAllowlist(file({ entries: [{ value: 'x', kind: 'ssn', reason: 'a long enough reason here' }] })),
    ).toThrow(/"kind" must be one of/);
    expect(() => loadPiiAllowlist(file({ entries: [{ value: 'x', reason: 'short' }] }))).toThrow(
      /"reason" is required/,
    );
    expect(() => loadPiiAllowlist(file({ entries: 1 }))).toThrow(/"entries" must be an array/);
    expect(loadPiiAllowlist(join(dir, 'none.json'))).toEqual([]);
    const entries = loadPiiAllowlist(
      file({ entries: [{ value: '1.2.3.4', reason: 'placeholder IP of the dataset' }] }),
    );
    expect(piiAllowedBy(entries, 'x', 'ip-address', '1.2.3.4')).toBe(entries[0]);
  });

  it('is clean on this repository with its allowlist', async () => {
    const { code, out, err } = await run(['pii', '--root', REPO_ROOT]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/0 finding\(s\)/);
  });

  it('accepts every placeholder of the shared reference datasets through the allowlist', async () => {
    const datasets = join(REPO_ROOT, '..', 'shared', 'datasets');
    const { code, err } = await run([
      'pii',
      '--root',
      tempDir(),
      '--allowlist',
      join(REPO_ROOT, 'packages', 'guardrails', 'allowlists', 'pii.allowlist.json'),
      '--path',
      datasets,
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
  });
});
