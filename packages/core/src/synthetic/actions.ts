import { GoldCollector, SpanBuilder } from './gold';
import { SeededRandom } from './rng';
import { AccountResources, SimulatedPrincipal } from './world';

/** What an action builder may use. */
export interface ActionContext {
  readonly rng: SeededRandom;
  readonly account: AccountResources;
  readonly region: string;
  readonly principal: SimulatedPrincipal;
  readonly gold: GoldCollector;
}

/** Parts of a CloudTrail event an action fills in. */
export interface ActionParts {
  readonly requestParameters?: Record<string, unknown> | null;
  readonly responseElements?: Record<string, unknown> | null;
  readonly resources?: Record<string, unknown>[];
  readonly additionalEventData?: Record<string, unknown>;
  /** ARN of the main resource, used in AccessDenied messages. */
  readonly resourceArn?: string;
}

/** One API action of the catalogue. */
export interface ActionSpec {
  readonly source: string;
  readonly readOnly: boolean;
  /** `AwsApiCall` unless said otherwise. */
  readonly eventType?: string;
  /** Data events are recorded with `managementEvent: false`. */
  readonly data?: boolean;
  /** Error codes this action fails with (first is the most common). */
  readonly errors: readonly string[];
  build(ctx: ActionContext): ActionParts;
}

const OBJECT_KEYS = [
  'reports/2026/q3.csv',
  'exports/daily/part-0001.parquet',
  'uploads/img_2041.png',
  'state/terraform.tfstate',
  'backups/db-2026-11-01.sql.gz',
  'datasets/train.jsonl',
  'index.html',
  'logs/app/2026/11/03/app.log.gz',
];

function s3Host(ctx: ActionContext, bucket: string): string {
  const b = new SpanBuilder().entity(bucket, 's3-bucket').add(`.s3.${ctx.region}.amazonaws.com`).build();
  return ctx.gold.spans('requestParameters.Host', b);
}

function bucketResources(ctx: ActionContext, bucket: string, key?: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (key !== undefined) {
    out.push({
      type: 'AWS::S3::Object',
      ARN: ctx.gold.field(`resources[0].ARN`, 'arn', `arn:aws:s3:::${bucket}/${key}`),
    });
  }
  const i = out.length;
  out.push({
    accountId: ctx.gold.field(`resources[${i}].accountId`, 'aws-account-id', ctx.account.accountId),
    type: 'AWS::S3::Bucket',
    ARN: ctx.gold.field(`resources[${i}].ARN`, 'arn', `arn:aws:s3:::${bucket}`),
  });
  return out;
}

function kmsKeyArn(ctx: ActionContext, keyId: string): string {
  return `arn:aws:kms:${ctx.account.homeRegion}:${ctx.account.accountId}:key/${keyId}`;
}

function keyResource(ctx: ActionContext, arn: string): Record<string, unknown>[] {
  return [
    {
      accountId: ctx.gold.field('resources[0].accountId', 'aws-account-id', ctx.account.accountId),
      type: 'AWS::KMS::Key',
      ARN: ctx.gold.field('resources[0].ARN', 'kms-key-arn', arn),
    },
  ];
}

function items<T>(list: T[]): { items: T[] } {
  return { items: list };
}

function pickBucket(ctx: ActionContext): string {
  return ctx.rng.pick(ctx.account.buckets.slice(0, Math.max(2, ctx.account.buckets.length)));
}

function s3Get(name: 'GetObject' | 'PutObject'): ActionSpec {
  return {
    source: 's3.amazonaws.com',
    readOnly: name === 'GetObject',
    data: true,
    errors: ['AccessDenied', name === 'GetObject' ? 'NoSuchKey' : 'SlowDown'],
    build(ctx) {
      const bucket = pickBucket(ctx);
      const key = ctx.rng.pick(OBJECT_KEYS);
      const requestParameters = {
        bucketName: ctx.gold.field('requestParameters.bucketName', 's3-bucket', bucket),
        Host: s3Host(ctx, bucket),
        key,
      };
      const responseElements =
        name === 'PutObject' && ctx.rng.chance(0.5)
          ? {
              'x-amz-server-side-encryption': 'aws:kms',
              'x-amz-server-side-encryption-aws-kms-key-id': ctx.gold.field(
                'responseElements["x-amz-server-side-encryption-aws-kms-key-id"]',
                'kms-key-arn',
                kmsKeyArn(ctx, ctx.account.kmsKeyIds[0]),
              ),
            }
          : null;
      return {
        requestParameters,
        responseElements,
        resources: bucketResources(ctx, bucket, key),
        additionalEventData: {
          SignatureVersion: 'SigV4',
          CipherSuite: 'TLS_AES_128_GCM_SHA256',
          bytesTransferredIn: 0,
          AuthenticationMethod: 'AuthHeader',
          'x-amz-id-2': ctx.rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 76),
          bytesTransferredOut: ctx.rng.int(100, 5_000_000),
        },
        resourceArn: `arn:aws:s3:::${bucket}/${key}`,
      };
    },
  };
}

