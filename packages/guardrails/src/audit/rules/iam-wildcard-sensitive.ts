import { CfnResource } from '../../assembly/cloud-assembly';
import { asArray } from '../../assembly/template';
import { COMPLIANT, ResourceRule, nonCompliant } from '../rule';

/**
 * Actions that must never be granted on every resource: data access, key
 * use, secrets, identity and log administration (the backlog's SFN
 * `logs:PutResourcePolicy` on `*` case). Describe/List actions that AWS only
 * authorizes on `*` are not here (backlog P0-SEC-02).
 */
export const SENSITIVE_ACTIONS: readonly string[] = [
  'iam:CreateRole',
  'iam:PutRolePolicy',
  'iam:AttachRolePolicy',
  'iam:PassRole',
  'iam:CreateUser',
  'iam:CreateAccessKey',
  'iam:UpdateAssumeRolePolicy',
  'iam:DeleteRolePermissionsBoundary',
  'sts:AssumeRole',
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:ReEncryptFrom',
  'kms:CreateGrant',
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
  'kms:DisableKey',
  's3:GetObject',
  's3:PutObject',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutBucketPolicy',
  's3:PutBucketAcl',
  's3:PutObjectAcl',
  's3:DeleteBucket',
  's3:PutLifecycleConfiguration',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:BatchWriteItem',
  'dynamodb:DeleteTable',
  'secretsmanager:GetSecretValue',
  'secretsmanager:PutSecretValue',
  'secretsmanager:DeleteSecret',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:PutParameter',
  'logs:PutResourcePolicy',
  'logs:DeleteResourcePolicy',
  'logs:DeleteLogDelivery',
  'logs:DeleteLogGroup',
  'lambda:UpdateFunctionCode',
  'lambda:UpdateFunctionConfiguration',
  'lambda:AddPermission',
  'lambda:InvokeFunction',
  'sqs:SendMessage',
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:PurgeQueue',
  'sns:Publish',
  'states:StartExecution',
  'cloudtrail:StopLogging',
  'cloudtrail:DeleteTrail',
  'config:StopConfigurationRecorder',
  'guardduty:DeleteDetector',
  'securityhub:BatchUpdateFindings',
];

interface Statement {
  readonly Effect?: string;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

/** The sensitive actions a statement's action pattern (which may contain wildcards) covers. */
export function sensitiveActionsCovered(action: string): string[] {
  if (action === '*') return ['*'];
  const re = globToRegExp(action);
  return SENSITIVE_ACTIONS.filter((a) => re.test(a));
}

function statementsOf(resource: CfnResource): Statement[] {
  const props = resource.Properties ?? {};
  const docs: unknown[] = [];
  if (props.PolicyDocument !== undefined) docs.push(props.PolicyDocument);
  for (const policy of asArray(props.Policies as unknown[] | undefined)) {
    docs.push((policy as { PolicyDocument?: unknown }).PolicyDocument);
  }
  return docs.flatMap((doc) => asArray((doc as { Statement?: Statement[] } | undefined)?.Statement));
}

/** Critical: an identity policy that allows a sensitive action (or `*`) on every resource. */
export const iamWildcardSensitive: ResourceRule = {
  id: 'iam-wildcard-sensitive',
  title: 'No IAM "*" on sensitive actions',
  severity: 'Critical',
  scope: 'resource',
  checklist: 'Audit template: IAM "*" on sensitive actions (Critical); backlog P0-01 (logs admin on "*")',
  remediation:
    'Scope the statement to the ARNs it needs (CDK grant* methods do this), split operational from administrative actions, and drop administrative actions a runtime role does not need.',
  resourceTypes: ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'],
  check(resource) {
    for (const s of statementsOf(resource)) {
      if (s.Effect !== 'Allow') continue;
      const resources = asArray(s.Resource as string | string[] | undefined);
      if (!resources.includes('*')) continue;
      if (s.NotAction !== undefined) return nonCompliant('allows NotAction (every other action) on Resource "*"');
      const covered = asArray(s.Action as string | string[] | undefined)
        .filter((a): a is string => typeof a === 'string')
        .flatMap((a) => (a === '*' || /:\*$/.test(a) ? [a] : sensitiveActionsCovered(a)));
      if (covered.length > 0) {
        const shown = [...new Set(covered)].slice(0, 5).join(', ');
        return nonCompliant(`allows ${shown}${covered.length > 5 ? ', …' : ''} on Resource "*"`);
      }
    }
    return COMPLIANT;
  },
};
