import { SyntheticPrincipal, SyntheticWorld } from './attack-contract';
import { SeededRandom } from './rng';

/** How a simulated principal behaves; stable over the simulated period. */
export interface PrincipalHabits {
  /** `human` (IAM user or SSO session), `service` (workload role), `root`, `aws-service`. */
  readonly kind: 'human' | 'service' | 'root' | 'aws-service';
  /** Job profile that chose the actions (`developer`, `ci`, `lambda-etl`, …). */
  readonly profile: string;
  /** Action ids (`service:EventName`) with relative weights. */
  readonly actions: readonly string[];
  readonly actionWeights: readonly number[];
  /** Weights of `usualIps`, `usualRegions`, `usualUserAgents` (same order). */
  readonly ipWeights: readonly number[];
  readonly regionWeights: readonly number[];
  readonly userAgentWeights: readonly number[];
  /** UTC hour the working day starts (humans) and its length in hours; services run all day. */
  readonly workStartHour: number;
  readonly workHours: number;
  /** Share of activity on Saturday and Sunday relative to a weekday (0..1). */
  readonly weekendActivity: number;
  /** Probability that a call fails (AccessDenied, throttling, not found, …). */
  readonly errorRate: number;
  /** Share of the world's events this principal makes (relative). */
  readonly volume: number;
  /** For assumed-role sessions: the role ARN (session issuer) and role name. */
  readonly roleArn?: string;
  readonly roleName?: string;
  /** Interface VPC endpoint the principal calls through, when it runs inside a VPC. */
  readonly vpcEndpointId?: string;
  /** IAM unique id (`AIDA…`, `AROA…`). */
  readonly principalId: string;
}

/** A principal of the simulated world with its habits. */
export interface SimulatedPrincipal extends SyntheticPrincipal {
  readonly habits: PrincipalHabits;
}

/** Resources of one account. */
export interface AccountResources {
  readonly accountId: string;
  readonly alias: string;
  readonly homeRegion: string;
  readonly buckets: readonly string[];
  readonly kmsKeyIds: readonly string[];
  readonly kmsAliases: readonly string[];
  readonly vpcIds: readonly string[];
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly instanceIds: readonly string[];
  readonly eniIds: readonly string[];
  readonly vpcEndpointIds: readonly string[];
  readonly roleNames: readonly string[];
  readonly userNames: readonly string[];
  readonly functionNames: readonly string[];
  readonly tableNames: readonly string[];
  readonly trailNames: readonly string[];
  readonly secretNames: readonly string[];
  readonly logGroups: readonly string[];
}

/** The generator's world: the contract's `SyntheticWorld` plus habits and per-account resources. */
export interface SimulatedWorld extends SyntheticWorld {
  readonly principals: readonly SimulatedPrincipal[];
  readonly accounts: readonly AccountResources[];
  /** Organisation name used in resource names. */
  readonly org: string;
}

/** Options of {@link buildWorld}. */
export interface WorldOptions {
  /** @default 4 */
  readonly accounts?: number;
  /** ISO-8601 start of the period. @default '2026-11-02T00:00:00Z' (a Monday) */
  readonly start?: string;
  /** Simulated days. @default 14 */
  readonly days?: number;
}

export const REGIONS = [
  'us-east-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ca-central-1',
  'sa-east-1',
];
const ORGS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'vandelay', 'stark', 'wayne', 'tyrell', 'cyberdyne'];
const FIRST = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'niaj',
  'olivia',
  'peggy',
  'rupert',
  'sybil',
  'trent',
  'victor',
  'walter',
  'yasmin',
  'zoe',
  'omar',
  'priya',
  'chen',
  'fatima',
  'lars',
  'sofia',
  'mateo',
  'aiko',
  'kwame',
];
const LAST = [
  'smith',
  'jones',
  'garcia',
  'kim',
  'nguyen',
  'patel',
  'muller',
  'rossi',
  'silva',
  'tanaka',
  'okafor',
  'novak',
  'larsen',
  'haddad',
  'cohen',
  'diaz',
];
const PURPOSES = [
  'logs',
  'backups',
  'data-lake',
  'artifacts',
  'reports',
  'static-site',
  'uploads',
  'archive',
  'ml-datasets',
  'terraform-state',
  'cloudtrail',
  'exports',
  'media',
  'config',
];
const ROLE_NAMES = [
  'Admin',
  'ReadOnly',
  'DevOps',
  'DataScientist',
  'SecurityAudit',
  'BillingViewer',
  'PowerUser',
  'Support',
  'NetworkAdmin',
  'BreakGlass',
];
const APP_NAMES = [
  'orders',
  'payments',
  'catalog',
  'auth',
  'search',
  'billing',
  'inventory',
  'notifications',
  'reporting',
  'ingest',
];

