import fc from 'fast-check';
import {
  classifyIp,
  computePrincipal,
  parseEventTime,
  principalOf,
  toEventView,
  userAgentFamily,
} from '../../src/anomaly/event-view';

describe('parseEventTime', () => {
  it.each([
    ['2026-11-20T10:00:00Z', Date.UTC(2026, 10, 20, 10)],
    ['2024-11-25 17:51:21.000000000', Date.UTC(2024, 10, 25, 17, 51, 21)],
    ['2021-10-29 23:50:09', Date.UTC(2021, 9, 29, 23, 50, 9)],
    ['2024-01-15T10:30:00+02:00', Date.UTC(2024, 0, 15, 8, 30)],
  ])('%s', (raw, expected) => {
    expect(parseEventTime(raw)).toBe(expected);
  });

  it('gives NaN for empty or unparseable times', () => {
    expect(parseEventTime('')).toBeNaN();
    expect(parseEventTime('yesterday')).toBeNaN();
  });
});

describe('classifyIp', () => {
  it.each([
    ['203.0.113.9', 'public', '203.0.113.0/24'],
    ['10.1.2.3', 'private', '10.1.2.0/24'],
    ['172.20.0.1', 'private', '172.20.0.0/24'],
    ['100.64.1.1', 'private', '100.64.1.0/24'],
    ['2600:1700:1:2::5', 'public', '2600:1700:1::/48'],
    ['fd00::1', 'private', 'fd00:0:0::/48'],
    ['::ffff:198.51.100.4', 'public', '198.51.100.0/24'],
    ['AWS Internal', 'aws-internal', ''],
    ['cloudformation.amazonaws.com', 'aws-service', ''],
    ['example.org', 'hostname', ''],
    ['', 'none', ''],
  ])('%s → %s %s', (ip, kind, network) => {
    expect(classifyIp(ip)).toEqual({ kind, network });
  });
});

describe('userAgentFamily', () => {
  it.each([
    ['aws-cli/2.15.30 Python/3.11.8 Darwin/23.4.0 exe/x86_64', 'aws-cli|macos'],
    ['aws-cli/2.13.4 Python/3.11.4 Linux/5.15.0-1051-aws exe/x86_64.ubuntu.22', 'aws-cli|linux'],
    ['Boto3/1.34.69 md/Botocore#1.34.69 os/linux#5.10', 'boto3|linux'],
    ['APN/1.0 HashiCorp/1.0 Terraform/1.7.5 aws-sdk-go-v2/1.26.0 os/linux', 'terraform|linux'],
    ['console.amazonaws.com', 'console'],
    ['signin.amazonaws.com', 'console'],
    ['cloudformation.amazonaws.com', 'aws-service'],
    ['AWS Internal', 'aws-service'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'browser|windows'],
    ['TruffleHog', 'trufflehog'],
    ['', 'none'],
  ])('%s → %s', (ua, family) => {
    expect(userAgentFamily(ua)).toBe(family);
  });
});

