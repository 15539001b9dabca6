import { CfnResource, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { asArray, field, path } from './resolved-field';

/**
 * JSON of every dead-letter or failure target referenced in the stack:
 * queue redrive targets, Lambda dead-letter configs and on-failure
 * destinations, EventBridge target dead-letter configs and SNS subscription
 * redrive targets. A queue referenced here is a dead-letter queue.
 */
export function deadLetterReferences(scope: IConstruct): string[] {
  const stack = Stack.of(scope);
  const refs: unknown[] = [];
  for (const child of stack.node.findAll()) {
    if (!CfnResource.isCfnResource(child)) continue;
    if (child instanceof sqs.CfnQueue) {
      refs.push(field(stack.resolve(child.redrivePolicy), 'deadLetterTargetArn'));
    } else if (child instanceof lambda.CfnFunction) {
      refs.push(field(stack.resolve(child.deadLetterConfig), 'TargetArn'));
    } else if (child instanceof lambda.CfnEventInvokeConfig) {
      refs.push(path(stack.resolve(child.destinationConfig), 'OnFailure', 'Destination'));
    } else if (child instanceof events.CfnRule) {
      for (const t of asArray(stack.resolve(child.targets))) refs.push(path(t, 'DeadLetterConfig', 'Arn'));
    } else if (child instanceof sns.CfnSubscription) {
      refs.push(field(stack.resolve(child.redrivePolicy), 'deadLetterTargetArn'));
    }
  }
  return refs.filter((r) => r !== undefined && r !== null).map((r) => JSON.stringify(r));
}

/** Logical id of a resource as it appears in references (`{"Fn::GetAtt":["<id>","Arn"]}`). */
export function logicalIdOf(node: CfnResource): string {
  return Stack.of(node).resolve(node.logicalId) as string;
}
