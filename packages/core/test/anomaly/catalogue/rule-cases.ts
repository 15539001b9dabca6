import { CloudTrailRecord } from '../../../src/logs/cloudtrail-record';

/**
 * One compliant and one non-compliant event per catalogue rule that has
 * field conditions or predicates (rules that only name an API get derived
 * cases in the test). Account ids and addresses are documentation values.
 */
export interface RuleCase {
  /** An event the rule must match. */
  readonly match: CloudTrailRecord;
  /** A close variant the rule must not match. */
  readonly noMatch: CloudTrailRecord;
}

const ACCOUNT = '111122223333';
const OTHER = '444455556666';

const ALICE = {
  type: 'IAMUser',
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  accountId: ACCOUNT,
  userName: 'alice',
  accessKeyId: 'AKIAEXAMPLEALICE0001',
};

/** A CloudTrail event from `alice` with the given source, name and request parameters. */
export function ev(
  source: string,
  name: string,
  requestParameters: Record<string, unknown> | null = null,
  extra: Record<string, unknown> = {},
): CloudTrailRecord {
  return {
    eventVersion: '1.09',
    eventTime: '2026-11-20T10:00:00Z',
    eventSource: `${source}.amazonaws.com`,
    eventName: name,
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0 Python/3.11.6 Darwin/23.4.0',
    userIdentity: ALICE,
    requestParameters,
    responseElements: null,
    eventID: `case-${source}-${name}`,
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
    ...extra,
  };
}

const role = (
  session: string,
  roleName = 'app-role',
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/${session}`,
  accountId: ACCOUNT,
  accessKeyId: 'ASIAEXAMPLESESSION01',
  sessionContext: {
    sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/${roleName}`, userName: roleName },
    attributes: { mfaAuthenticated: 'false' },
  },
  ...extra,
});