function s3Bucket(extra: (ctx: ActionContext) => Record<string, unknown> = () => ({})): ActionSpec {
  return {
    source: 's3.amazonaws.com',
    readOnly: true,
    errors: ['AccessDenied', 'NoSuchBucketPolicy'],
    build(ctx) {
      const bucket = pickBucket(ctx);
      return {
        requestParameters: {
          bucketName: ctx.gold.field('requestParameters.bucketName', 's3-bucket', bucket),
          Host: s3Host(ctx, bucket),
          ...extra(ctx),
        },
        responseElements: null,
        resources: bucketResources(ctx, bucket),
        resourceArn: `arn:aws:s3:::${bucket}`,
      };
    },
  };
}

function simple(
  source: string,
  readOnly: boolean,
  errors: string[],
  build: (ctx: ActionContext) => ActionParts = () => ({ requestParameters: null, responseElements: null }),
): ActionSpec {
  return { source, readOnly, errors, build };
}

function ec2Set(
  ctx: ActionContext,
  setName: string,
  idName: string,
  ids: readonly string[],
  type: 'instance-id' | 'security-group-id' | 'vpc-id' | 'subnet-id' | 'eni-id',
  n: number,
): Record<string, unknown> {
  const chosen = ctx.rng.sample(ids, n);
  return {
    [setName]: items(
      chosen.map((id, i) => ({
        [idName]: ctx.gold.field(`requestParameters.${setName}.items[${i}].${idName}`, type, id),
      })),
    ),
  };
}

function policyDocument(ctx: ActionContext, path: string): string {
  const b = new SpanBuilder();
  const trusted = ctx.rng.chance(0.5)
    ? `arn:aws:iam::${ctx.account.accountId}:root`
    : `arn:aws:iam::${ctx.account.accountId}:role/${ctx.rng.pick(ctx.account.roleNames)}`;
  b.add('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"')
    .entity(trusted, trusted.endsWith(':root') ? 'arn' : 'iam-role-arn')
    .add('"},"Action":"sts:AssumeRole"}]}');
  return ctx.gold.spans(path, b.build());
}