/** Public-looking first octets (unicast, not private, not documentation). */
const PUBLIC_FIRST_OCTETS = [
  3, 13, 18, 23, 34, 35, 44, 52, 54, 63, 64, 66, 68, 71, 73, 76, 81, 82, 86, 88, 92, 98, 99, 104, 107, 108, 136, 142,
  146, 149, 151, 157, 162, 173, 176, 178, 185, 188, 193, 194, 195, 203, 212, 213, 217,
];

export const USER_AGENTS = {
  console: [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  ],
  cli: [
    'aws-cli/2.15.30 Python/3.11.8 Darwin/23.4.0 exe/x86_64 prompt/off command/s3.ls',
    'aws-cli/2.13.4 Python/3.11.4 Linux/5.15.0-1051-aws exe/x86_64.ubuntu.22 prompt/off',
    'aws-cli/1.29.62 Python/3.9.18 Windows/10 botocore/1.31.62',
  ],
  sdk: [
    'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213-201.855.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69',
    'aws-sdk-js/3.540.0 ua/2.0 os/linux#5.10.213 lang/js md/nodejs#20.11.1 api/dynamodb#3.540.0',
    'aws-sdk-go-v2/1.25.3 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 api/s3#1.51.4',
    'aws-sdk-java/2.25.16 Linux/5.10.213 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. exec-env/AWS_ECS_FARGATE',
  ],
  iac: [
    'APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.43.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.26.0 os/linux lang/go#1.22.1',
    'aws-cdk/2.135.0 aws-sdk-js/3.540.0 os/linux lang/js md/nodejs#20.11.1',
    'cloudformation.amazonaws.com',
  ],
};

/** Human job profiles: action ids with weights. */
const HUMAN_PROFILES: Record<string, Record<string, number>> = {
  developer: {
    's3:GetObject': 8,
    's3:PutObject': 4,
    's3:ListBuckets': 3,
    'lambda:GetFunction': 3,
    'lambda:UpdateFunctionCode': 1,
    'logs:FilterLogEvents': 5,
    'dynamodb:DescribeTable': 2,
    'ec2:DescribeInstances': 3,
    'sts:GetCallerIdentity': 2,
    'kms:Decrypt': 2,
    'ssm:GetParameter': 2,
    'secretsmanager:GetSecretValue': 1,
  },
  admin: {
    'iam:ListUsers': 3,
    'iam:GetUser': 2,
    'iam:ListRoles': 2,
    'iam:AttachRolePolicy': 1,
    'iam:CreateRole': 0.3,
    'ec2:DescribeInstances': 4,
    'ec2:DescribeSecurityGroups': 3,
    'ec2:AuthorizeSecurityGroupIngress': 0.5,
    'ec2:RunInstances': 0.5,
    'ec2:StopInstances': 0.5,
    'cloudtrail:DescribeTrails': 1,
    'cloudtrail:LookupEvents': 2,
    'kms:DescribeKey': 1,
    's3:GetBucketPolicy': 1,
    's3:ListBuckets': 2,
    'sts:GetCallerIdentity': 1,
    'signin:ConsoleLogin': 1,
  },
  analyst: {
    's3:GetObject': 10,
    's3:ListObjects': 6,
    'athena:StartQueryExecution': 5,
    'athena:GetQueryResults': 6,
    'glue:GetTable': 3,
    'kms:Decrypt': 4,
    'signin:ConsoleLogin': 1,
  },
  security: {
    'cloudtrail:LookupEvents': 5,
    'guardduty:ListFindings': 4,
    'guardduty:GetFindings': 3,
    'iam:GetAccountAuthorizationDetails': 1,
    'ec2:DescribeSecurityGroups': 3,
    'ec2:DescribeFlowLogs': 2,
    's3:GetBucketAcl': 2,
    'kms:ListKeys': 1,
    'config:DescribeComplianceByConfigRule': 2,
    'signin:ConsoleLogin': 1,
  },
  network: {
    'ec2:DescribeVpcs': 4,
    'ec2:DescribeSubnets': 4,
    'ec2:DescribeSecurityGroups': 5,
    'ec2:DescribeNetworkInterfaces': 3,
    'ec2:AuthorizeSecurityGroupIngress': 0.6,
    'ec2:CreateSecurityGroup': 0.3,
    'ec2:DescribeFlowLogs': 1,
    'ec2:DescribeInstances': 2,
    'signin:ConsoleLogin': 1,
  },
};

