import { isIPv4, isIPv6 } from 'node:net';

/** Kinds of personal or identifying data the PII scan looks for. */
export type PiiKind = 'email' | 'phone' | 'person-name' | 'account-id' | 'ip-address';

/** One match in one line. */
export interface PiiMatch {
  readonly kind: PiiKind;
  readonly value: string;
  /** 1-based column. */
  readonly column: number;
}

/** Domains reserved for documentation and testing (RFC 2606 / RFC 6761). */
export function isReservedEmailDomain(domain: string): boolean {
  const d = domain.toLowerCase();
  return (
    /^(.+\.)?example\.(com|net|org)$/.test(d) ||
    /\.(example|test|invalid|localhost)$/.test(d) ||
    d === 'example' ||
    d === 'localhost'
  );
}

/** Account ids used by AWS documentation and placeholders: one repeated digit, 1111-2222-3333 style, 123456789012. */
export function isDocumentationAccount(id: string): boolean {
  return (
    /^(\d)\1{11}$/.test(id) ||
    /^(\d)\1{3}(\d)\2{3}(\d)\3{3}$/.test(id) ||
    ['123456789012', '012345678901', '210987654321', '098765432109'].includes(id)
  );
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

const V4_ALLOWED: readonly [string, number, string][] = [
  ['192.0.2.0', 24, 'TEST-NET-1 (RFC 5737)'],
  ['198.51.100.0', 24, 'TEST-NET-2 (RFC 5737)'],
  ['203.0.113.0', 24, 'TEST-NET-3 (RFC 5737)'],
  ['10.0.0.0', 8, 'private (RFC 1918)'],
  ['172.16.0.0', 12, 'private (RFC 1918)'],
  ['192.168.0.0', 16, 'private (RFC 1918)'],
  ['127.0.0.0', 8, 'loopback'],
  ['0.0.0.0', 8, 'this network'],
  ['169.254.0.0', 16, 'link-local'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

/** Why an IP is not personal data (a documentation, private or special range), or undefined for a routable address. */
export function reservedIpRange(ip: string): string | undefined {
  if (isIPv4(ip)) {
    const n = ipv4ToInt(ip);
    for (const [base, bits, why] of V4_ALLOWED) {
      const block = 2 ** (32 - bits);
      if (Math.floor(n / block) === Math.floor(ipv4ToInt(base) / block)) return why;
    }
    return undefined;
  }
  const v6 = ip.toLowerCase();
  if (/^2001:0?db8:/.test(v6)) return 'documentation (RFC 3849)';
  if (v6 === '::1' || v6 === '::') return 'loopback/unspecified';
  if (/^fe[89ab][0-9a-f]?:/.test(v6)) return 'link-local';
  if (/^f[cd][0-9a-f]{2}:/.test(v6)) return 'unique local';
  return undefined;
}

/** Words that make an identity a role or a machine, not a person. */
const TECHNICAL = new Set(
  (
    'admin administrator root service svc system sys app application api lambda function role user users test tester ' +
    'demo dev prod stage staging ci cd deploy deployer pipeline build bot automation audit auditor readonly read write ' +
    'ops devops security sec analyst guest default console session cli sdk terraform cdk cloudformation aws backup ' +
    'monitor monitoring alert alerts scanner worker job batch task lab sandbox example sample dummy temp tmp trail ' +
    'discover traildiscover attacker victim malicious external internal support billing finance data etl ml model ' +
    'auto scaling autoscaling cloud formation cloudformation scheduler compactor catalog datacatalog snapshot name ' +
    'account panther instance cluster node manager operator owner principal identity federated assumed sso ' +
    'organization org master member reader writer engineer developer team group'
  ).split(' '),
);

/** Given names common enough that a bare one in an identity is likely a person. */
const GIVEN_NAMES = new Set(
  (
    'james john robert michael william david richard joseph thomas charles mary patricia jennifer linda elizabeth ' +
    'barbara susan jessica sarah karen nancy lisa betty margaret sandra ashley emily olivia emma sophia ava isabella ' +
    'mia liam noah oliver elijah lucas mason logan ethan jacob daniel matthew anna maria laura peter paul mark kevin ' +
    'brian george steven andrew alex alexander chris christopher jane jack harry'
  ).split(' '),
);

/** True when an identity value (IAM user name, role session name) looks like a person's name. */
export function looksLikePersonName(value: string): boolean {
  const tokens = value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[._\s-]+/)
    .filter(Boolean)
    .map((t) => t.toLowerCase());
  if (tokens.length === 0 || tokens.some((t) => /\d/.test(t))) return false;
  if (tokens.some((t) => TECHNICAL.has(t))) return false;
  if (tokens.length === 1) return GIVEN_NAMES.has(tokens[0]);
  return (
    tokens.length <= 3 &&
    tokens.every((t) => /^[a-z]{2,}$/.test(t)) &&
    (GIVEN_NAMES.has(tokens[0]) || tokens.length >= 2)
  );
}

const EMAIL = /(?<![\w.+-])[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?![\w-])/g;
const PHONE = /(?<![\w.:/-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]\d{3}[ .-]\d{4}(?![\w.:/-])/g;
const IPV4 = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]*\d)/g;
const IPV6 = /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){2,7}(?::|[0-9A-Fa-f]{1,4})(?:[0-9A-Fa-f:]*)(?![\w:])/g;
const ACCOUNT_IN_ARN = /arn:aws[\w-]*:[\w-]*:[\w-]*:(\d{12}):/g;
const ACCOUNT_KEY =
  /["']?(?:accountId|recipientAccountId|awsAccountId|account|AccountId|account_id|ownerId|OwnerId)["']?\s*[:=]\s*["']?(\d{12})\b/g;
