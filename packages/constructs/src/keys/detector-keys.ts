import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Properties of {@link DetectorKeys}. */
export interface DetectorKeysProps {
  /** Prefix of every key alias, e.g. `aad-dev` gives `alias/aad-dev/data`. */
  readonly aliasPrefix: string;
  /**
   * What happens to the keys when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Customer-managed KMS keys of the detector, one per data class, with
 * rotation on. Every encryptable resource of the detector uses one of them.
 *
 * @example
 * const keys = new DetectorKeys(stack, 'Keys', { aliasPrefix: 'aad-dev' });
 * new s3.Bucket(stack, 'Raw', { encryptionKey: keys.logs });
 */
export class DetectorKeys extends Construct {
  /** Raw security logs and their access logs. */
  public readonly logs: kms.Key;
  /** Detector data: audit table, profiles, models, queues and topics. */
  public readonly data: kms.Key;

  constructor(scope: Construct, id: string, props: DetectorKeysProps) {
    super(scope, id);
    if (!/^[a-zA-Z0-9/_-]{1,200}$/.test(props.aliasPrefix)) {
      throw new Error(
        `\`aliasPrefix\` must be 1-200 letters, digits, '/', '_' or '-', received '${props.aliasPrefix}'`,
      );
    }
    const key = (name: string, description: string): kms.Key =>
      new kms.Key(this, name, {
        alias: `alias/${props.aliasPrefix}/${name.toLowerCase()}`,
        description,
        enableKeyRotation: true,
        rotationPeriod: Duration.days(365),
        removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      });
    this.logs = key('Logs', 'Access Anomaly Detector: raw security logs');
    this.data = key('Data', 'Access Anomaly Detector: findings, profiles, models, queues and topics');
  }
}