/** Workload role profiles (very regular). */
const SERVICE_PROFILES: Record<
  string,
  { actions: Record<string, number>; ua: keyof typeof USER_AGENTS; inVpc: boolean }
> = {
  'lambda-etl': {
    actions: {
      's3:GetObject': 6,
      's3:PutObject': 4,
      'kms:Decrypt': 3,
      'kms:GenerateDataKey': 2,
      'logs:PutLogEvents': 1,
    },
    ua: 'sdk',
    inVpc: false,
  },
  'ecs-api': {
    actions: {
      'dynamodb:GetItem': 8,
      'dynamodb:PutItem': 4,
      'dynamodb:Query': 5,
      'kms:Decrypt': 2,
      'secretsmanager:GetSecretValue': 1,
      'ssm:GetParameter': 1,
    },
    ua: 'sdk',
    inVpc: true,
  },
  ci: {
    actions: {
      'sts:AssumeRole': 1,
      'cloudformation:DescribeStacks': 4,
      'cloudformation:UpdateStack': 1,
      's3:PutObject': 3,
      'lambda:UpdateFunctionCode': 1,
      'ecr:GetAuthorizationToken': 2,
      'iam:GetRole': 1,
    },
    ua: 'iac',
    inVpc: false,
  },
  monitoring: {
    actions: {
      'cloudwatch:GetMetricData': 8,
      'ec2:DescribeInstances': 3,
      'logs:DescribeLogGroups': 2,
      'cloudtrail:DescribeTrails': 1,
    },
    ua: 'sdk',
    inVpc: true,
  },
  backup: {
    actions: { 's3:PutObject': 5, 'kms:GenerateDataKey': 4, 'dynamodb:DescribeTable': 1, 'ec2:CreateSnapshot': 1 },
    ua: 'sdk',
    inVpc: true,
  },
};