const IDENTITY = [
  /arn:aws[\w-]*:(?:iam|sts)::\d{12}:user\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)/g,
  /arn:aws[\w-]*:sts::\d{12}:assumed-role\/[\w+=,.@-]+\/([\w+=,.@-]+)/g,
  /"userName"\s*:\s*"([^"]+)"/g,
  /"principalId"\s*:\s*"[A-Z0-9]+:([^"]+)"/g,
];

/** Every candidate on one line, before the allowlist: emails, phones, person names in identities, accounts, IPs. */
export function detectPii(line: string): PiiMatch[] {
  const out: PiiMatch[] = [];
  const seen = new Set<string>();
  const add = (kind: PiiKind, value: string, index: number): void => {
    const key = `${kind}|${value}|${index}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ kind, value, column: index + 1 });
    }
  };
  for (const m of line.matchAll(EMAIL)) {
    if (!isReservedEmailDomain(m[1])) add('email', m[0], m.index ?? 0);
  }
  for (const m of line.matchAll(PHONE)) {
    if (!/555[ .-]01\d\d$/.test(m[0])) add('phone', m[0], m.index ?? 0);
  }
  for (const re of IDENTITY) {
    for (const m of line.matchAll(re)) {
      const value = m[1];
      if (!value.includes('@') && looksLikePersonName(value)) {
        add('person-name', value, (m.index ?? 0) + m[0].indexOf(value));
      }
    }
  }
  for (const re of [ACCOUNT_IN_ARN, ACCOUNT_KEY]) {
    for (const m of line.matchAll(re)) {
      if (!isDocumentationAccount(m[1])) add('account-id', m[1], (m.index ?? 0) + m[0].lastIndexOf(m[1]));
    }
  }
  for (const m of line.matchAll(IPV4)) {
    if (isIPv4(m[0]) && !reservedIpRange(m[0])) add('ip-address', m[0], m.index ?? 0);
  }
  for (const m of line.matchAll(IPV6)) {
    if (isIPv6(m[0]) && m[0].length > 4 && !reservedIpRange(m[0])) add('ip-address', m[0], m.index ?? 0);
  }
  return out.sort((a, b) => a.column - b.column);
}

/** How a value is shown in reports: emails, phones and names are masked; accounts and IPs are shown as is. */
export function displayValue(match: Pick<PiiMatch, 'kind' | 'value'>): string {
  if (match.kind === 'account-id' || match.kind === 'ip-address') return match.value;
  const v = match.value;
  return v.length <= 2 ? '**' : `${v[0]}${'*'.repeat(Math.min(8, v.length - 2))}${v[v.length - 1]}`;
}
