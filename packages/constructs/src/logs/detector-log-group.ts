import { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DetectorKeys } from '../keys/detector-keys';
import { ACKNOWLEDGEMENTS, NAG_PLUGIN, acknowledge } from '../policy/acknowledgements';
import { validateLogRetention } from '../validation';

/** Properties of {@link createLogGroup}. */
export interface DetectorLogGroupProps {
  /** Log group name (under `/aad/<prefix>/` so the key policy covers it). */
  readonly logGroupName: string;
  /** Customer-managed key of the log group. */
  readonly encryptionKey: kms.IKey;
  /** Retention in days (one of the CloudWatch Logs periods). */
  readonly retentionDays: number;
  /**
   * What happens to the log group when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Days below which the Control Tower retention control (CT.CLOUDWATCH.PR.2) reports a log group. */
export const ONE_YEAR_RETENTION_DAYS = 365;

/**
 * A detector log group: KMS-encrypted with a customer-managed key (the key
 * policy lets CloudWatch Logs use it for this name), explicit retention. A
 * retention under one year is a configuration choice (`retention.logGroupDays`,
 * e.g. 30 days in dev to limit cost) and is acknowledged as such.
 */
export function createLogGroup(scope: Construct, id: string, props: DetectorLogGroupProps): logs.LogGroup {
  validateLogRetention('retentionDays', props.retentionDays);
  DetectorKeys.allowLogGroups(props.encryptionKey, props.logGroupName);
  const logGroup = new logs.LogGroup(scope, id, {
    logGroupName: props.logGroupName,
    encryptionKey: props.encryptionKey,
    retention: props.retentionDays as logs.RetentionDays,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
  });
  if (props.retentionDays < ONE_YEAR_RETENTION_DAYS) {
    acknowledge(
      logGroup,
      ACKNOWLEDGEMENTS.configuredLogRetention,
      [`${NAG_PLUGIN.cfnGuard}::cloudwatch_log_group_retention_period_check`],
      `${props.retentionDays} days`,
    );
  }
  return logGroup;
}
