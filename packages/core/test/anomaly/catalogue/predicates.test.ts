import fc from 'fast-check';
import { ev } from './rule-cases';
import {
  adminPolicyDocument,
  catchAllSecretFilter,
  crossAccountCaller,
  crossAccountResourcePolicy,
  humanPrincipal,
  instanceCredentialsOutsideAws,
  policyDocuments,
  publicAccessBlockWeakened,
  publicAcl,
  publicResourcePolicy,
  publicSourceThroughVpcEndpoint,
  resourceInOtherAccount,
  targetsOtherUser,
  worldOpenIngress,
} from '../../../src/anomaly/catalogue/predicates';
import { evaluateCondition, firstAtPath, resolvePath } from '../../../src/anomaly/catalogue/rule-engine';
import { toEventView } from '../../../src/anomaly/event-view';

const view = (...args: Parameters<typeof ev>) => toEventView(ev(...args));
const doc = (statements: unknown[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('publicResourcePolicy', () => {
  it.each([
    ['Principal "*" with no condition', { Effect: 'Allow', Principal: '*', Action: 's3:*' }, true],
    ['Principal {AWS: "*"}', { Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:*' }, true],
    ['Principal {AWS: ["*"]}', { Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 's3:*' }, true],
    ['Deny statement', { Effect: 'Deny', Principal: '*', Action: 's3:*' }, false],
    ['service principal', { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' } }, false],
    [
      'scoped by organization',
      { Effect: 'Allow', Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } },
      false,
    ],
    [
      'condition with a wildcard value does not scope',
      { Effect: 'Allow', Principal: '*', Condition: { StringLike: { 'aws:PrincipalArn': '*' } } },
      true,
    ],
    [
      'condition on an unrelated key does not scope',
      { Effect: 'Allow', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
      true,
    ],
  ])('%s → %s', (_name, statement, expected) => {
    const event = view('s3', 'PutBucketPolicy', { bucketName: 'b', bucketPolicy: { Statement: [statement] } });
    expect(publicResourcePolicy(event, []) !== undefined).toBe(expected);
  });

  it('finds policies in JSON strings, nested attributes and arrays, and ignores invalid JSON', () => {
    expect(policyDocuments({ attributes: { Policy: doc([{ Effect: 'Allow', Principal: '*' }]) } })).toHaveLength(1);
    expect(policyDocuments({ list: [doc([]), { Statement: [] }] })).toHaveLength(2);
    expect(policyDocuments({ bucketPolicy: 'invalid-json-policy with Statement' })).toEqual([]);
    expect(policyDocuments(null)).toEqual([]);
  });
});

describe('crossAccountResourcePolicy', () => {
  it.each([
    ['account id', '444455556666', true],
    ['role ARN of another account', 'arn:aws:iam::444455556666:role/x', true],
    ['own account root', 'arn:aws:iam::111122223333:root', false],
    ['wildcard (handled by the public rule)', '*', false],
  ])('%s → %s', (_name, principal, expected) => {
    const event = view('kms', 'PutKeyPolicy', { policy: doc([{ Effect: 'Allow', Principal: { AWS: principal } }]) });
    expect(crossAccountResourcePolicy(event, []) !== undefined).toBe(expected);
  });

  it('says nothing without an account to compare with', () => {
    const event = toEventView({ eventName: 'PutKeyPolicy', requestParameters: { policy: doc([]) } });
    expect(crossAccountResourcePolicy(event, [])).toBeUndefined();
  });
});

describe('publicAcl', () => {
  it.each([
    [{ 'x-amz-acl': ['public-read'] }, true],
    [{ 'x-amz-acl': 'authenticated-read' }, true],
    [{ acl: ['private'] }, false],
    [
      {
        AccessControlPolicy: {
          AccessControlList: { Grant: [{ Grantee: { URI: 'http://acs.amazonaws.com/groups/global/AllUsers' } }] },
        },
      },
      true,
    ],
    [{ AccessControlPolicy: { AccessControlList: { Grant: [{ Grantee: { ID: 'abc' } }] } } }, false],
  ])('%j → %s', (parameters, expected) => {
    expect(publicAcl(view('s3', 'PutBucketAcl', parameters), []) !== undefined).toBe(expected);
  });
});

describe('publicAccessBlockWeakened', () => {
  it.each([
    [{ BlockPublicAcls: false }, 'turns off BlockPublicAcls'],
    [
      { RestrictPublicBuckets: 'false', BlockPublicPolicy: false },
      'turns off BlockPublicPolicy, RestrictPublicBuckets',
    ],
    [{ BlockPublicAcls: true }, undefined],
  ])('%j → %s', (configuration, expected) => {
    const event = view('s3', 'PutPublicAccessBlock', { PublicAccessBlockConfiguration: configuration });
    expect(publicAccessBlockWeakened(event, [])).toBe(expected);
  });
});

describe('adminPolicyDocument', () => {
  it.each([
    [[{ Effect: 'Allow', Action: '*', Resource: '*' }], 'allows * on *'],
    [[{ Effect: 'Allow', Action: ['s3:GetObject', 'iam:*'], Resource: ['*'] }], 'allows iam:* on *'],
    [[{ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }], 'allows NotAction on *'],
    [[{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/*' }], undefined],
    [[{ Effect: 'Deny', Action: '*', Resource: '*' }], undefined],
  ])('%j → %s', (statements, expected) => {
    expect(adminPolicyDocument(view('iam', 'PutUserPolicy', { policyDocument: doc(statements) }), [])).toBe(expected);
  });
});

describe('targetsOtherUser', () => {
  it.each([
    ['alice for bob', 'bob', true],
    ['alice for alice', 'alice', false],
    ['alice for a name containing hers', 'alice2', true],
    ['no user name (self)', undefined, false],
  ])('%s → %s', (_name, userName, expected) => {
    const event = view('iam', 'CreateAccessKey', userName === undefined ? null : { userName });
    expect(targetsOtherUser(event, []) !== undefined).toBe(expected);
  });

  it('treats an assumed-role session named after the user as self', () => {
    const event = view(
      'iam',
      'UpdateLoginProfile',
      { userName: 'carol' },
      {
        userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/IAM/carol' },
      },
    );
    expect(targetsOtherUser(event, [])).toBeUndefined();
  });
});

describe('instanceCredentialsOutsideAws', () => {
  const instanceRole = { type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/app/i-0abcdef1234567890' };
  it.each([
    ['public address', {}, true],
    ['private address', { sourceIPAddress: '10.0.0.5' }, false],
    ['invoked by a service', { userIdentity: { ...instanceRole, invokedBy: 'eks.amazonaws.com' } }, false],
    ['through a VPC endpoint', { vpcEndpointId: 'vpce-1' }, false],
    ['SSM agent', { eventSource: 'ssmmessages.amazonaws.com' }, false],
    [
      'session not an instance id',
      { userIdentity: { ...instanceRole, arn: 'arn:aws:sts::1:assumed-role/app/build' } },
      false,
    ],
  ])('%s → %s', (_name, extra, expected) => {
    const event = view('ec2', 'DescribeInstances', null, { userIdentity: instanceRole, ...extra });
    expect(instanceCredentialsOutsideAws(event, []) !== undefined).toBe(expected);
  });
});

describe('principal predicates', () => {
  it('humanPrincipal: IAM users and SSO sessions are people, workload roles are not', () => {
    expect(humanPrincipal(view('lambda', 'UpdateFunctionCode'), [])).toBeDefined();
    const sso = {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::1:assumed-role/AWSReservedSSO_Admin_0123/dev@example.com',
    };
    expect(humanPrincipal(view('lambda', 'UpdateFunctionCode', null, { userIdentity: sso }), [])).toBeDefined();
    const ci = { type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/ci-role/GitHubActions-1' };
    expect(humanPrincipal(view('lambda', 'UpdateFunctionCode', null, { userIdentity: ci }), [])).toBeUndefined();
  });

  it('crossAccountCaller: the caller account differs from the recording account', () => {
    const other = { type: 'AWSAccount', accountId: '444455556666', principalId: 'AROAX:s' };
    expect(crossAccountCaller(view('s3', 'GetObject', null, { userIdentity: other }), [])).toBeDefined();
    expect(crossAccountCaller(view('s3', 'GetObject'), [])).toBeUndefined();
    const service = { type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com', accountId: '444455556666' };
    expect(crossAccountCaller(view('s3', 'PutObject', null, { userIdentity: service }), [])).toBeUndefined();
  });

  it('publicSourceThroughVpcEndpoint: only VPC endpoint network events', () => {
    expect(publicSourceThroughVpcEndpoint(view('s3', 'GetObject', null, { vpcEndpointId: 'v' }), [])).toBeUndefined();
    const vpce = { vpcEndpointId: 'v', eventType: 'AwsVpceEvent' };
    expect(publicSourceThroughVpcEndpoint(view('s3', 'GetObject', null, vpce), [])).toBeDefined();
  });

  it('resourceInOtherAccount: a listed resource belongs to another account', () => {
    const resources = [{ ARN: 'arn:aws:s3:::x', accountId: '444455556666' }];
    expect(resourceInOtherAccount(view('s3', 'CopyObject', null, { resources }), [])).toMatch(/444455556666/);
    expect(resourceInOtherAccount(view('s3', 'CopyObject', null, { resources: [{ ARN: 'a' }] }), [])).toBeUndefined();
  });

  it('catchAllSecretFilter: only negations, or nothing named', () => {
    expect(catchAllSecretFilter(view('secretsmanager', 'BatchGetSecretValue', {}), [])).toBeDefined();
    const mixed = {
      filters: [
        { key: 'tag-key', values: ['!x'] },
        { key: 'tag-key', values: ['y'] },
      ],
    };
    expect(catchAllSecretFilter(view('secretsmanager', 'BatchGetSecretValue', mixed), [])).toBeUndefined();
  });
});

describe('worldOpenIngress', () => {
  const sg = (cidr: string, from: number | string, to: number | string, protocol = 'tcp') =>
    view('ec2', 'AuthorizeSecurityGroupIngress', {
      ipPermissions: {
        items: [{ ipProtocol: protocol, fromPort: from, toPort: to, ipRanges: { items: [{ cidrIp: cidr }] } }],
      },
    });
  it.each([
    [sg('0.0.0.0/0', 22, 22), ['admin'], 'opens port 22 to 0.0.0.0/0'],
    [sg('0.0.0.0/0', 0, 65535, '-1'), ['admin'], 'opens ports 0-65535 to 0.0.0.0/0'],
    [sg('0.0.0.0/0', '443', '443'), ['admin'], undefined],
    [sg('0.0.0.0/0', '443', '443'), [], 'opens ports 443-443 to 0.0.0.0/0'],
    [sg('0.0.0.0/16', 443, 443), [], undefined],
    [
      view('ec2', 'CreateNetworkAclEntry', { cidrBlock: '0.0.0.0/0', ruleAction: 'allow', egress: false }),
      [],
      'allows inbound traffic from 0.0.0.0/0',
    ],
    [
      view('ec2', 'CreateNetworkAclEntry', { cidrBlock: '0.0.0.0/0', ruleAction: 'deny', egress: false }),
      [],
      undefined,
    ],
  ])('case %#', (event, args, expected) => {
    expect(worldOpenIngress(event, args)).toBe(expected);
  });
});

describe('condition engine', () => {
  const event = view('s3', 'PutBucketVersioning', {
    VersioningConfiguration: { Status: 'Suspended' },
    list: [{ a: 1 }, { a: 2 }],
    empty: [],
  });
  it.each([
    [{ field: 'requestParameters.VersioningConfiguration.Status', equals: 'suspended' }, true],
    [{ field: 'requestParameters.list.a', in: [2, 3] }, true],
    [{ field: 'requestParameters.list.a', gte: 2 }, true],
    [{ field: 'requestParameters.list.a', lte: 0 }, false],
    [{ field: 'requestParameters.empty', exists: true }, false],
    [{ field: 'requestParameters.missing', exists: false }, true],
    [{ field: 'eventName', matches: '^putbucket' }, true],
    [{ not: { field: 'eventName', equals: 'PutBucketVersioning' } }, false],
    [
      {
        any: [
          { field: 'eventName', equals: 'x' },
          { field: '$principalType', equals: 'iam-user' },
        ],
      },
      true,
    ],
    [
      {
        all: [
          { field: '$ipKind', equals: 'public' },
          { field: '$uaFamily', matches: '^aws-cli' },
        ],
      },
      true,
    ],
    [{ predicate: 'unknown-predicate' }, false],
  ] as const)('%j → %s', (condition, expected) => {
    expect(evaluateCondition(condition, event, [])).toBe(expected);
  });

  it('resolvePath flattens arrays and accepts lowercase keys', () => {
    expect(resolvePath({ a: [{ b: [1, 2] }, { b: 3 }] }, 'a.b')).toEqual([1, 2, 3]);
    expect(resolvePath({ eventname: 'X' }, 'eventName')).toEqual(['X']);
    expect(resolvePath({ a: null }, 'a.b')).toEqual([]);
  });

  it('firstAtPath finds the first value resolvePath would list that the test accepts', () => {
    const isString = (v: unknown): boolean => typeof v === 'string';
    expect(firstAtPath({ a: [{ b: [1, 'x'] }, { b: 'y' }] }, 'a.b', isString)).toBe('x');
    expect(firstAtPath({ a: [{ b: 1 }] }, 'a.b', isString)).toBeUndefined();
    const leaf = fc.oneof(fc.string({ maxLength: 2 }), fc.integer(), fc.constant(null));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'A'), tie('node'), { maxKeys: 3 }),
      ),
    })).node;
    const path = fc.array(fc.constantFrom('a', 'b'), { minLength: 1, maxLength: 3 }).map((s) => s.join('.'));
    fc.assert(
      fc.property(
        tree,
        path,
        fc.constantFrom<[string, (v: unknown) => boolean]>(
          ['string', isString],
          ['number', (v) => typeof v === 'number'],
        ),
        (root, p, [, accept]) => {
          expect(firstAtPath(root, p, accept)).toBe(resolvePath(root, p).find(accept));
        },
      ),
      { numRuns: 500 },
    );
  });
});
