import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ACKNOWLEDGEMENTS, NAG_PLUGIN, acknowledge } from '../policy/acknowledgements';
import { validateResourceName } from '../validation';

/** Properties of {@link DeadLetterQueue}. */
export interface DeadLetterQueueProps {
  /** Physical queue name. */
  readonly queueName: string;
  /** Customer-managed key of the queue. */
  readonly encryptionKey: kms.IKey;
  /**
   * Names of the SQS queues (same account and region) allowed to redrive into
   * this one (`RedriveAllowPolicy` byQueue).
   * @default - none: no SQS queue may use it (dead-letter target of functions, rules or subscriptions only)
   */
  readonly sourceQueueNames?: readonly string[];
  /**
   * What happens to the queue when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A dead-letter queue: KMS-encrypted with a customer-managed key, TLS only,
 * 14 days of retention (the SQS maximum) so an operator can inspect and
 * redrive, and a redrive allow policy naming the only queues that may use it.
 * It is the end of a redrive chain (acknowledged: no redrive of its own).
 */
export class DeadLetterQueue extends Construct {
  public readonly queue: sqs.Queue;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    validateResourceName('queueName', props.queueName);
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: props.queueName,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      dataKeyReuse: Duration.minutes(5),
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    const stack = Stack.of(this);
    const sources = props.sourceQueueNames ?? [];
    (this.queue.node.defaultChild as sqs.CfnQueue).redriveAllowPolicy =
      sources.length > 0
        ? {
            redrivePermission: 'byQueue',
            sourceQueueArns: sources.map((name) =>
              stack.formatArn({ service: 'sqs', resource: name, arnFormat: ArnFormat.NO_RESOURCE_NAME }),
            ),
          }
        : { redrivePermission: 'denyAll' };
    acknowledge(this.queue, ACKNOWLEDGEMENTS.dlqEndOfChain, [`${NAG_PLUGIN.serverless}::Serverless-SQSRedrivePolicy`]);
    if (sources.length === 0) {
      acknowledge(
        this.queue,
        ACKNOWLEDGEMENTS.dlqEndOfChain,
        [`${NAG_PLUGIN.cfnGuard}::sqs_dlq_check`],
        'dead-letter target of a function, rule or subscription; RedriveAllowPolicy denyAll, which CT.SQS.PR.1 does not recognize',
      );
    }
  }
}
