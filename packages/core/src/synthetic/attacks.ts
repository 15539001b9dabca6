import { AttackInjector, AttackLabel, SyntheticPrincipal, SyntheticWorld } from './attack-contract';
import { SeededRandom } from './rng';
import { CloudTrailRecord } from '../logs/cloudtrail-record';

/**
 * Labelled attack scenarios injected into a simulated world (`aad generate
 * --attacks`). Each scenario is a small story told with real CloudTrail API
 * calls and parameter shapes: a victim principal of the world, an attacker
 * address and tool, and steps minutes apart. Scenarios are about behaviour
 * (what the calls do, how they differ from the victim's habits), never about
 * placeholder values.
 */

/** Attack scenario kinds the injector knows. */
export const ATTACK_SCENARIOS: readonly string[] = [
  'credential-exfiltration',
  'privilege-escalation',
  'logging-disabled',
  'kms-key-deletion',
  'public-bucket',
  'recon-access-denied',
  'new-region-activity',
  'access-key-for-other-user',
  'snapshot-exfiltration',
  'secrets-harvest',
  'console-brute-force',
];

/** Tools attackers use with stolen keys (a mix of common SDKs and CLIs on other systems). */
const ATTACKER_AGENTS = [
  'Boto3/1.28.57 md/Botocore#1.31.57 ua/2.0 os/linux#5.15.0-86-generic md/arch#x86_64 lang/python#3.10.12 md/pyimpl#CPython Botocore/1.31.57',
  'aws-cli/2.13.25 Python/3.11.5 Linux/6.5.0-kali3-amd64 exe/x86_64.kali.2023 prompt/off command/sts.get-caller-identity',
  'aws-cli/2.15.10 Python/3.11.6 Linux/6.2.0-1015-azure exe/x86_64.ubuntu.22 prompt/off',
  'aws-sdk-go/1.44.327 (go1.21.1; linux; amd64)',
  'python-requests/2.31.0',
  'aws-sdk-js/2.1467.0 linux/v18.17.1 promise',
];

const ATTACKER_FIRST_OCTETS = [5, 31, 37, 45, 46, 77, 91, 102, 109, 141, 159, 167, 185, 194, 212];
const ALL_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'sa-east-1',
  'ca-central-1',
];

interface AccountView {
  readonly accountId: string;
  readonly buckets: readonly string[];
  readonly kmsKeyIds: readonly string[];
  readonly trailNames: readonly string[];
  readonly userNames: readonly string[];
  readonly secretNames: readonly string[];
  readonly instanceIds: readonly string[];
  readonly homeRegion: string;
}

/** Per-account resources, from the generator's richer world when present, else from `world.resources`. */
function accountOf(world: SyntheticWorld, accountId: string, rng: SeededRandom): AccountView {
  const rich = (world as { accounts?: readonly Partial<AccountView>[] }).accounts?.find(
    (a) => a.accountId === accountId,
  );
  const ofAccount = (list: readonly string[] | undefined): string[] =>
    (list ?? []).filter((x) => x.includes(accountId));
  const keyIds = ofAccount(world.resources.kmsKeyArn).map((arn) => arn.slice(arn.lastIndexOf('/') + 1));
  const trails = ofAccount(world.resources.trailArn).map((arn) => arn.slice(arn.lastIndexOf('/') + 1));
  const users = ofAccount(world.resources.userArn).map((arn) => arn.slice(arn.lastIndexOf('/') + 1));
  return {
    accountId,
    buckets: rich?.buckets ?? world.resources.bucket ?? [`data-${rng.hex(6)}`],
    kmsKeyIds: rich?.kmsKeyIds ?? (keyIds.length > 0 ? keyIds : [rng.uuid()]),
    trailNames: rich?.trailNames ?? (trails.length > 0 ? trails : ['management-events']),
    userNames: rich?.userNames ?? (users.length > 0 ? users : ['deploy']),
    secretNames: rich?.secretNames ?? ['prod/app/db-credentials'],
    instanceIds: rich?.instanceIds ?? world.resources.instanceId ?? [`i-0${rng.hex(16)}`],
    homeRegion: rich?.homeRegion ?? 'us-east-1',
  };
}