/** The action catalogue: `service:EventName` → how to build its event. */
export const ACTIONS: Readonly<Record<string, ActionSpec>> = {
  's3:GetObject': s3Get('GetObject'),
  's3:PutObject': s3Get('PutObject'),
  's3:ListBuckets': simple('s3.amazonaws.com', true, ['AccessDenied'], () => ({
    requestParameters: { Host: 's3.amazonaws.com' },
    responseElements: null,
  })),
  's3:ListObjects': s3Bucket((ctx) => ({
    prefix: ctx.rng.pick(['reports/', 'exports/', '', 'logs/']),
    'list-type': '2',
  })),
  's3:GetBucketPolicy': s3Bucket(() => ({ policy: '' })),
  's3:GetBucketAcl': s3Bucket(() => ({ acl: '' })),
  'ec2:DescribeInstances': simple(
    'ec2.amazonaws.com',
    true,
    ['Client.UnauthorizedOperation', 'Client.RequestLimitExceeded'],
    (ctx) => ({
      requestParameters: ctx.rng.chance(0.5)
        ? {
            instancesSet: ec2Set(
              ctx,
              'instancesSet',
              'instanceId',
              ctx.account.instanceIds,
              'instance-id',
              ctx.rng.int(1, 2),
            ).instancesSet,
            filterSet: {},
          }
        : { instancesSet: {}, filterSet: {} },
      responseElements: null,
    }),
  ),
  'ec2:DescribeSecurityGroups': simple('ec2.amazonaws.com', true, ['Client.UnauthorizedOperation'], (ctx) => ({
    requestParameters: ec2Set(
      ctx,
      'securityGroupIdSet',
      'groupId',
      ctx.account.securityGroupIds,
      'security-group-id',
      ctx.rng.int(1, 3),
    ),
    responseElements: null,
  })),
  'ec2:DescribeVpcs': simple('ec2.amazonaws.com', true, ['Client.UnauthorizedOperation'], (ctx) => ({
    requestParameters: ec2Set(ctx, 'vpcSet', 'vpcId', ctx.account.vpcIds, 'vpc-id', 1),
    responseElements: null,
  })),
  'ec2:DescribeSubnets': simple('ec2.amazonaws.com', true, ['Client.UnauthorizedOperation'], (ctx) => {
    const vpc = ctx.rng.pick(ctx.account.vpcIds);
    return {
      requestParameters: {
        ...ec2Set(ctx, 'subnetSet', 'subnetId', ctx.account.subnetIds, 'subnet-id', ctx.rng.int(1, 2)),
        filterSet: items([
          {
            name: 'vpc-id',
            valueSet: items([
              { value: ctx.gold.field('requestParameters.filterSet.items[0].valueSet.items[0].value', 'vpc-id', vpc) },
            ]),
          },
        ]),
      },
      responseElements: null,
    };
  }),
  'ec2:DescribeNetworkInterfaces': simple('ec2.amazonaws.com', true, ['Client.UnauthorizedOperation'], (ctx) => ({
    requestParameters: ec2Set(ctx, 'networkInterfaceIdSet', 'networkInterfaceId', ctx.account.eniIds, 'eni-id', 1),
    responseElements: null,
  })),
  'ec2:DescribeFlowLogs': simple('ec2.amazonaws.com', true, ['Client.UnauthorizedOperation'], () => ({
    requestParameters: { describeFlowLogsRequest: { maxResults: 1000 } },
    responseElements: null,
  })),
  'ec2:AuthorizeSecurityGroupIngress': simple(
    'ec2.amazonaws.com',
    false,
    ['Client.UnauthorizedOperation', 'Client.InvalidPermission.Duplicate'],
    (ctx) => {
      const sg = ctx.rng.pick(ctx.account.securityGroupIds);
      const cidr = ctx.rng.pick([
        '10.0.0.0/16',
        '172.16.0.0/12',
        `${ctx.rng.pick(ctx.principal.usualIps.filter((ip) => !ip.includes(':')).concat(['192.168.10.0']))}/32`,
      ]);
      return {
        requestParameters: {
          groupId: ctx.gold.field('requestParameters.groupId', 'security-group-id', sg),
          ipPermissions: items([
            {
              ipProtocol: 'tcp',
              fromPort: 443,
              toPort: 443,
              groups: {},
              ipRanges: items([
                {
                  cidrIp: ctx.gold.field(
                    'requestParameters.ipPermissions.items[0].ipRanges.items[0].cidrIp',
                    'ipv4',
                    cidr,
                  ),
                },
              ]),
              ipv6Ranges: {},
              prefixListIds: {},
            },
          ]),
        },
        responseElements: {
          requestId: ctx.rng.uuid(),
          _return: true,
          securityGroupRuleSet: items([
            {
              groupOwnerId: ctx.gold.field(
                'responseElements.securityGroupRuleSet.items[0].groupOwnerId',
                'aws-account-id',
                ctx.account.accountId,
              ),
              groupId: ctx.gold.field(
                'responseElements.securityGroupRuleSet.items[0].groupId',
                'security-group-id',
                sg,
              ),
              securityGroupRuleId: `sgr-${ctx.rng.hex(17)}`,
              isEgress: false,
              ipProtocol: 'tcp',
              fromPort: 443,
              toPort: 443,
              cidrIpv4: ctx.gold.field('responseElements.securityGroupRuleSet.items[0].cidrIpv4', 'ipv4', cidr),
            },
          ]),
        },
      };
    },
  ),
  'ec2:CreateSecurityGroup': simple('ec2.amazonaws.com', false, ['Client.UnauthorizedOperation'], (ctx) => ({
    requestParameters: {
      groupName: `${ctx.rng.pick(ctx.account.functionNames)}-sg`,
      groupDescription: 'managed by terraform',
      vpcId: ctx.gold.field('requestParameters.vpcId', 'vpc-id', ctx.rng.pick(ctx.account.vpcIds)),
    },
    responseElements: {
      requestId: ctx.rng.uuid(),
      _return: true,
      groupId: ctx.gold.field('responseElements.groupId', 'security-group-id', `sg-${ctx.rng.hex(17)}`),
    },
  })),
  'ec2:RunInstances': simple(
    'ec2.amazonaws.com',
    false,
    ['Client.UnauthorizedOperation', 'Server.InsufficientInstanceCapacity'],
    (ctx) => {
      const subnet = ctx.rng.pick(ctx.account.subnetIds);
      const vpc = ctx.account.vpcIds[0];
      const sg = ctx.rng.pick(ctx.account.securityGroupIds);
      const ip = `10.${ctx.rng.int(0, 255)}.${ctx.rng.int(0, 255)}.${ctx.rng.int(4, 250)}`;
      const g = ctx.gold;
      const r = 'responseElements.instancesSet.items[0]';
      return {
        requestParameters: {
          instancesSet: items([{ imageId: `ami-${ctx.rng.hex(17)}`, minCount: 1, maxCount: 1 }]),
          instanceType: ctx.rng.pick(['t3.micro', 'm6i.large', 'c7g.xlarge']),
          subnetId: g.field('requestParameters.subnetId', 'subnet-id', subnet),
          iamInstanceProfile: {
            arn: g.field(
              'requestParameters.iamInstanceProfile.arn',
              'arn',
              `arn:aws:iam::${ctx.account.accountId}:instance-profile/${ctx.rng.pick(ctx.account.functionNames)}-profile`,
            ),
          },
        },
        responseElements: {
          requestId: ctx.rng.uuid(),
          reservationId: `r-${ctx.rng.hex(17)}`,
          ownerId: g.field('responseElements.ownerId', 'aws-account-id', ctx.account.accountId),
          instancesSet: items([
            {
              instanceId: g.field(`${r}.instanceId`, 'instance-id', `i-${ctx.rng.hex(17)}`),
              subnetId: g.field(`${r}.subnetId`, 'subnet-id', subnet),
              vpcId: g.field(`${r}.vpcId`, 'vpc-id', vpc),
              privateIpAddress: g.field(`${r}.privateIpAddress`, 'ipv4', ip),
              groupSet: items([
                { groupId: g.field(`${r}.groupSet.items[0].groupId`, 'security-group-id', sg), groupName: 'default' },
              ]),
              networkInterfaceSet: items([
                {
                  networkInterfaceId: g.field(
                    `${r}.networkInterfaceSet.items[0].networkInterfaceId`,
                    'eni-id',
                    `eni-${ctx.rng.hex(17)}`,
                  ),
                  privateIpAddress: g.field(`${r}.networkInterfaceSet.items[0].privateIpAddress`, 'ipv4', ip),
                },
              ]),
            },
          ]),
        },
      };
    },
  ),
  'ec2:StopInstances': simple(
    'ec2.amazonaws.com',
    false,
    ['Client.UnauthorizedOperation', 'Client.IncorrectInstanceState'],
    (ctx) => {
      const id = ctx.rng.pick(ctx.account.instanceIds);
      return {
        requestParameters: {
          instancesSet: items([
            { instanceId: ctx.gold.field('requestParameters.instancesSet.items[0].instanceId', 'instance-id', id) },
          ]),
          force: false,
        },
        responseElements: {
          requestId: ctx.rng.uuid(),
          instancesSet: items([
            {
              instanceId: ctx.gold.field('responseElements.instancesSet.items[0].instanceId', 'instance-id', id),
              currentState: { code: 64, name: 'stopping' },
              previousState: { code: 16, name: 'running' },
            },
          ]),
        },
      };
    },
  ),
  'ec2:CreateSnapshot': simple('ec2.amazonaws.com', false, ['Client.UnauthorizedOperation'], (ctx) => ({
    requestParameters: { volumeId: `vol-${ctx.rng.hex(17)}`, description: 'nightly backup' },
    responseElements: {
      requestId: ctx.rng.uuid(),
      snapshotId: `snap-${ctx.rng.hex(17)}`,
      ownerId: ctx.gold.field('responseElements.ownerId', 'aws-account-id', ctx.account.accountId),
      status: 'pending',
    },
  })),
  'iam:ListUsers': simple('iam.amazonaws.com', true, ['AccessDenied']),
  'iam:ListRoles': simple('iam.amazonaws.com', true, ['AccessDenied']),
  'iam:GetAccountSummary': simple('iam.amazonaws.com', true, ['AccessDenied']),
  'iam:GetAccountAuthorizationDetails': simple('iam.amazonaws.com', true, ['AccessDenied'], () => ({
    requestParameters: { filter: ['User', 'Role', 'Group'] },
    responseElements: null,
  })),
  'iam:GetUser': simple('iam.amazonaws.com', true, ['AccessDenied', 'NoSuchEntityException'], (ctx) => {
    const user = ctx.rng.pick(ctx.account.userNames.length > 0 ? ctx.account.userNames : ['svc-reporting']);
    return {
      requestParameters: { userName: ctx.gold.field('requestParameters.userName', 'iam-user-name', user) },
      responseElements: null,
      resourceArn: `arn:aws:iam::${ctx.account.accountId}:user/${user}`,
    };
  }),
  'iam:GetRole': simple('iam.amazonaws.com', true, ['AccessDenied', 'NoSuchEntityException'], (ctx) => {
    const role = ctx.rng.pick(ctx.account.roleNames);
    return {
      requestParameters: { roleName: ctx.gold.field('requestParameters.roleName', 'iam-role-name', role) },
      responseElements: null,
      resourceArn: `arn:aws:iam::${ctx.account.accountId}:role/${role}`,
    };
  }),
  'iam:AttachRolePolicy': simple('iam.amazonaws.com', false, ['AccessDenied'], (ctx) => {
    const role = ctx.rng.pick(ctx.account.roleNames);
    return {
      requestParameters: {
        roleName: ctx.gold.field('requestParameters.roleName', 'iam-role-name', role),
        policyArn: ctx.gold.field(
          'requestParameters.policyArn',
          'arn',
          `arn:aws:iam::aws:policy/${ctx.rng.pick(['ReadOnlyAccess', 'AmazonS3ReadOnlyAccess', 'CloudWatchLogsFullAccess', 'service-role/AWSLambdaBasicExecutionRole'])}`,
        ),
      },
      responseElements: null,
      resourceArn: `arn:aws:iam::${ctx.account.accountId}:role/${role}`,
    };
  }),
  'iam:CreateRole': simple('iam.amazonaws.com', false, ['AccessDenied', 'EntityAlreadyExistsException'], (ctx) => {
    const role = `${ctx.rng.pick(ctx.account.functionNames)}-exec-${ctx.rng.int(1, 99)}`;
    const arn = `arn:aws:iam::${ctx.account.accountId}:role/${role}`;
    return {
      requestParameters: {
        roleName: ctx.gold.field('requestParameters.roleName', 'iam-role-name', role),
        assumeRolePolicyDocument: policyDocument(ctx, 'requestParameters.assumeRolePolicyDocument'),
      },
      responseElements: {
        role: {
          path: '/',
          roleName: ctx.gold.field('responseElements.role.roleName', 'iam-role-name', role),
          roleId: `AROA${ctx.rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}`,
          arn: ctx.gold.field('responseElements.role.arn', 'iam-role-arn', arn),
          createDate: 'Nov 3, 2026 10:00:00 AM',
        },
      },
      resourceArn: arn,
    };
  }),
  'sts:GetCallerIdentity': simple('sts.amazonaws.com', true, ['AccessDenied']),
  'sts:AssumeRole': simple('sts.amazonaws.com', false, ['AccessDenied'], (ctx) => {
    const role = ctx.rng.pick(ctx.account.roleNames);
    const roleArn = `arn:aws:iam::${ctx.account.accountId}:role/${role}`;
    const session = `deploy-${ctx.rng.int(1000, 9999)}`;
    const g = ctx.gold;
    return {
      requestParameters: {
        roleArn: g.field('requestParameters.roleArn', 'iam-role-arn', roleArn),
        roleSessionName: session,
        durationSeconds: 3600,
      },
      responseElements: {
        credentials: {
          accessKeyId: g.field(
            'responseElements.credentials.accessKeyId',
            'access-key-id',
            `ASIA${ctx.rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
          ),
          sessionToken: ctx.rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 356),
          expiration: 'Nov 3, 2026, 11:00:00 AM',
        },
        assumedRoleUser: {
          assumedRoleId: `AROA${ctx.rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}:${session}`,
          arn: g.field(
            'responseElements.assumedRoleUser.arn',
            'assumed-role-arn',
            `arn:aws:sts::${ctx.account.accountId}:assumed-role/${role}/${session}`,
          ),
        },
      },
      resources: [
        {
          accountId: g.field('resources[0].accountId', 'aws-account-id', ctx.account.accountId),
          type: 'AWS::IAM::Role',
          ARN: g.field('resources[0].ARN', 'iam-role-arn', roleArn),
        },
      ],
      resourceArn: roleArn,
    };
  }),
  'kms:Decrypt': {
    source: 'kms.amazonaws.com',
    readOnly: true,
    errors: ['AccessDenied', 'InvalidCiphertextException'],
    build(ctx) {
      const arn = kmsKeyArn(ctx, ctx.rng.pick(ctx.account.kmsKeyIds));
      const bucket = pickBucket(ctx);
      const context = ctx.rng.chance(0.5)
        ? {
            'aws:s3:arn': ctx.gold.field(
              'requestParameters.encryptionContext["aws:s3:arn"]',
              'arn',
              `arn:aws:s3:::${bucket}/${ctx.rng.pick(OBJECT_KEYS)}`,
            ),
          }
        : {
            'aws:lambda:FunctionArn': ctx.gold.field(
              'requestParameters.encryptionContext["aws:lambda:FunctionArn"]',
              'arn',
              `arn:aws:lambda:${ctx.account.homeRegion}:${ctx.account.accountId}:function:${ctx.rng.pick(ctx.account.functionNames)}`,
            ),
          };
      return {
        requestParameters: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT', encryptionContext: context },
        responseElements: null,
        resources: keyResource(ctx, arn),
        resourceArn: arn,
      };
    },
  },
  'kms:GenerateDataKey': {
    source: 'kms.amazonaws.com',
    readOnly: true,
    errors: ['AccessDenied', 'KMSInvalidStateException'],
    build(ctx) {
      const keyId = ctx.rng.pick(ctx.account.kmsKeyIds);
      const arn = kmsKeyArn(ctx, keyId);
      const form = ctx.rng.int(0, 2);
      const value =
        form === 0
          ? ctx.gold.field('requestParameters.keyId', 'kms-key-arn', arn)
          : form === 1
            ? ctx.gold.field('requestParameters.keyId', 'kms-alias', ctx.rng.pick(ctx.account.kmsAliases))
            : ctx.gold.field('requestParameters.keyId', 'kms-key-id', keyId);
      return {
        requestParameters: { keyId: value, keySpec: 'AES_256' },
        responseElements: null,
        resources: keyResource(ctx, arn),
        resourceArn: arn,
      };
    },
  },
  'kms:DescribeKey': simple('kms.amazonaws.com', true, ['AccessDenied', 'NotFoundException'], (ctx) => {
    const keyId = ctx.rng.pick(ctx.account.kmsKeyIds);
    return {
      requestParameters: { keyId: ctx.gold.field('requestParameters.keyId', 'kms-key-id', keyId) },
      responseElements: null,
      resources: keyResource(ctx, kmsKeyArn(ctx, keyId)),
      resourceArn: kmsKeyArn(ctx, keyId),
    };
  }),
  'kms:ListKeys': simple('kms.amazonaws.com', true, ['AccessDenied']),
  'lambda:GetFunction': simple(
    'lambda.amazonaws.com',
    true,
    ['AccessDeniedException', 'ResourceNotFoundException'],
    (ctx) => {
      const fn = ctx.rng.pick(ctx.account.functionNames);
      const arn = `arn:aws:lambda:${ctx.account.homeRegion}:${ctx.account.accountId}:function:${fn}`;
      return {
        requestParameters: {
          functionName: ctx.rng.chance(0.5) ? fn : ctx.gold.field('requestParameters.functionName', 'arn', arn),
        },
        responseElements: null,
        resourceArn: arn,
      };
    },
  ),
  'lambda:UpdateFunctionCode': simple('lambda.amazonaws.com', false, ['AccessDeniedException'], (ctx) => {
    const fn = ctx.rng.pick(ctx.account.functionNames);
    const arn = `arn:aws:lambda:${ctx.account.homeRegion}:${ctx.account.accountId}:function:${fn}`;
    const bucket = pickBucket(ctx);
    const role = ctx.rng.pick(ctx.account.roleNames);
    return {
      requestParameters: {
        functionName: fn,
        s3Bucket: ctx.gold.field('requestParameters.s3Bucket', 's3-bucket', bucket),
        s3Key: `lambda/${fn}.zip`,
        publish: true,
      },
      responseElements: {
        functionName: fn,
        functionArn: ctx.gold.field('responseElements.functionArn', 'arn', arn),
        runtime: 'nodejs20.x',
        role: ctx.gold.field(
          'responseElements.role',
          'iam-role-arn',
          `arn:aws:iam::${ctx.account.accountId}:role/${role}`,
        ),
        codeSize: ctx.rng.int(1000, 9_000_000),
      },
      resourceArn: arn,
    };
  }),
  'dynamodb:GetItem': dynamo(true),
  'dynamodb:PutItem': dynamo(false),
  'dynamodb:Query': dynamo(true),
  'dynamodb:DescribeTable': dynamo(true),
  'logs:FilterLogEvents': simple(
    'logs.amazonaws.com',
    true,
    ['AccessDeniedException', 'ThrottlingException'],
    (ctx) => ({
      requestParameters: {
        logGroupName: ctx.rng.pick(ctx.account.logGroups),
        filterPattern: ctx.rng.pick(['ERROR', '"timeout"', '']),
      },
      responseElements: null,
    }),
  ),
  'logs:DescribeLogGroups': simple('logs.amazonaws.com', true, ['AccessDeniedException']),
  'logs:PutLogEvents': simple('logs.amazonaws.com', false, ['ThrottlingException'], (ctx) => ({
    requestParameters: {
      logGroupName: ctx.rng.pick(ctx.account.logGroups),
      logStreamName: `2026/11/03/[$LATEST]${ctx.rng.hex(32)}`,
    },
    responseElements: null,
  })),
  'ssm:GetParameter': simple('ssm.amazonaws.com', true, ['AccessDeniedException', 'ParameterNotFound'], (ctx) => ({
    requestParameters: {
      name: `/${ctx.account.alias}/app/${ctx.rng.pick(['db_host', 'api_url', 'feature_flags'])}`,
      withDecryption: true,
    },
    responseElements: null,
  })),
  'secretsmanager:GetSecretValue': simple(
    'secretsmanager.amazonaws.com',
    true,
    ['AccessDeniedException', 'ResourceNotFoundException'],
    (ctx) => {
      const name = ctx.rng.pick(ctx.account.secretNames);
      const arn = `arn:aws:secretsmanager:${ctx.account.homeRegion}:${ctx.account.accountId}:secret:${name}-${ctx.rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 6)}`;
      return {
        requestParameters: {
          secretId: ctx.rng.chance(0.5) ? name : ctx.gold.field('requestParameters.secretId', 'arn', arn),
        },
        responseElements: null,
        resourceArn: arn,
      };
    },
  ),
  'cloudtrail:DescribeTrails': simple('cloudtrail.amazonaws.com', true, ['AccessDenied'], () => ({
    requestParameters: { includeShadowTrails: true },
    responseElements: null,
  })),
  'cloudtrail:LookupEvents': simple(
    'cloudtrail.amazonaws.com',
    true,
    ['AccessDenied', 'ThrottlingException'],
    (ctx) => ({
      requestParameters: {
        maxResults: 50,
        lookupAttributes: [
          { attributeKey: 'EventName', attributeValue: ctx.rng.pick(['ConsoleLogin', 'CreateUser', 'StopLogging']) },
        ],
      },
      responseElements: null,
    }),
  ),
  'athena:StartQueryExecution': simple(
    'athena.amazonaws.com',
    false,
    ['AccessDeniedException', 'InvalidRequestException'],
    (ctx) => {
      const bucket = pickBucket(ctx);
      const location = new SpanBuilder().add('s3://').entity(bucket, 's3-bucket').add('/athena-results/').build();
      return {
        requestParameters: {
          queryString: `SELECT count(*) FROM ${ctx.rng.pick(['orders', 'events', 'sessions'])} WHERE day = '2026-11-03'`,
          workGroup: 'primary',
          resultConfiguration: {
            outputLocation: ctx.gold.spans('requestParameters.resultConfiguration.outputLocation', location),
          },
        },
        responseElements: { queryExecutionId: ctx.rng.uuid() },
      };
    },
  ),
  'athena:GetQueryResults': simple('athena.amazonaws.com', true, ['AccessDeniedException'], (ctx) => ({
    requestParameters: { queryExecutionId: ctx.rng.uuid(), maxResults: 1000 },
    responseElements: null,
  })),
  'glue:GetTable': simple('glue.amazonaws.com', true, ['AccessDeniedException', 'EntityNotFoundException'], (ctx) => ({
    requestParameters: {
      databaseName: `${ctx.account.alias.replace(/-/g, '_')}_lake`,
      name: ctx.rng.pick(['orders', 'events', 'sessions']),
    },
    responseElements: null,
  })),
  'guardduty:ListFindings': simple('guardduty.amazonaws.com', true, ['AccessDeniedException'], (ctx) => ({
    requestParameters: { detectorId: ctx.rng.hex(32), maxResults: 50 },
    responseElements: null,
  })),
  'guardduty:GetFindings': simple('guardduty.amazonaws.com', true, ['AccessDeniedException'], (ctx) => ({
    requestParameters: { detectorId: ctx.rng.hex(32), findingIds: [ctx.rng.hex(32)] },
    responseElements: null,
  })),
  'config:DescribeComplianceByConfigRule': simple('config.amazonaws.com', true, ['AccessDeniedException']),
  'cloudformation:DescribeStacks': simple(
    'cloudformation.amazonaws.com',
    true,
    ['AccessDenied', 'ValidationError'],
    (ctx) => {
      const arn = `arn:aws:cloudformation:${ctx.account.homeRegion}:${ctx.account.accountId}:stack/${ctx.rng.pick(ctx.account.functionNames)}-stack/${ctx.rng.uuid()}`;
      return {
        requestParameters: { stackName: ctx.gold.field('requestParameters.stackName', 'arn', arn) },
        responseElements: null,
        resourceArn: arn,
      };
    },
  ),
  'cloudformation:UpdateStack': simple(
    'cloudformation.amazonaws.com',
    false,
    ['AccessDenied', 'ValidationError'],
    (ctx) => {
      const bucket = pickBucket(ctx);
      const url = new SpanBuilder()
        .add('https://')
        .entity(bucket, 's3-bucket')
        .add(
          `.s3.${ctx.account.homeRegion}.amazonaws.com/templates/${ctx.rng.pick(ctx.account.functionNames)}.template.json`,
        )
        .build();
      const role = ctx.rng.pick(ctx.account.roleNames);
      return {
        requestParameters: {
          stackName: `${ctx.rng.pick(ctx.account.functionNames)}-stack`,
          templateURL: ctx.gold.spans('requestParameters.templateURL', url),
          roleARN: ctx.gold.field(
            'requestParameters.roleARN',
            'iam-role-arn',
            `arn:aws:iam::${ctx.account.accountId}:role/${role}`,
          ),
          capabilities: ['CAPABILITY_IAM'],
        },
        responseElements: {
          stackId: ctx.gold.field(
            'responseElements.stackId',
            'arn',
            `arn:aws:cloudformation:${ctx.account.homeRegion}:${ctx.account.accountId}:stack/${ctx.rng.pick(ctx.account.functionNames)}-stack/${ctx.rng.uuid()}`,
          ),
        },
      };
    },
  ),
  'ecr:GetAuthorizationToken': simple('ecr.amazonaws.com', true, ['AccessDeniedException']),
  'cloudwatch:GetMetricData': simple('monitoring.amazonaws.com', true, ['AccessDenied', 'Throttling'], () => ({
    requestParameters: { startTime: 'Nov 3, 2026, 9:00:00 AM', endTime: 'Nov 3, 2026, 10:00:00 AM' },
    responseElements: null,
  })),
  'signin:ConsoleLogin': {
    source: 'signin.amazonaws.com',
    readOnly: false,
    eventType: 'AwsConsoleSignIn',
    errors: ['Failed authentication'],
    build: () => ({
      requestParameters: null,
      responseElements: { ConsoleLogin: 'Success' },
      additionalEventData: {
        LoginTo: 'https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true',
        MobileVersion: 'No',
        MFAUsed: 'Yes',
      },
    }),
  },
};

function dynamo(readOnly: boolean): ActionSpec {
  return {
    source: 'dynamodb.amazonaws.com',
    readOnly,
    data: true,
    errors: ['AccessDeniedException', 'ProvisionedThroughputExceededException'],
    build(ctx) {
      const table = ctx.rng.pick(ctx.account.tableNames);
      const arn = `arn:aws:dynamodb:${ctx.account.homeRegion}:${ctx.account.accountId}:table/${table}`;
      return {
        requestParameters: { tableName: table, key: { pk: { S: `ORDER#${ctx.rng.int(100000, 999999)}` } } },
        responseElements: null,
        resources: [
          {
            accountId: ctx.gold.field('resources[0].accountId', 'aws-account-id', ctx.account.accountId),
            type: 'AWS::DynamoDB::Table',
            ARN: ctx.gold.field('resources[0].ARN', 'arn', arn),
          },
        ],
        resourceArn: arn,
      };
    },
  };
}
