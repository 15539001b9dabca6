import { StackTemplate } from '../../assembly/cloud-assembly';
import { asArray, refTarget } from '../../assembly/template';
import { COMPLIANT, NOT_APPLICABLE, ResourceRule, nonCompliant } from '../rule';

/** Services that invoke Lambda asynchronously through a resource policy. */
const ASYNC_PRINCIPALS = /^(events|sns|s3|logs|iot|ses|lambda\.alarms\.cloudwatch|codecommit|config)\.amazonaws\.com$/;

/** How `logicalId` is invoked asynchronously, if it is. */
export function asyncTrigger(logicalId: string, stack: StackTemplate): string | undefined {
  for (const [id, r] of Object.entries(stack.resources)) {
    const props = r.Properties ?? {};
    if (r.Type === 'AWS::Lambda::Permission' && refTarget(props.FunctionName) === logicalId) {
      if (typeof props.Principal === 'string' && ASYNC_PRINCIPALS.test(props.Principal)) {
        return `${props.Principal} (${id})`;
      }
    }
    if (r.Type === 'AWS::SNS::Subscription' && props.Protocol === 'lambda' && refTarget(props.Endpoint) === logicalId) {
      return `SNS subscription ${id}`;
    }
    if (r.Type === 'AWS::Events::Rule') {
      for (const t of asArray(props.Targets as { Arn?: unknown }[] | undefined)) {
        if (refTarget(t.Arn) === logicalId) return `EventBridge rule ${id}`;
      }
    }
    if (r.Type === 'AWS::Scheduler::Schedule' && refTarget((props.Target as { Arn?: unknown })?.Arn) === logicalId) {
      return `EventBridge schedule ${id}`;
    }
  }
  return undefined;
}

function hasOnFailureDestination(logicalId: string, stack: StackTemplate): boolean {
  return Object.values(stack.resources).some(
    (r) =>
      r.Type === 'AWS::Lambda::EventInvokeConfig' &&
      refTarget(r.Properties?.FunctionName) === logicalId &&
      (r.Properties?.DestinationConfig as { OnFailure?: unknown } | undefined)?.OnFailure !== undefined,
  );
}

/** High: an asynchronously invoked function whose failed events are lost. */
export const lambdaAsyncDlq: ResourceRule = {
  id: 'lambda-async-dlq',
  title: 'Asynchronously invoked functions have a DLQ or on-failure destination',
  severity: 'High',
  scope: 'resource',
  checklist: 'Audit template: async Lambda without DLQ (High); delivery checklist: DLQs preserving the audit trail',
  remediation:
    'Set DeadLetterConfig.TargetArn (CDK: deadLetterQueueEnabled / deadLetterQueue) or an EventInvokeConfig with DestinationConfig.OnFailure (CDK: onFailure).',
  resourceTypes: ['AWS::Lambda::Function'],
  check(resource, { stack, logicalId }) {
    const trigger = asyncTrigger(logicalId, stack);
    if (!trigger) return NOT_APPLICABLE;
    const dlq = (resource.Properties?.DeadLetterConfig as { TargetArn?: unknown } | undefined)?.TargetArn;
    if (dlq !== undefined || hasOnFailureDestination(logicalId, stack)) return COMPLIANT;
    return nonCompliant(`invoked asynchronously by ${trigger} with no DeadLetterConfig or on-failure destination`);
  },
};
