import { StackTemplate } from '../../assembly/cloud-assembly';
import { referencedIds } from '../../assembly/template';
import { COMPLIANT, ResourceRule, nonCompliant } from '../rule';

/** Logical ids used as a dead-letter or on-failure destination anywhere in the stack. */
export function deadLetterTargets(stack: StackTemplate): Set<string> {
  const targets = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (/dead ?letter|onfailure|redrivepolicy/i.test(key)) referencedIds(child, targets);
        visit(child);
      }
    }
  };
  for (const r of Object.values(stack.resources)) visit(r.Properties);
  return targets;
}

/** High: a queue without a dead-letter queue (a queue that is itself a DLQ is exempt). */
export const sqsDlq: ResourceRule = {
  id: 'sqs-dlq',
  title: 'Queues have a dead-letter queue',
  severity: 'High',
  scope: 'resource',
  checklist:
    'Audit template: queue without DLQ (High); delivery checklist: retry logic and DLQs preserving the audit trail',
  remediation:
    'Set RedrivePolicy with deadLetterTargetArn and maxReceiveCount (CDK: deadLetterQueue: { queue, maxReceiveCount }).',
  resourceTypes: ['AWS::SQS::Queue'],
  check(resource, { stack, logicalId }) {
    if (resource.Properties?.RedrivePolicy !== undefined) return COMPLIANT;
    if (deadLetterTargets(stack).has(logicalId)) return COMPLIANT;
    return nonCompliant('no RedrivePolicy, and it is not a dead-letter queue of anything');
  },
};
