import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { InvalidPropError } from '../errors';
import { DetectorKeys } from '../keys/detector-keys';
import { validateTopicName } from '../validation';

/** Properties of {@link AlertsTopic}. */
export interface AlertsTopicProps {
  /** Physical topic name (the logical name in ARNs), e.g. `aad-dev-alerts`. */
  readonly topicName: string;
  /** Human-readable display name (SMS sender, email "From"), kept separate from the topic name. */
  readonly displayName: string;
  /** Customer-managed key of the topic. */
  readonly encryptionKey: kms.IKey;
}

/**
 * The alerts topic: KMS-encrypted with a customer-managed key, publishing over
 * TLS only, display name separate from the topic name. CloudWatch alarms and
 * EventBridge rules of this account may publish to it.
 */
export class AlertsTopic extends Construct {
  public readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlertsTopicProps) {
    super(scope, id);
    validateTopicName('topicName', props.topicName);
    if (props.displayName.length === 0 || props.displayName.length > 100) {
      throw new InvalidPropError('displayName', 'a display name of 1-100 characters', props.displayName);
    }
    if (props.displayName === props.topicName) {
      throw new InvalidPropError(
        'displayName',
        `different from the topic name '${props.topicName}'`,
        props.displayName,
      );
    }
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: props.displayName,
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    const fromThisAccount = { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } };
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarms',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromThisAccount,
      }),
    );
    DetectorKeys.allowService(
      props.encryptionKey,
      'AllowCloudWatchAlarmsToAlertsTopic',
      'cloudwatch.amazonaws.com',
      fromThisAccount,
    );
    DetectorKeys.allowService(
      props.encryptionKey,
      'AllowEventBridgeToMessaging',
      'events.amazonaws.com',
      fromThisAccount,
    );
    DetectorKeys.allowService(props.encryptionKey, 'AllowSnsToDeadLetterQueues', 'sns.amazonaws.com', fromThisAccount);
  }
}