describe('principalOf', () => {
  it.each([
    [
      'IAM user',
      { type: 'IAMUser', arn: 'arn:aws:iam::1:user/ops/alice', accountId: '1', userName: 'alice' },
      { entityType: 'iam-user', key: 'arn:aws:iam::1:user/ops/alice', name: 'alice', human: true },
    ],
    [
      'workload role session keyed by its role',
      {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::1:assumed-role/app-role/i-0123456789abcdef0',
        sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::1:role/service-role/app-role', userName: 'app-role' } },
      },
      {
        entityType: 'assumed-role',
        entityId: 'arn:aws:sts::1:assumed-role/app-role/i-0123456789abcdef0',
        key: 'arn:aws:iam::1:role/service-role/app-role',
        sessionName: 'i-0123456789abcdef0',
        human: false,
      },
    ],
    [
      'SSO session keyed by the person',
      { type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/AWSReservedSSO_Admin_01/dana@example.com' },
      {
        entityType: 'assumed-role',
        key: 'arn:aws:sts::1:assumed-role/AWSReservedSSO_Admin_01/dana@example.com',
        human: true,
      },
    ],
    ['root', { type: 'Root', accountId: '1' }, { entityType: 'root', key: 'arn:aws:iam::1:root', human: true }],
    [
      'AWS service',
      { type: 'AWSService', invokedBy: 'config.amazonaws.com' },
      { entityType: 'aws-service', key: 'service:config.amazonaws.com' },
    ],
    ['other account', { type: 'AWSAccount', accountId: '2', principalId: 'AROA:x' }, { key: 'account:2:AROA:x' }],
    [
      'federated user',
      { type: 'FederatedUser', arn: 'arn:aws:sts::1:federated-user/bob' },
      { entityType: 'federated-user' },
    ],
    ['nothing at all', undefined, { entityType: 'unknown', key: 'unknown' }],
  ])('%s', (_name, userIdentity, expected) => {
    expect(principalOf({ userIdentity, recipientAccountId: '1' })).toEqual(expect.objectContaining(expected));
  });

  it('a cached principal is always the one the record itself gives (identities that share an ARN)', () => {
    // Few ARNs and many variants of the other identity fields, camel-case and lowercase keys, odd
    // values where objects belong: every cache hit must be checked against what the result depends on.
    const text = (...values: string[]) => fc.constantFrom(undefined, ...values);
    const session = fc.oneof(
      fc.constantFrom(undefined, null, 'x', 7),
      fc.record(
        {
          sessionIssuer: fc.oneof(
            fc.constantFrom(undefined, null, 'x'),
            fc.record({ arn: text('arn:aws:iam::1:role/r', 'arn:aws:iam::1:role/q'), userName: text('r', 'q') }),
          ),
          attributes: fc.oneof(
            fc.constantFrom(undefined, null),
            fc.record({ mfaAuthenticated: text('true', 'false', 'TRUE') }),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    const identity = fc.record(
      {
        type: text('AssumedRole', 'IAMUser', 'Root', 'AWSService', 'AWSAccount', 'FederatedUser', 'SAMLUser'),
        arn: text('arn:aws:sts::1:assumed-role/r/s', 'arn:aws:iam::1:user/u', 'arn:aws:iam::1:root'),
        accountId: text('1', '2'),
        accessKeyId: text('ASIAX', 'AKIAY'),
        principalId: text('AROA:s', 'AIDA', 'AROA:dana@example.com'),
        userName: text('u', 'v'),
        invokedBy: text('config.amazonaws.com'),
        sessionContext: session,
      },
      { requiredKeys: [] },
    );
    const record = fc.record(
      {
        userIdentity: identity,
        recipientAccountId: text('1', '3'),
        sourceIPAddress: text('ec2.amazonaws.com', '10.0.0.1'),
        additionalEventData: fc.oneof(
          fc.constant(undefined),
          fc.record({ MFAUsed: text('Yes', 'No'), SamlProviderArn: text('arn:aws:iam::1:saml-provider/p') }),
        ),
      },
      { requiredKeys: [] },
    );
    const lowercased = (value: unknown): unknown =>
      value === null || typeof value !== 'object'
        ? value
        : Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowercased(v)]));
    fc.assert(
      fc.property(fc.array(fc.tuple(record, fc.boolean()), { minLength: 1, maxLength: 30 }), (records) => {
        for (const [r, lower] of records) {
          const read = lower ? { ...r, userIdentity: lowercased(r.userIdentity) } : r;
          expect(principalOf(read)).toEqual(computePrincipal(read));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reads lowercase identity keys some pipelines write', () => {
    const p = principalOf({
      userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/r/s', accesskeyid: 'ASIAX' },
    });
    expect(p.accessKeyId).toBe('ASIAX');
  });
});

describe('toEventView', () => {
  it('normalizes a record and names the outcome', () => {
    const view = toEventView({
      eventTime: '2026-11-20 10:00:00',
      eventsource: 's3.amazonaws.com',
      eventName: 'GetObject',
      errorCode: 'AccessDenied',
      sourceIPAddress: '198.51.100.7',
      eventID: 'e1',
    });
    expect(view).toEqual(
      expect.objectContaining({
        logId: 'e1',
        eventTime: '2026-11-20T10:00:00.000Z',
        action: 's3:GetObject',
        outcome: 'denied',
        network: '198.51.100.0/24',
      }),
    );
  });

  it('treats a failed console sign-in as denied and other errors as failed', () => {
    expect(toEventView({ eventName: 'ConsoleLogin', responseElements: { ConsoleLogin: 'Failure' } }).outcome).toBe(
      'denied',
    );
    expect(toEventView({ eventName: 'ConsoleLogin', errorCode: 'Failed authentication' }).outcome).toBe('denied');
    expect(toEventView({ eventName: 'GetItem', errorCode: 'ThrottlingException' }).outcome).toBe('failed');
  });

  it('gives a stable hash log id to records without eventID, and never throws', () => {
    const a = toEventView({ eventName: 'X' });
    expect(a.logId).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(toEventView({ eventName: 'X' }).logId).toBe(a.logId);
    const circular: Record<string, unknown> = { eventName: 'Y' };
    circular.self = circular;
    expect(() => toEventView(circular)).not.toThrow();
    expect(toEventView({ eventTime: 'nope' }).timeMs).toBeNaN();
  });
});
