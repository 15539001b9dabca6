import { CfnResource, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { deadLetterReferences, logicalIdOf } from './dead-letter-targets';
import { field } from './resolved-field';

/**
 * AAD-QueueHasDeadLetterQueue: every SQS queue either redrives to a
 * dead-letter queue or is itself a dead-letter target (of a queue, a
 * function, an EventBridge target or an SNS subscription).
 */
export function queueHasDeadLetterQueue(node: CfnResource): NagRuleResult {
  if (!(node instanceof sqs.CfnQueue)) return NagRuleCompliance.NOT_APPLICABLE;
  if (field(Stack.of(node).resolve(node.redrivePolicy), 'deadLetterTargetArn')) return NagRuleCompliance.COMPLIANT;
  const id = logicalIdOf(node);
  const referenced = deadLetterReferences(node).some((ref) => ref.includes(`"${id}"`));
  return referenced ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
