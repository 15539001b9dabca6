import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * One kind of acknowledged policy finding: why it is acceptable and which
 * rules it covers. Every acknowledgement the package makes comes from this
 * table (listed in the README) and is applied by {@link acknowledge} to one
 * construct with exact finding ids, never rule-wide.
 */
export interface AcknowledgementKind {
  /** Short stable key, e.g. `dlq-end-of-chain`. */
  readonly key: string;
  /** Why the finding is acceptable here (recorded in the validation report). */
  readonly reason: string;
}

/**
 * Context key holding acknowledgement keys to leave out; tests use it to
 * prove that each acknowledgement is needed (the finding comes back).
 */
export const OMIT_ACKNOWLEDGEMENTS_CONTEXT = 'aad:omit-acknowledgements';

/** Every acknowledgement kind of the package. */
export const ACKNOWLEDGEMENTS = {
  dlqEndOfChain: {
    key: 'dlq-end-of-chain',
    reason:
      'A dead-letter queue is the end of the redrive chain: a redrive policy on it would only move failed ' +
      'messages to yet another queue. Its depth above zero raises an alarm to the alerts topic instead.',
  },
  sqsEventSourceNoDestination: {
    key: 'sqs-event-source-no-destination',
    reason:
      'Lambda event source mappings for SQS do not support OnFailure destinations; failed messages move to the ' +
      'dead-letter queue through the ingest queue redrive policy (and the handler moves poison messages there ' +
      'with their reason).',
  },
  accessLogBucketSseS3: {
    key: 'access-log-bucket-sse-s3',
    reason:
      'S3 server access log delivery only supports SSE-S3 on the destination bucket, and the access log bucket ' +
      'cannot log to itself; it holds no log content, only request metadata about the detector buckets.',
  },
  noCrossRegionReplication: {
    key: 'no-cross-region-replication',
    reason:
      'Cross-region replication needs a destination bucket in another region, outside this single-region stack; ' +
      'versioning, lifecycle retention, Object Lock (raw logs in production) and AWS Backup of the tables protect the data.',
  },
  vpcDefaultSecurityGroup: {
    key: 'vpc-default-security-group',
    reason:
      'Nothing uses the default security group (every ENI has its own group). Closing it needs a custom-resource ' +
      'Lambda outside the VPC, which the VPC-only rule forbids; the AWS Config rule ' +
      'vpc-default-security-group-closed reports it instead.',
  },
  configuredLogRetention: {
    key: 'configured-log-retention',
    reason:
      'Log retention comes from configuration (retention.logGroupDays): shorter than one year only where the ' +
      'environment trades retention for cost (dev); production keeps logs 365 days or more.',
  },
  objectLockScope: {
    key: 'object-lock-scope',
    reason:
      'Object Lock (WORM) is applied where immutability is required: the raw log bucket when objectLock is on ' +
      '(production). Models and exports are replaced by design (current.txt alias) and an access log target ' +
      'cannot have a default retention.',
  },
  parameterizedValue: {
    key: 'parameterized-value',
    reason:
      'The value is a CloudFormation parameter of the service template (an environment stack output), resolved ' +
      'at deploy time; cfn-guard only accepts literal values for this property.',
  },
  wildcardFromHandlerContract: {
    key: 'wildcard-from-handler-contract',
    reason: 'Object- or resource-level wildcard declared by the @aad/runtimes handler contract, with its reason',
  },
  awsRequiredWildcard: {
    key: 'aws-required-wildcard',
    reason:
      'Actions AWS only authorizes on Resource "*" (ec2:Describe*, xray:Put*, CloudWatch Logs vended delivery); ' +
      'every one is in the documented allowlist of the AAD-IamWildcardResourceAllowlist rule',
  },
  scopedServiceWildcard: {
    key: 'scoped-service-wildcard',
    reason:
      'Wildcard limited to resources this stack names (its own network interfaces, state machine executions, ' +
      'object prefixes), required because the resource ids are only known at run time',
  },
} as const satisfies Record<string, AcknowledgementKind>;

/**
 * Acknowledges exact findings on `scope` (and its children) with the reason
 * of `kind`. Each id is `<plugin>::<rule>[finding]`, e.g.
 * `AwsSolutions::AwsSolutions-IAM5[Resource::*]`, so the finding is recorded
 * as suppressed, with its reason, in the validation report.
 */
export function acknowledge(
  scope: IConstruct,
  kind: AcknowledgementKind,
  ids: readonly string[],
  detail?: string,
): void {
  const omitted = scope.node.tryGetContext(OMIT_ACKNOWLEDGEMENTS_CONTEXT) as string[] | undefined;
  if (omitted?.includes(kind.key)) return;
  const reason = `[${kind.key}] ${kind.reason}${detail ? ` (${detail})` : ''}`;
  Validations.of(scope).acknowledge(...ids.map((id) => ({ id, reason })));
}

/** The cdk-nag validation plugins of the package and their plugin names. */
export const NAG_PLUGIN = {
  awsSolutions: 'AwsSolutions',
  nist: 'NIST.800.53.R5',
  hipaa: 'HIPAA.Security',
  pci: 'PCI.DSS.321',
  serverless: 'Serverless',
  aad: 'AAD',
  cfnGuard: 'cdk-validator-cfnguard',
} as const;

/** `<plugin>::<plugin>-<rule>` for every listed plugin, e.g. the same rule in NIST, HIPAA and PCI. */
export function sameRuleIn(rule: string, plugins: readonly string[]): string[] {
  return plugins.map((p) => `${p}::${p}-${rule}`);
}