const policy = (statement: Record<string, unknown>): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const publicStatement = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' };
const scopedStatement = { ...publicStatement, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-example' } } };
const crossStatement = {
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
  Action: '*',
  Resource: '*',
};
const ownStatement = {
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: '*',
  Resource: '*',
};
const adminStatement = { Effect: 'Allow', Action: '*', Resource: '*' };
const readStatement = { Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' };
const permissions = (cidr: string, from: number, to = from): Record<string, unknown> => ({
  groupId: 'sg-0123456789abcdef0',
  ipPermissions: {
    items: [{ ipProtocol: 'tcp', fromPort: from, toPort: to, ipRanges: { items: [{ cidrIp: cidr }] } }],
  },
});

export const RULE_CASES: Readonly<Record<string, RuleCase>> = {
  'defense-evasion/cloudtrail-trail-weakened': {
    match: ev('cloudtrail', 'UpdateTrail', { name: 'org-trail', isMultiRegionTrail: false }),
    noMatch: ev('cloudtrail', 'UpdateTrail', { name: 'org-trail', isMultiRegionTrail: true }),
  },
  'defense-evasion/cloudtrail-event-selectors-reduced': {
    match: ev('cloudtrail', 'PutEventSelectors', {
      trailName: 't',
      eventSelectors: [{ includeManagementEvents: false, readWriteType: 'All' }],
    }),
    noMatch: ev('cloudtrail', 'PutEventSelectors', {
      trailName: 't',
      eventSelectors: [{ includeManagementEvents: true, readWriteType: 'All', excludeManagementEventSources: [] }],
    }),
  },
  'defense-evasion/guardduty-detector-disabled': {
    match: ev('guardduty', 'UpdateDetector', { detectorId: 'd1', enable: false }),
    noMatch: ev('guardduty', 'UpdateDetector', { detectorId: 'd1', enable: true }),
  },
  'defense-evasion/guardduty-auto-archive-filter': {
    match: ev('guardduty', 'CreateFilter', { name: 'f', action: 'ARCHIVE' }),
    noMatch: ev('guardduty', 'CreateFilter', { name: 'f', action: 'NOOP' }),
  },
  'defense-evasion/securityhub-findings-suppressed': {
    match: ev('securityhub', 'BatchUpdateFindings', { Workflow: { Status: 'SUPPRESSED' } }),
    noMatch: ev('securityhub', 'BatchUpdateFindings', { Workflow: { Status: 'NOTIFIED' } }),
  },
  'defense-evasion/s3-bucket-logging-disabled': {
    match: ev('s3', 'PutBucketLogging', { bucketName: 'b', BucketLoggingStatus: { xmlns: 'http://s3' } }),
    noMatch: ev('s3', 'PutBucketLogging', {
      bucketName: 'b',
      BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'logs', TargetPrefix: 'b/' } },
    }),
  },
  'kms/key-policy-public': {
    match: ev('kms', 'PutKeyPolicy', { keyId: 'k', policy: policy(publicStatement) }),
    noMatch: ev('kms', 'PutKeyPolicy', { keyId: 'k', policy: policy(scopedStatement) }),
  },
  'kms/key-policy-cross-account': {
    match: ev('kms', 'PutKeyPolicy', { keyId: 'k', policy: policy(crossStatement) }),
    noMatch: ev('kms', 'PutKeyPolicy', { keyId: 'k', policy: policy(ownStatement) }),
  },
  'exposure/s3-bucket-policy-public': {
    match: ev('s3', 'PutBucketPolicy', { bucketName: 'b', bucketPolicy: JSON.parse(policy(publicStatement)) }),
    noMatch: ev('s3', 'PutBucketPolicy', { bucketName: 'b', bucketPolicy: JSON.parse(policy(scopedStatement)) }),
  },
  'exposure/s3-bucket-policy-cross-account': {
    match: ev('s3', 'PutBucketPolicy', { bucketName: 'b', bucketPolicy: JSON.parse(policy(crossStatement)) }),
    noMatch: ev('s3', 'PutBucketPolicy', { bucketName: 'b', bucketPolicy: JSON.parse(policy(ownStatement)) }),
  },
  'exposure/s3-acl-public': {
    match: ev('s3', 'PutBucketAcl', { bucketName: 'b', 'x-amz-acl': ['public-read'] }),
    noMatch: ev('s3', 'PutBucketAcl', { bucketName: 'b', 'x-amz-acl': ['private'] }),
  },
  'exposure/s3-public-access-block-weakened': {
    match: ev('s3', 'PutPublicAccessBlock', {
      bucketName: 'b',
      PublicAccessBlockConfiguration: { BlockPublicAcls: false, BlockPublicPolicy: true },
    }),
    noMatch: ev('s3', 'PutPublicAccessBlock', {
      bucketName: 'b',
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true },
    }),
  },
  'exposure/resource-policy-public': {
    match: ev('ecr', 'SetRepositoryPolicy', { repositoryName: 'r', policyText: policy(publicStatement) }),
    noMatch: ev('ecr', 'SetRepositoryPolicy', { repositoryName: 'r', policyText: policy(scopedStatement) }),
  },
  'exposure/resource-policy-cross-account': {
    match: ev('sqs', 'SetQueueAttributes', { attributes: { Policy: policy(crossStatement) } }),
    noMatch: ev('sqs', 'SetQueueAttributes', { attributes: { Policy: policy(ownStatement) } }),
  },
  'exposure/lambda-permission-public': {
    match: ev('lambda', 'AddPermission20150331v2', { functionName: 'f', principal: '*' }),
    noMatch: ev('lambda', 'AddPermission20150331v2', { functionName: 'f', principal: '*', sourceAccount: ACCOUNT }),
  },
  'exposure/lambda-url-public': {
    match: ev('lambda', 'CreateFunctionUrlConfig20211031', { functionName: 'f', authType: 'NONE' }),
    noMatch: ev('lambda', 'CreateFunctionUrlConfig20211031', { functionName: 'f', authType: 'AWS_IAM' }),
  },
  'exposure/ebs-snapshot-public': {
    match: ev('ec2', 'ModifySnapshotAttribute', {
      snapshotId: 'snap-1',
      createVolumePermission: { add: { items: [{ group: 'all' }] } },
    }),
    noMatch: ev('ec2', 'ModifySnapshotAttribute', {
      snapshotId: 'snap-1',
      createVolumePermission: { remove: { items: [{ group: 'all' }] } },
    }),
  },
  'exposure/ebs-snapshot-shared': {
    match: ev('ec2', 'ModifySnapshotAttribute', {
      snapshotId: 'snap-1',
      createVolumePermission: { add: { items: [{ userId: OTHER }] } },
    }),
    noMatch: ev('ec2', 'ModifySnapshotAttribute', {
      snapshotId: 'snap-1',
      createVolumePermission: { add: { items: [{ userId: 'bob' }] } },
    }),
  },
  'exposure/ami-public': {
    match: ev('ec2', 'ModifyImageAttribute', {
      imageId: 'ami-1',
      launchPermission: { add: { items: [{ group: 'all' }] } },
    }),
    noMatch: ev('ec2', 'ModifyImageAttribute', { imageId: 'ami-1', launchPermission: { add: { items: [] } } }),
  },
  'exposure/ami-shared': {
    match: ev('ec2', 'ModifyImageAttribute', {
      imageId: 'ami-1',
      launchPermission: { add: { items: [{ userId: OTHER }] } },
    }),
    noMatch: ev('ec2', 'ModifyImageAttribute', { imageId: 'ami-1', description: { value: 'x' } }),
  },
  'exposure/rds-snapshot-public': {
    match: ev('rds', 'ModifyDBSnapshotAttribute', {
      dBSnapshotIdentifier: 's',
      attributeName: 'restore',
      valuesToAdd: ['all'],
    }),
    noMatch: ev('rds', 'ModifyDBSnapshotAttribute', {
      dBSnapshotIdentifier: 's',
      attributeName: 'restore',
      valuesToAdd: [OTHER],
    }),
  },
  'exposure/rds-snapshot-shared': {
    match: ev('rds', 'ModifyDBSnapshotAttribute', {
      dBSnapshotIdentifier: 's',
      attributeName: 'restore',
      valuesToAdd: [OTHER],
    }),
    noMatch: ev('rds', 'ModifyDBSnapshotAttribute', {
      dBSnapshotIdentifier: 's',
      attributeName: 'restore',
      valuesToAdd: [],
    }),
  },
  'exposure/rds-instance-public': {
    match: ev('rds', 'ModifyDBInstance', { dBInstanceIdentifier: 'db', publiclyAccessible: true }),
    noMatch: ev('rds', 'ModifyDBInstance', { dBInstanceIdentifier: 'db', publiclyAccessible: false }),
  },
  'exposure/security-group-admin-port-open': {
    match: ev('ec2', 'AuthorizeSecurityGroupIngress', permissions('0.0.0.0/0', 22)),
    noMatch: ev('ec2', 'AuthorizeSecurityGroupIngress', permissions('0.0.0.0/0', 443)),
  },
  'exposure/security-group-world-open': {
    match: ev('ec2', 'AuthorizeSecurityGroupIngress', permissions('::/0', 443)),
    noMatch: ev('ec2', 'AuthorizeSecurityGroupIngress', permissions('10.0.0.0/16', 443)),
  },
  'exposure/network-acl-world-open': {
    match: ev('ec2', 'CreateNetworkAclEntry', { cidrBlock: '0.0.0.0/0', ruleAction: 'allow', egress: false }),
    noMatch: ev('ec2', 'CreateNetworkAclEntry', { cidrBlock: '0.0.0.0/0', ruleAction: 'allow', egress: true }),
  },
  'exposure/vpc-endpoint-external-principal': {
    match: ev(
      's3',
      'GetObject',
      { bucketName: 'b' },
      {
        eventType: 'AwsVpceEvent',
        vpcEndpointId: 'vpce-1',
        userIdentity: { type: 'AWSAccount', accountId: OTHER, principalId: 'AROAX:s' },
      },
    ),
    noMatch: ev(
      's3',
      'GetObject',
      { bucketName: 'b' },
      {
        eventType: 'AwsVpceEvent',
        vpcEndpointId: 'vpce-1',
        userIdentity: { type: 'AWSAccount', accountId: ACCOUNT, principalId: 'AROAX:s' },
      },
    ),
  },
  'exposure/vpc-endpoint-public-source': {
    match: ev('s3', 'GetObject', { bucketName: 'b' }, { eventType: 'AwsVpceEvent', vpcEndpointId: 'vpce-1' }),
    noMatch: ev(
      's3',
      'GetObject',
      { bucketName: 'b' },
      {
        eventType: 'AwsVpceEvent',
        vpcEndpointId: 'vpce-1',
        sourceIPAddress: '10.0.0.9',
      },
    ),
  },
  'exfiltration/s3-replication-to-other-account': {
    match: ev('s3', 'PutBucketReplication', {
      bucketName: 'b',
      ReplicationConfiguration: { Rule: { Destination: { Bucket: 'arn:aws:s3:::x', Account: OTHER } } },
    }),
    noMatch: ev('s3', 'PutBucketReplication', {
      bucketName: 'b',
      ReplicationConfiguration: { Rule: { Destination: { Bucket: 'arn:aws:s3:::x' } } },
    }),
  },
  'exfiltration/s3-copy-to-other-account': {
    match: ev(
      's3',
      'CopyObject',
      { bucketName: 'x', key: 'k' },
      {
        resources: [{ type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::x', accountId: OTHER }],
      },
    ),
    noMatch: ev(
      's3',
      'CopyObject',
      { bucketName: 'x', key: 'k' },
      {
        resources: [{ type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::x', accountId: ACCOUNT }],
      },
    ),
  },
  'exfiltration/rds-snapshot-copied-cross-region': {
    match: ev(
      'rds',
      'CopyDBSnapshot',
      { targetDBSnapshotIdentifier: 'c' },
      { responseElements: { sourceRegion: 'eu-west-1' } },
    ),
    noMatch: ev('rds', 'CopyDBSnapshot', { targetDBSnapshotIdentifier: 'c' }),
  },
  'exfiltration/snapshot-or-image-created': {
    match: ev(
      'rds',
      'CreateDBSnapshot',
      { dBSnapshotIdentifier: 's' },
      { responseElements: { snapshotType: 'manual' } },
    ),
    noMatch: ev(
      'rds',
      'CreateDBSnapshot',
      { dBSnapshotIdentifier: 's' },
      { responseElements: { snapshotType: 'automated' } },
    ),
  },
  'credential-access/secrets-batch-retrieval-catch-all': {
    match: ev('secretsmanager', 'BatchGetSecretValue', { filters: [{ key: 'tag-key', values: ['!nothing'] }] }),
    noMatch: ev('secretsmanager', 'BatchGetSecretValue', { secretIdList: ['a', 'b'] }),
  },
  'credential-access/ssm-parameters-decrypted-burst': {
    match: ev('ssm', 'GetParameter', { name: '/db/password', withDecryption: true }),
    noMatch: ev('ssm', 'GetParameter', { name: '/db/host', withDecryption: false }),
  },
  'credential-access/iam-access-key-for-other-user': {
    match: ev('iam', 'CreateAccessKey', { userName: 'bob' }),
    noMatch: ev('iam', 'CreateAccessKey', { userName: 'alice' }),
  },
  'credential-access/iam-login-profile-for-other-user': {
    match: ev('iam', 'UpdateLoginProfile', { userName: 'alicea' }),
    noMatch: ev('iam', 'UpdateLoginProfile', { userName: 'alice' }),
  },
  'credential-access/iam-compromised-key-quarantine': {
    match: ev('iam', 'PutUserPolicy', { userName: 'bob', policyName: 'AWSCompromisedKeyQuarantineV3' }),
    noMatch: ev('iam', 'PutUserPolicy', { userName: 'bob', policyName: 'deny-s3' }),
  },
  'credential-access/sts-session-token': {
    match: ev('sts', 'GetSessionToken', null),
    noMatch: ev('sts', 'GetSessionToken', null, { userIdentity: role('build') }),
  },
  'credential-access/instance-credentials-outside-aws': {
    match: ev('ec2', 'DescribeInstances', null, { userIdentity: role('i-0abcdef1234567890') }),
    noMatch: ev('ec2', 'DescribeInstances', null, {
      userIdentity: role('i-0abcdef1234567890'),
      sourceIPAddress: '10.1.2.3',
    }),
  },
  'credential-access/sso-device-code-token': {
    match: ev('sso-oauth', 'CreateToken', { grantType: 'urn:ietf:params:oauth:grant-type:device_code' }),
    noMatch: ev('sso-oauth', 'CreateToken', { grantType: 'refresh_token' }),
  },
  'credential-access/rds-master-password-changed': {
    match: ev('rds', 'ModifyDBInstance', { dBInstanceIdentifier: 'db', masterUserPassword: '****' }),
    noMatch: ev('rds', 'ModifyDBInstance', { dBInstanceIdentifier: 'db', allocatedStorage: 100 }),
  },
  'privilege-escalation/iam-admin-policy-attached': {
    match: ev('iam', 'AttachUserPolicy', {
      userName: 'alice',
      policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    }),
    noMatch: ev('iam', 'AttachUserPolicy', { userName: 'alice', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
  },
  'privilege-escalation/iam-inline-admin-policy': {
    match: ev('iam', 'PutUserPolicy', { userName: 'alice', policyName: 'p', policyDocument: policy(adminStatement) }),
    noMatch: ev('iam', 'PutUserPolicy', { userName: 'alice', policyName: 'p', policyDocument: policy(readStatement) }),
  },
  'privilege-escalation/iam-admin-policy-version': {
    match: ev('iam', 'CreatePolicyVersion', {
      policyArn: 'arn:p',
      policyDocument: policy(adminStatement),
      setAsDefault: true,
    }),
    noMatch: ev('iam', 'CreatePolicyVersion', {
      policyArn: 'arn:p',
      policyDocument: policy(readStatement),
      setAsDefault: true,
    }),
  },
  'privilege-escalation/iam-policy-version-default': {
    match: ev('iam', 'CreatePolicyVersion', {
      policyArn: 'arn:p',
      policyDocument: policy(readStatement),
      setAsDefault: true,
    }),
    noMatch: ev('iam', 'CreatePolicyVersion', {
      policyArn: 'arn:p',
      policyDocument: policy(readStatement),
      setAsDefault: false,
    }),
  },
  'privilege-escalation/iam-admin-policy-created': {
    match: ev('iam', 'CreatePolicy', { policyName: 'p', policyDocument: policy(adminStatement) }),
    noMatch: ev('iam', 'CreatePolicy', { policyName: 'p', policyDocument: policy(readStatement) }),
  },
  'privilege-escalation/iam-trust-policy-public': {
    match: ev('iam', 'UpdateAssumeRolePolicy', {
      roleName: 'r',
      policyDocument: policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }),
    }),
    noMatch: ev('iam', 'UpdateAssumeRolePolicy', {
      roleName: 'r',
      policyDocument: policy({
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
    }),
  },
  'privilege-escalation/iam-trust-policy-cross-account': {
    match: ev('iam', 'CreateRole', {
      roleName: 'r',
      assumeRolePolicyDocument: policy({ Effect: 'Allow', Principal: { AWS: OTHER }, Action: 'sts:AssumeRole' }),
    }),
    noMatch: ev('iam', 'CreateRole', {
      roleName: 'r',
      assumeRolePolicyDocument: policy({ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }),
    }),
  },
  'privilege-escalation/ec2-user-data-changed': {
    match: ev('ec2', 'ModifyInstanceAttribute', { instanceId: 'i-1', userData: '<sensitiveDataRemoved>' }),
    noMatch: ev('ec2', 'ModifyInstanceAttribute', { instanceId: 'i-1', instanceType: { value: 't3.large' } }),
  },
  'privilege-escalation/lambda-code-updated-by-person': {
    match: ev('lambda', 'UpdateFunctionCode20150331v2', { functionName: 'f' }),
    noMatch: ev(
      'lambda',
      'UpdateFunctionCode20150331v2',
      { functionName: 'f' },
      { userIdentity: role('GitHubActions-1', 'ci-role') },
    ),
  },
  'privilege-escalation/lambda-layer-attached': {
    match: ev('lambda', 'UpdateFunctionConfiguration20150331v2', { functionName: 'f', layers: ['arn:aws:lambda:l:1'] }),
    noMatch: ev('lambda', 'UpdateFunctionConfiguration20150331v2', { functionName: 'f', timeout: 30 }),
  },
  'privilege-escalation/ecs-task-reads-credentials-endpoint': {
    match: ev('ecs', 'RegisterTaskDefinition', {
      family: 't',
      containerDefinitions: [{ command: ['sh', '-c', 'curl 169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] }],
    }),
    noMatch: ev('ecs', 'RegisterTaskDefinition', {
      family: 't',
      containerDefinitions: [{ command: ['node', 'app.js'] }],
    }),
  },
  'privilege-escalation/eks-cluster-admin-granted': {
    match: ev('eks', 'AssociateAccessPolicy', {
      name: 'prod',
      principalArn: 'arn:aws:iam::111122223333:role/x',
      policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
    }),
    noMatch: ev('eks', 'AssociateAccessPolicy', {
      name: 'prod',
      principalArn: 'arn:aws:iam::111122223333:role/x',
      policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy',
    }),
  },
  'persistence/iam-access-key-reactivated': {
    match: ev('iam', 'UpdateAccessKey', { accessKeyId: 'AKIAEXAMPLE000000001', status: 'Active' }),
    noMatch: ev('iam', 'UpdateAccessKey', { accessKeyId: 'AKIAEXAMPLE000000001', status: 'Inactive' }),
  },
  'persistence/iam-saml-provider-changed': {
    match: ev('iam', 'CreateSAMLProvider', { name: 'okta' }),
    noMatch: ev('iam', 'CreateSAMLProvider', { name: 'AWSSSO_1234_DO_NOT_DELETE' }),
  },
  'root/console-login': {
    match: ev('signin', 'ConsoleLogin', null, {
      userIdentity: { type: 'Root', arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT },
      responseElements: { ConsoleLogin: 'Success' },
    }),
    noMatch: ev('signin', 'ConsoleLogin', null, { responseElements: { ConsoleLogin: 'Success' } }),
  },
  'root/activity': {
    match: ev('iam', 'ListUsers', null, {
      userIdentity: { type: 'Root', arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT },
    }),
    noMatch: ev('iam', 'ListUsers', null, {
      userIdentity: {
        type: 'Root',
        arn: `arn:aws:iam::${ACCOUNT}:root`,
        accountId: ACCOUNT,
        invokedBy: 'support.amazonaws.com',
      },
    }),
  },
  'root/access-key-created': {
    match: ev('iam', 'CreateAccessKey', null, {
      userIdentity: { type: 'Root', arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT },
    }),
    noMatch: ev('iam', 'CreateAccessKey', null),
  },
  'console/login-without-mfa': {
    match: ev('signin', 'ConsoleLogin', null, {
      responseElements: { ConsoleLogin: 'Success' },
      additionalEventData: { MFAUsed: 'No' },
    }),
    noMatch: ev('signin', 'ConsoleLogin', null, {
      responseElements: { ConsoleLogin: 'Success' },
      additionalEventData: { MFAUsed: 'Yes' },
    }),
  },
  'initial-access/secret-scanner-key-check': {
    match: ev('sts', 'GetCallerIdentity', null, { userAgent: 'TruffleHog' }),
    noMatch: ev('sts', 'GetCallerIdentity', null),
  },
  'initial-access/offensive-tooling-user-agent': {
    match: ev('iam', 'ListUsers', null, {
      userAgent: 'aws-cli/2.15.0 Python/3.11.6 Linux/6.6.9-amd64 distrib#kali.2024',
    }),
    noMatch: ev('iam', 'ListUsers', null, {
      userAgent: 'aws-cli/2.15.0 Python/3.11.6 Linux/6.6.9-amd64 distrib#ubuntu.22',
    }),
  },
  'discovery/rds-public-snapshot-enumeration': {
    match: ev('rds', 'DescribeDBSnapshots', { includePublic: true }),
    noMatch: ev('rds', 'DescribeDBSnapshots', { dBInstanceIdentifier: 'db' }),
  },
  'discovery/read-only-enumeration': {
    match: ev('iam', 'ListRoles', null),
    noMatch: ev('s3', 'GetObject', { bucketName: 'b', key: 'k' }),
  },
  'discovery/access-denied-storm': {
    match: ev('iam', 'ListUsers', null, { errorCode: 'AccessDenied' }),
    noMatch: ev('iam', 'ListUsers', null),
  },
  'discovery/enumeration-burst': {
    match: ev('ec2', 'DescribeVpcs', null),
    noMatch: ev('sts', 'GetCallerIdentity', null),
  },
  'impact/s3-ransom-note': {
    match: ev('s3', 'PutObject', { bucketName: 'b', key: 'documents/HOW_TO_DECRYPT_FILES.txt' }),
    noMatch: ev('s3', 'PutObject', { bucketName: 'b', key: 'reports/quarterly-report.pdf' }),
  },
  'impact/s3-lifecycle-expires-quickly': {
    match: ev('s3', 'PutBucketLifecycle', {
      bucketName: 'b',
      LifecycleConfiguration: { Rule: [{ Expiration: { Days: 1 } }] },
    }),
    noMatch: ev('s3', 'PutBucketLifecycle', {
      bucketName: 'b',
      LifecycleConfiguration: { Rule: [{ Expiration: { Days: 365 } }] },
    }),
  },
  'impact/s3-versioning-suspended': {
    match: ev('s3', 'PutBucketVersioning', { bucketName: 'b', VersioningConfiguration: { Status: 'Suspended' } }),
    noMatch: ev('s3', 'PutBucketVersioning', { bucketName: 'b', VersioningConfiguration: { Status: 'Enabled' } }),
  },
  'impact/ec2-instances-terminated': {
    match: ev('ec2', 'TerminateInstances', { instancesSet: { items: [{ instanceId: 'i-1' }] } }),
    noMatch: ev(
      'ec2',
      'TerminateInstances',
      { instancesSet: { items: [{ instanceId: 'i-1' }] } },
      {
        userIdentity: role('AutoScaling', 'AWSServiceRoleForAutoScaling', { invokedBy: 'autoscaling.amazonaws.com' }),
      },
    ),
  },
  'impact/ec2-instances-stopped': {
    match: ev('ec2', 'StopInstances', { instancesSet: { items: [{ instanceId: 'i-1' }] } }),
    noMatch: ev(
      'ec2',
      'StopInstances',
      { instancesSet: { items: [{ instanceId: 'i-1' }] } },
      {
        userIdentity: role('AutoScaling', 'AWSServiceRoleForAutoScaling', { invokedBy: 'autoscaling.amazonaws.com' }),
      },
    ),
  },
  'impact/compute-created': {
    match: ev('ec2', 'RunInstances', { instanceType: 'p4d.24xlarge' }),
    noMatch: ev(
      'ec2',
      'RunInstances',
      { instanceType: 't3.micro' },
      {
        userIdentity: role('AutoScaling', 'AWSServiceRoleForAutoScaling', { invokedBy: 'autoscaling.amazonaws.com' }),
      },
    ),
  },
  'impact/rds-deleted-without-snapshot': {
    match: ev('rds', 'DeleteDBInstance', { dBInstanceIdentifier: 'db', skipFinalSnapshot: true }),
    noMatch: ev('rds', 'DeleteDBInstance', { dBInstanceIdentifier: 'db', skipFinalSnapshot: false }),
  },
};