/** A public unicast IPv4 address outside documentation and private ranges. */
export function publicIpv4(rng: SeededRandom): string {
  return `${rng.pick(PUBLIC_FIRST_OCTETS)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

/** A global unicast IPv6 address in compressed form. */
export function publicIpv6(rng: SeededRandom): string {
  const prefix = rng.pick(['2600:1700', '2a02:c7c', '2001:470', '2604:a880', '2a01:4f8', '2406:da18']);
  const groups = [rng.int(1, 0xffff), rng.int(0, 0xffff), 0, 0, rng.int(1, 0xffff), rng.int(1, 0xffff)].map((g) =>
    g.toString(16),
  );
  return `${prefix}:${groups.slice(0, 2).join(':')}::${groups.slice(4).join(':')}`;
}

/** A 12-digit account id (never starting with 0, to keep forms simple in text). */
export function accountId(rng: SeededRandom): string {
  return `${rng.int(1, 9)}${rng.chars('0123456789', 11)}`;
}

/** An access key id with the given prefix (`AKIA` or `ASIA`). */
export function accessKeyId(rng: SeededRandom, prefix: 'AKIA' | 'ASIA'): string {
  return prefix + rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16);
}

function uniqueId(rng: SeededRandom, prefix: string): string {
  return prefix + rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17);
}

function ec2Id(rng: SeededRandom, prefix: string): string {
  return `${prefix}-0${rng.hex(16)}`;
}

function weightsFalling(n: number, rng: SeededRandom): number[] {
  const out: number[] = [];
  let w = 1;
  for (let i = 0; i < n; i++) {
    out.push(Math.round(w * 1000) / 1000);
    w *= 0.15 + rng.next() * 0.35;
  }
  return out;
}

/**
 * Builds the simulated organisation: accounts with resources, human users
 * with stable habits (offices, home IPs, regions, tools, working hours,
 * error rates), workload roles that are very regular, SSO sessions, the root
 * user and AWS services.
 */
export function buildWorld(seed: number, options: WorldOptions = {}): SimulatedWorld {
  const rng = new SeededRandom(seed);
  const days = options.days ?? 14;
  const start = options.start ?? '2026-11-02T00:00:00Z';
  const end = new Date(Date.parse(start) + days * 86_400_000).toISOString().replace('.000Z', 'Z');
  const org = rng.pick(ORGS);
  const nAccounts = options.accounts ?? 4;
  const officeIps = [publicIpv4(rng), publicIpv4(rng), publicIpv4(rng)];
  const vpnIp = publicIpv4(rng);
  const accounts: AccountResources[] = [];
  const envs = ['prod', 'staging', 'dev', 'security', 'data', 'sandbox'];
  for (let a = 0; a < nAccounts; a++) {
    const env = envs[a % envs.length];
    const id = accountId(rng);
    const homeRegion = a === 0 ? 'us-east-1' : rng.pick(REGIONS.slice(0, 5));
    const buckets = rng
      .sample(PURPOSES, rng.int(4, 7))
      .map((p) => (rng.chance(0.5) ? `${org}-${env}-${p}` : `${org}-${p}-${id.slice(-4)}-${homeRegion}`));
    accounts.push({
      accountId: id,
      alias: `${org}-${env}`,
      homeRegion,
      buckets,
      kmsKeyIds: Array.from({ length: rng.int(3, 5) }, (_, i) =>
        i === 0 && rng.chance(0.5) ? `mrk-${rng.hex(32)}` : rng.uuid(),
      ),
      kmsAliases: rng
        .sample(['app-data', 'backups', 's3-default', 'rds', 'secrets', 'logs', 'ebs'], 3)
        .map((x) => `alias/${org}-${x}`),
      vpcIds: [ec2Id(rng, 'vpc'), ec2Id(rng, 'vpc')],
      subnetIds: Array.from({ length: 4 }, () => ec2Id(rng, 'subnet')),
      securityGroupIds: Array.from({ length: 5 }, () => ec2Id(rng, 'sg')),
      instanceIds: Array.from({ length: rng.int(4, 9) }, () => (rng.chance(0.1) ? `i-${rng.hex(8)}` : ec2Id(rng, 'i'))),
      eniIds: Array.from({ length: 6 }, () => ec2Id(rng, 'eni')),
      vpcEndpointIds: [ec2Id(rng, 'vpce'), ec2Id(rng, 'vpce')],
      roleNames: [],
      userNames: [],
      functionNames: rng.sample(APP_NAMES, 4).map((n) => `${n}-${env}-handler`),
      tableNames: rng.sample(APP_NAMES, 3).map((n) => `${n}-${env}`),
      trailNames: [`${org}-org-trail`, `${env}-management-events`],
      secretNames: rng.sample(APP_NAMES, 3).map((n) => `${env}/${n}/db-credentials`),
      logGroups: rng.sample(APP_NAMES, 3).map((n) => `/aws/lambda/${n}-${env}-handler`),
    });
  }
  const principals: SimulatedPrincipal[] = [];
  const usedNames = new Set<string>();
  // Human IAM users (long-term keys) and SSO sessions.
  for (const acct of accounts) {
    const nUsers = rng.int(4, 9);
    const roleNames = rng.sample(ROLE_NAMES, 5);
    (acct.roleNames as string[]).push(...roleNames);
    for (let u = 0; u < nUsers; u++) {
      let name = `${rng.pick(FIRST)}.${rng.pick(LAST)}`;
      while (usedNames.has(`${acct.accountId}/${name}`)) name = `${rng.pick(FIRST)}.${rng.pick(LAST)}${rng.int(2, 9)}`;
      usedNames.add(`${acct.accountId}/${name}`);
      (acct.userNames as string[]).push(name);
      const profile = rng.pick(Object.keys(HUMAN_PROFILES));
      const viaSso = rng.chance(0.45);
      const ips = [
        rng.pick(officeIps),
        ...(rng.chance(0.6) ? [rng.chance(0.25) ? publicIpv6(rng) : publicIpv4(rng)] : []),
        ...(rng.chance(0.3) ? [vpnIp] : []),
      ];
      const uaKinds: (keyof typeof USER_AGENTS)[] = viaSso
        ? ['console', 'cli']
        : rng.chance(0.5)
          ? ['cli', 'sdk']
          : ['console', 'cli'];
      const uas = uaKinds.map((k) => rng.pick(USER_AGENTS[k]));
      const regions = [acct.homeRegion, ...(rng.chance(0.35) ? [rng.pick(REGIONS)] : [])].filter(
        (r, i, all) => all.indexOf(r) === i,
      );
      const actions = HUMAN_PROFILES[profile];
      const common = {
        kind: 'human' as const,
        profile,
        actions: Object.keys(actions),
        actionWeights: Object.values(actions),
        ipWeights: weightsFalling(ips.length, rng),
        regionWeights: weightsFalling(regions.length, rng),
        userAgentWeights: weightsFalling(uas.length, rng),
        workStartHour: rng.int(6, 16),
        workHours: rng.int(7, 10),
        weekendActivity: rng.next() * 0.15,
        errorRate: 0.005 + rng.next() * 0.05,
        volume: 0.5 + rng.next() * 3,
      };
      if (viaSso) {
        const ssoRole = `AWSReservedSSO_${rng.pick(['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess', 'DataEngineer'])}_${rng.hex(16)}`;
        const session = `${name}@${org}.example.com`;
        principals.push({
          arn: `arn:aws:sts::${acct.accountId}:assumed-role/${ssoRole}/${session}`,
          type: 'AssumedRole',
          accountId: acct.accountId,
          accessKeyIds: [accessKeyId(rng, 'ASIA'), accessKeyId(rng, 'ASIA')],
          usualIps: ips,
          usualRegions: regions,
          usualUserAgents: uas,
          habits: {
            ...common,
            roleArn: `arn:aws:iam::${acct.accountId}:role/aws-reserved/sso.amazonaws.com/${ssoRole}`,
            roleName: ssoRole,
            principalId: `${uniqueId(rng, 'AROA')}:${session}`,
          },
        });
      } else {
        principals.push({
          arn: `arn:aws:iam::${acct.accountId}:user/${rng.chance(0.2) ? 'engineering/' : ''}${name}`,
          type: 'IAMUser',
          accountId: acct.accountId,
          userName: name,
          accessKeyIds: rng.chance(0.3)
            ? [accessKeyId(rng, 'AKIA'), accessKeyId(rng, 'AKIA')]
            : [accessKeyId(rng, 'AKIA')],
          usualIps: ips,
          usualRegions: regions,
          usualUserAgents: uas,
          habits: { ...common, principalId: uniqueId(rng, 'AIDA') },
        });
      }
    }
    // Workload roles: one session name, one region, one tool, all day, rare errors.
    for (const profile of rng.sample(Object.keys(SERVICE_PROFILES), rng.int(2, 4))) {
      const spec = SERVICE_PROFILES[profile];
      const roleName = `${rng.pick(APP_NAMES)}-${profile}-role`;
      (acct.roleNames as string[]).push(roleName);
      const session = profile.startsWith('lambda')
        ? `${rng.pick(acct.functionNames)}`
        : profile === 'ci'
          ? `GitHubActions-${rng.int(100000, 999999)}`
          : rng.hex(32);
      const ip = spec.inVpc ? `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(4, 250)}` : publicIpv4(rng);
      principals.push({
        arn: `arn:aws:sts::${acct.accountId}:assumed-role/${roleName}/${session}`,
        type: 'AssumedRole',
        accountId: acct.accountId,
        accessKeyIds: [accessKeyId(rng, 'ASIA')],
        usualIps: [ip],
        usualRegions: [acct.homeRegion],
        usualUserAgents: [rng.pick(USER_AGENTS[spec.ua])],
        habits: {
          kind: 'service',
          profile,
          actions: Object.keys(spec.actions),
          actionWeights: Object.values(spec.actions),
          ipWeights: [1],
          regionWeights: [1],
          userAgentWeights: [1],
          workStartHour: 0,
          workHours: 24,
          weekendActivity: 1,
          errorRate: 0.0005 + rng.next() * 0.002,
          volume: 6 + rng.next() * 20,
          roleArn: `arn:aws:iam::${acct.accountId}:role/${rng.chance(0.3) ? 'service-role/' : ''}${roleName}`,
          roleName,
          principalId: `${uniqueId(rng, 'AROA')}:${session}`,
          ...(spec.inVpc ? { vpcEndpointId: acct.vpcEndpointIds[0] } : {}),
        },
      });
    }
    // AWS services acting in the account (no IP: sourceIPAddress is the service name).
    principals.push({
      arn: `arn:aws:sts::${acct.accountId}:assumed-role/AWSServiceRoleForConfig/AWSConfig-Describe`,
      type: 'AWSService',
      accountId: acct.accountId,
      accessKeyIds: [],
      usualIps: [],
      usualRegions: [acct.homeRegion],
      usualUserAgents: ['config.amazonaws.com'],
      habits: {
        kind: 'aws-service',
        profile: 'aws-config',
        actions: ['ec2:DescribeInstances', 'ec2:DescribeSecurityGroups', 's3:GetBucketAcl', 'iam:GetRole'],
        actionWeights: [3, 3, 2, 1],
        ipWeights: [],
        regionWeights: [1],
        userAgentWeights: [1],
        workStartHour: 0,
        workHours: 24,
        weekendActivity: 1,
        errorRate: 0.001,
        volume: 3,
        roleArn: `arn:aws:iam::${acct.accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
        roleName: 'AWSServiceRoleForConfig',
        principalId: `${uniqueId(rng, 'AROA')}:AWSConfig-Describe`,
      },
    });
    // The root user: rare console sign-ins from the office.
    principals.push({
      arn: `arn:aws:iam::${acct.accountId}:root`,
      type: 'Root',
      accountId: acct.accountId,
      accessKeyIds: [],
      usualIps: [officeIps[0]],
      usualRegions: ['us-east-1'],
      usualUserAgents: [USER_AGENTS.console[0]],
      habits: {
        kind: 'root',
        profile: 'root',
        actions: ['signin:ConsoleLogin', 'iam:GetAccountSummary'],
        actionWeights: [1, 1],
        ipWeights: [1],
        regionWeights: [1],
        userAgentWeights: [1],
        workStartHour: 9,
        workHours: 8,
        weekendActivity: 0,
        errorRate: 0.01,
        volume: 0.02,
        principalId: acct.accountId,
      },
    });
  }
  const resources: Record<string, string[]> = {
    bucket: accounts.flatMap((a) => a.buckets),
    kmsKeyArn: accounts.flatMap((a) => a.kmsKeyIds.map((k) => `arn:aws:kms:${a.homeRegion}:${a.accountId}:key/${k}`)),
    kmsAlias: accounts.flatMap((a) => a.kmsAliases),
    trailArn: accounts.flatMap((a) =>
      a.trailNames.map((t) => `arn:aws:cloudtrail:${a.homeRegion}:${a.accountId}:trail/${t}`),
    ),
    roleArn: accounts.flatMap((a) => a.roleNames.map((r) => `arn:aws:iam::${a.accountId}:role/${r}`)),
    userArn: principals.filter((p) => p.type === 'IAMUser').map((p) => p.arn),
    instanceId: accounts.flatMap((a) => a.instanceIds),
    securityGroupId: accounts.flatMap((a) => a.securityGroupIds),
    vpcId: accounts.flatMap((a) => a.vpcIds),
    subnetId: accounts.flatMap((a) => a.subnetIds),
    lambdaFunctionArn: accounts.flatMap((a) =>
      a.functionNames.map((f) => `arn:aws:lambda:${a.homeRegion}:${a.accountId}:function:${f}`),
    ),
    dynamodbTableArn: accounts.flatMap((a) =>
      a.tableNames.map((t) => `arn:aws:dynamodb:${a.homeRegion}:${a.accountId}:table/${t}`),
    ),
    officeIp: officeIps,
  };
  return { seed, start, end, org, accountIds: accounts.map((a) => a.accountId), principals, accounts, resources };
}