/** The role ARN behind an assumed-role principal (the generator's habits know its path). */
function roleArnOf(p: SyntheticPrincipal): string {
  const known = (p as { habits?: { roleArn?: string } }).habits?.roleArn;
  if (known) return known;
  const m = /^arn:([\w-]+):sts::(\d+):assumed-role\/([^/]+)/.exec(p.arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : p.arn;
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

interface StepOptions {
  readonly params?: Record<string, unknown> | null;
  readonly response?: Record<string, unknown> | null;
  readonly error?: string;
  readonly region?: string;
  readonly readOnly?: boolean;
  /** Seconds after the previous step. @default a few seconds to a minute */
  readonly after?: number;
  readonly identity?: Record<string, unknown>;
  readonly extra?: Record<string, unknown>;
}

/** Builds the events of one attack instance. */
class Story {
  readonly events: CloudTrailRecord[] = [];
  readonly labels: AttackLabel[] = [];
  private time: number;

  constructor(
    private readonly rng: SeededRandom,
    readonly scenario: string,
    readonly attackId: string,
    readonly victim: SyntheticPrincipal,
    readonly account: AccountView,
    readonly ip: string,
    readonly userAgent: string,
    start: number,
  ) {
    this.time = start;
  }

  /** The victim's usual region (where its resources are). */
  get region(): string {
    return this.victim.usualRegions[0] ?? this.account.homeRegion;
  }

  identity(): Record<string, unknown> {
    const p = this.victim;
    const accessKeyId = p.accessKeyIds.length > 0 ? this.rng.pick(p.accessKeyIds) : undefined;
    if (p.type === 'IAMUser') {
      return {
        type: 'IAMUser',
        principalId: `AIDA${this.rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}`,
        arn: p.arn,
        accountId: p.accountId,
        ...(accessKeyId ? { accessKeyId } : {}),
        userName: p.userName ?? p.arn.slice(p.arn.lastIndexOf('/') + 1),
      };
    }
    if (p.type === 'Root') return { type: 'Root', principalId: p.accountId, arn: p.arn, accountId: p.accountId };
    const role = roleArnOf(p);
    return {
      type: 'AssumedRole',
      principalId: `AROA${this.rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}:${p.arn.slice(p.arn.lastIndexOf('/') + 1)}`,
      arn: p.arn,
      accountId: p.accountId,
      ...(accessKeyId ? { accessKeyId } : {}),
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          arn: role,
          accountId: p.accountId,
          userName: role.slice(role.lastIndexOf('/') + 1),
        },
        webIdFederationData: {},
        attributes: { creationDate: isoSeconds(this.time - 600_000), mfaAuthenticated: 'false' },
      },
    };
  }

  /** Appends one API call of the story. */
  step(step: string, source: string, eventName: string, options: StepOptions = {}): CloudTrailRecord {
    this.time += (options.after ?? this.rng.int(2, 50)) * 1000;
    const eventID = this.rng.uuid();
    const service = source.split('.')[0];
    const region = options.region ?? (service === 'iam' || service === 'signin' ? 'us-east-1' : this.region);
    const event: Record<string, unknown> = {
      eventVersion: '1.09',
      userIdentity: options.identity ?? this.identity(),
      eventTime: isoSeconds(this.time),
      eventSource: source,
      eventName,
      awsRegion: region,
      sourceIPAddress: this.ip,
      userAgent: this.userAgent,
      ...(options.error
        ? {
            errorCode: options.error,
            errorMessage: `User: ${this.victim.arn} is not authorized to perform: ${service}:${eventName}`,
          }
        : {}),
      requestParameters: options.params ?? null,
      responseElements: options.error ? null : (options.response ?? null),
      requestID: this.rng.uuid(),
      eventID,
      readOnly: options.readOnly ?? /^(Get|List|Describe|Head)/.test(eventName),
      eventType: source === 'signin.amazonaws.com' ? 'AwsConsoleSignIn' : 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: this.account.accountId,
      eventCategory: 'Management',
      ...options.extra,
    };
    this.events.push(event as CloudTrailRecord);
    this.labels.push({ logId: eventID, scenario: this.scenario, attackId: this.attackId, step });
    return event as CloudTrailRecord;
  }
}

