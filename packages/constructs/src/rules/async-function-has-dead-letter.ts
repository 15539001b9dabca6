import { CfnResource, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { logicalIdOf } from './dead-letter-targets';
import { field, path } from './resolved-field';

/** `true` when something in the stack invokes the function asynchronously. */
function invokedAsynchronously(fn: lambda.CfnFunction): boolean {
  const stack = Stack.of(fn);
  const id = `"${logicalIdOf(fn)}"`;
  for (const child of stack.node.findAll()) {
    if (!CfnResource.isCfnResource(child)) continue;
    let refs: unknown;
    if (child instanceof events.CfnRule) {
      refs = stack.resolve(child.targets);
    } else if (child instanceof sns.CfnSubscription && stack.resolve(child.protocol) === 'lambda') {
      refs = stack.resolve(child.endpoint);
    } else if (child instanceof s3.CfnBucket) {
      refs = field(stack.resolve(child.notificationConfiguration), 'LambdaConfigurations');
    } else if (child instanceof lambda.CfnEventInvokeConfig) {
      refs = stack.resolve(child.functionName);
    }
    if (refs !== undefined && JSON.stringify(refs).includes(id)) return true;
  }
  return false;
}

/**
 * AAD-AsyncFunctionHasDeadLetter: every function invoked asynchronously (by
 * an EventBridge rule, an SNS subscription, an S3 notification, or with an
 * event invoke configuration) has a dead-letter queue or an on-failure
 * destination. Functions only invoked synchronously (SQS event sources, Step
 * Functions) are not applicable.
 */
export function asyncFunctionHasDeadLetter(node: CfnResource): NagRuleResult {
  if (!(node instanceof lambda.CfnFunction)) return NagRuleCompliance.NOT_APPLICABLE;
  if (!invokedAsynchronously(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const stack = Stack.of(node);
  if (field(stack.resolve(node.deadLetterConfig), 'TargetArn')) return NagRuleCompliance.COMPLIANT;
  const id = `"${logicalIdOf(node)}"`;
  for (const child of stack.node.findAll()) {
    if (
      child instanceof lambda.CfnEventInvokeConfig &&
      JSON.stringify(stack.resolve(child.functionName)).includes(id)
    ) {
      if (path(stack.resolve(child.destinationConfig), 'OnFailure', 'Destination')) return NagRuleCompliance.COMPLIANT;
    }
  }
  return NagRuleCompliance.NON_COMPLIANT;
}