type Scenario = (s: Story, rng: SeededRandom) => void;

const adminPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});

const SCENARIOS: Readonly<Record<string, Scenario>> = {
  /** A leaked key is checked, then the victim's buckets are listed and downloaded. */
  'credential-exfiltration': (s, rng) => {
    s.step('whoami', 'sts.amazonaws.com', 'GetCallerIdentity');
    s.step('list-buckets', 's3.amazonaws.com', 'ListBuckets');
    const buckets = rng.sample(s.account.buckets, 2);
    for (const bucket of buckets) {
      s.step('list-objects', 's3.amazonaws.com', 'ListObjects', { params: { bucketName: bucket, prefix: '' } });
      const files = rng.int(8, 18);
      for (let i = 0; i < files; i++) {
        s.step('download', 's3.amazonaws.com', 'GetObject', {
          params: {
            bucketName: bucket,
            key: `${rng.pick(['exports', 'reports', 'backups', 'customers'])}/${rng.hex(8)}.csv`,
          },
          after: rng.int(1, 6),
          extra: { eventCategory: 'Data', managementEvent: false },
        });
      }
    }
  },
  /** The principal grants itself administrator rights, then uses them. */
  'privilege-escalation': (s, rng) => {
    const self = s.victim.userName ?? s.victim.arn.slice(s.victim.arn.lastIndexOf('/') + 1);
    s.step('whoami', 'sts.amazonaws.com', 'GetCallerIdentity');
    s.step('enumerate-policies', 'iam.amazonaws.com', 'ListAttachedUserPolicies', { params: { userName: self } });
    if (s.victim.type === 'IAMUser') {
      s.step('attach-admin', 'iam.amazonaws.com', 'AttachUserPolicy', {
        params: { userName: self, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      });
      s.step('inline-admin', 'iam.amazonaws.com', 'PutUserPolicy', {
        params: { userName: self, policyName: `sys-${rng.hex(4)}`, policyDocument: adminPolicy },
      });
    } else {
      const role = roleArnOf(s.victim);
      const roleName = role.slice(role.lastIndexOf('/') + 1);
      s.step('attach-admin', 'iam.amazonaws.com', 'AttachRolePolicy', {
        params: { roleName, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      });
      s.step('inline-admin', 'iam.amazonaws.com', 'PutRolePolicy', {
        params: { roleName, policyName: `sys-${rng.hex(4)}`, policyDocument: adminPolicy },
      });
    }
    s.step('use-admin', 'iam.amazonaws.com', 'ListUsers');
    const newUser = `svc-${rng.hex(5)}`;
    s.step('create-user', 'iam.amazonaws.com', 'CreateUser', { params: { userName: newUser } });
    s.step('backdoor-key', 'iam.amazonaws.com', 'CreateAccessKey', {
      params: { userName: newUser },
      response: {
        accessKey: {
          accessKeyId: `AKIA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
          userName: newUser,
          status: 'Active',
        },
      },
    });
  },
  /** Logging and detection are switched off before anything else happens. */
  'logging-disabled': (s, rng) => {
    const trail = rng.pick(s.account.trailNames);
    s.step('whoami', 'sts.amazonaws.com', 'GetCallerIdentity');
    s.step('check-trails', 'cloudtrail.amazonaws.com', 'DescribeTrails');
    s.step('stop-logging', 'cloudtrail.amazonaws.com', 'StopLogging', { params: { name: trail } });
    s.step('narrow-selectors', 'cloudtrail.amazonaws.com', 'PutEventSelectors', {
      params: {
        trailName: trail,
        eventSelectors: [{ includeManagementEvents: false, readWriteType: 'ReadOnly', dataResources: [] }],
      },
    });
    s.step('delete-trail', 'cloudtrail.amazonaws.com', 'DeleteTrail', { params: { name: trail } });
    s.step('disable-guardduty', 'guardduty.amazonaws.com', 'DeleteDetector', { params: { detectorId: rng.hex(32) } });
    s.step('delete-flow-logs', 'ec2.amazonaws.com', 'DeleteFlowLogs', {
      params: { DeleteFlowLogsRequest: { FlowLogId: { content: `fl-${rng.hex(17)}`, tag: 1 } } },
    });
  },
  /** Encryption keys are disabled and scheduled for deletion (data held to ransom). */
  'kms-key-deletion': (s, rng) => {
    s.step('list-keys', 'kms.amazonaws.com', 'ListKeys');
    for (const keyId of rng.sample(s.account.kmsKeyIds, 2)) {
      s.step('describe-key', 'kms.amazonaws.com', 'DescribeKey', { params: { keyId } });
      s.step('disable-key', 'kms.amazonaws.com', 'DisableKey', { params: { keyId } });
      s.step('schedule-deletion', 'kms.amazonaws.com', 'ScheduleKeyDeletion', {
        params: { keyId, pendingWindowInDays: 7 },
        response: { keyId, keyState: 'PendingDeletion' },
      });
    }
  },
  /** A bucket is opened to the internet: public access block removed, public policy and ACL. */
  'public-bucket': (s, rng) => {
    const bucket = rng.pick(s.account.buckets);
    s.step('read-policy', 's3.amazonaws.com', 'GetBucketPolicy', { params: { bucketName: bucket } });
    s.step('remove-block', 's3.amazonaws.com', 'DeletePublicAccessBlock', { params: { bucketName: bucket } });
    s.step('public-policy', 's3.amazonaws.com', 'PutBucketPolicy', {
      params: {
        bucketName: bucket,
        bucketPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'share',
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: `arn:aws:s3:::${bucket}/*`,
            },
          ],
        },
      },
    });
    s.step('public-acl', 's3.amazonaws.com', 'PutBucketAcl', {
      params: { bucketName: bucket, 'x-amz-acl': ['public-read'] },
    });
  },
  /** A stolen key probes what it may do: a burst of denied calls across services. */
  'recon-access-denied': (s, rng) => {
    const probes: [string, string][] = [
      ['iam', 'ListUsers'],
      ['iam', 'ListRoles'],
      ['iam', 'GetAccountAuthorizationDetails'],
      ['iam', 'ListPolicies'],
      ['iam', 'ListGroups'],
      ['ec2', 'DescribeInstances'],
      ['ec2', 'DescribeSnapshots'],
      ['ec2', 'DescribeSecurityGroups'],
      ['s3', 'ListBuckets'],
      ['lambda', 'ListFunctions20150331'],
      ['secretsmanager', 'ListSecrets'],
      ['rds', 'DescribeDBInstances'],
      ['kms', 'ListKeys'],
      ['dynamodb', 'ListTables'],
      ['organizations', 'DescribeOrganization'],
      ['guardduty', 'ListDetectors'],
    ];
    s.step('whoami', 'sts.amazonaws.com', 'GetCallerIdentity');
    const n = rng.int(18, 30);
    for (let i = 0; i < n; i++) {
      const [service, name] = probes[i % probes.length];
      s.step('probe', `${service}.amazonaws.com`, name, {
        error: service === 'ec2' ? 'Client.UnauthorizedOperation' : 'AccessDenied',
        after: rng.int(1, 4),
      });
    }
  },
  /** Compute is started in regions the account never uses (resource hijacking). */
  'new-region-activity': (s, rng) => {
    s.step('list-regions', 'ec2.amazonaws.com', 'DescribeRegions', { params: { allRegions: true } });
    const used = new Set(s.victim.usualRegions);
    const regions = rng.sample(
      ALL_REGIONS.filter((r) => !used.has(r)),
      3,
    );
    for (const region of regions) {
      s.step('import-key', 'ec2.amazonaws.com', 'ImportKeyPair', { region, params: { keyName: `k${rng.hex(4)}` } });
      s.step('open-ssh', 'ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', {
        region,
        params: {
          groupId: `sg-0${rng.hex(16)}`,
          ipPermissions: {
            items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }],
          },
        },
      });
      s.step('run-instances', 'ec2.amazonaws.com', 'RunInstances', {
        region,
        params: {
          instanceType: rng.pick(['p3.16xlarge', 'g4dn.12xlarge', 'c5.24xlarge']),
          instancesSet: { items: [{ imageId: `ami-0${rng.hex(16)}`, minCount: 10, maxCount: 10 }] },
        },
      });
    }
  },
  /** Persistence: keys and a console password for another user, then the new key is used. */
  'access-key-for-other-user': (s, rng) => {
    const self = s.victim.userName ?? '';
    const others = s.account.userNames.filter((u) => u !== self);
    const target = others.length > 0 ? rng.pick(others) : `ops-${rng.hex(4)}`;
    const newKey = `AKIA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
    s.step('list-users', 'iam.amazonaws.com', 'ListUsers');
    s.step('create-key', 'iam.amazonaws.com', 'CreateAccessKey', {
      params: { userName: target },
      response: { accessKey: { accessKeyId: newKey, userName: target, status: 'Active' } },
    });
    s.step('create-login', 'iam.amazonaws.com', 'CreateLoginProfile', {
      params: { userName: target, passwordResetRequired: false },
    });
    s.step('use-new-key', 'sts.amazonaws.com', 'GetCallerIdentity', {
      identity: {
        type: 'IAMUser',
        principalId: `AIDA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}`,
        arn: `arn:aws:iam::${s.account.accountId}:user/${target}`,
        accountId: s.account.accountId,
        accessKeyId: newKey,
        userName: target,
      },
      after: rng.int(60, 600),
    });
  },
  /** Disks and databases are snapshotted and shared with an outside account. */
  'snapshot-exfiltration': (s, rng) => {
    const outside = `${rng.int(1, 9)}${rng.chars('0123456789', 11)}`;
    const volume = `vol-0${rng.hex(16)}`;
    const snapshot = `snap-0${rng.hex(16)}`;
    s.step('find-volumes', 'ec2.amazonaws.com', 'DescribeVolumes');
    s.step('snapshot', 'ec2.amazonaws.com', 'CreateSnapshot', {
      params: { volumeId: volume, description: 'backup' },
      response: { snapshotId: snapshot, volumeId: volume, status: 'pending' },
    });
    s.step('share-snapshot', 'ec2.amazonaws.com', 'ModifySnapshotAttribute', {
      params: {
        snapshotId: snapshot,
        attributeType: 'CREATE_VOLUME_PERMISSION',
        createVolumePermission: { add: { items: [{ userId: outside }] } },
      },
      after: rng.int(120, 900),
    });
    const db = `snapshot-${rng.hex(6)}`;
    s.step('db-snapshot', 'rds.amazonaws.com', 'CreateDBSnapshot', {
      params: { dBInstanceIdentifier: `prod-${rng.hex(4)}`, dBSnapshotIdentifier: db },
      response: { dBSnapshotIdentifier: db, snapshotType: 'manual', status: 'creating' },
    });
    s.step('share-db-snapshot', 'rds.amazonaws.com', 'ModifyDBSnapshotAttribute', {
      params: { dBSnapshotIdentifier: db, attributeName: 'restore', valuesToAdd: [outside] },
      after: rng.int(120, 900),
    });
  },
  /** Secrets and decrypted parameters are harvested in bulk. */
  'secrets-harvest': (s, rng) => {
    s.step('list-secrets', 'secretsmanager.amazonaws.com', 'ListSecrets');
    const names = [...s.account.secretNames];
    while (names.length < 7) names.push(`prod/${rng.pick(['api', 'db', 'stripe', 'smtp', 'github'])}/${rng.hex(4)}`);
    for (const secretId of names.slice(0, rng.int(6, 9))) {
      s.step('get-secret', 'secretsmanager.amazonaws.com', 'GetSecretValue', {
        params: { secretId },
        after: rng.int(1, 5),
      });
    }
    s.step('batch-secrets', 'secretsmanager.amazonaws.com', 'BatchGetSecretValue', {
      params: { filters: [{ key: 'tag-key', values: ['!none'] }] },
    });
  },
  /** Password guessing against the console from one address, then a sign-in without MFA. */
  'console-brute-force': (s, rng) => {
    const users = s.account.userNames.length > 0 ? s.account.userNames : ['admin'];
    const tries = rng.int(8, 14);
    for (let i = 0; i < tries; i++) {
      const user = users[i % users.length];
      s.step('failed-login', 'signin.amazonaws.com', 'ConsoleLogin', {
        identity: {
          type: 'IAMUser',
          principalId: `AIDA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}`,
          accountId: s.account.accountId,
          userName: user,
        },
        response: { ConsoleLogin: 'Failure' },
        error: 'Failed authentication',
        readOnly: false,
        after: rng.int(2, 8),
        extra: {
          additionalEventData: {
            LoginTo: 'https://console.aws.amazon.com/console/home',
            MobileVersion: 'No',
            MFAUsed: 'No',
          },
        },
      });
    }
    const user = users[0];
    s.step('login', 'signin.amazonaws.com', 'ConsoleLogin', {
      identity: {
        type: 'IAMUser',
        principalId: `AIDA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}`,
        arn: `arn:aws:iam::${s.account.accountId}:user/${user}`,
        accountId: s.account.accountId,
        userName: user,
      },
      response: { ConsoleLogin: 'Success' },
      readOnly: false,
      extra: {
        additionalEventData: {
          LoginTo: 'https://console.aws.amazon.com/console/home',
          MobileVersion: 'No',
          MFAUsed: 'No',
        },
      },
    });
  },
};

function attackerIp(rng: SeededRandom): string {
  return `${rng.pick(ATTACKER_FIRST_OCTETS)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

/** Victims whose baseline the detector can know: IAM users and people's SSO sessions, most active first. */
function candidateVictims(world: SyntheticWorld): SyntheticPrincipal[] {
  const kind = (p: SyntheticPrincipal): string => (p as { habits?: { kind?: string } }).habits?.kind ?? '';
  const people = world.principals.filter(
    (p) => p.type === 'IAMUser' || (p.type === 'AssumedRole' && (kind(p) === 'human' || /@/.test(p.arn))),
  );
  return people.length > 0 ? people : [...world.principals];
}

/**
 * Injects labelled attack events into a simulated world: `perScenario`
 * instances of every requested scenario, in the last quarter of the period
 * (so the victims have history), each with its own victim, attacker address
 * and tool. Events are returned time-sorted with one label per event.
 */
export const injectAttacks: AttackInjector = (world, options) => {
  const rng = new SeededRandom(options.seed);
  const kinds = options.scenarios ?? ATTACK_SCENARIOS;
  const unknown = kinds.filter((k) => !SCENARIOS[k]);
  if (unknown.length > 0) {
    throw new RangeError(`unknown attack scenario(s) ${unknown.join(', ')}; known: ${ATTACK_SCENARIOS.join(', ')}`);
  }
  const perScenario = options.perScenario ?? 1;
  const start = Date.parse(world.start);
  const end = Date.parse(world.end);
  const span = Math.max(3_600_000, end - start);
  const victims = candidateVictims(world);
  const events: CloudTrailRecord[] = [];
  const labels: AttackLabel[] = [];
  let n = 0;
  for (const scenario of kinds) {
    for (let i = 0; i < perScenario; i++) {
      const victim = victims[rng.int(0, victims.length - 1)];
      const account = accountOf(world, victim.accountId, rng);
      const sameTool = rng.chance(0.25) && victim.usualUserAgents.length > 0;
      const agent = sameTool ? rng.pick(victim.usualUserAgents) : rng.pick(ATTACKER_AGENTS);
      const at = start + Math.floor(span * (0.75 + rng.next() * 0.22));
      const story = new Story(rng, scenario, `${scenario}-${++n}`, victim, account, attackerIp(rng), agent, at);
      SCENARIOS[scenario](story, rng);
      events.push(...story.events);
      labels.push(...story.labels);
    }
  }
  const order = events
    .map((_, i) => i)
    .sort((a, b) => String(events[a].eventTime).localeCompare(String(events[b].eventTime)) || a - b);
  return { events: order.map((i) => events[i]), labels: order.map((i) => labels[i]) };
};
