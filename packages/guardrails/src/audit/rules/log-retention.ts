import { StackTemplate } from '../../assembly/cloud-assembly';
import { referencedIds } from '../../assembly/template';
import { COMPLIANT, ResourceRule, nonCompliant } from '../rule';

function hasLogRetentionResource(logicalId: string, stack: StackTemplate): boolean {
  return Object.values(stack.resources).some(
    (r) => r.Type === 'Custom::LogRetention' && referencedIds(r.Properties?.LogGroupName).has(logicalId),
  );
}

/** Medium: logs that are kept forever (a log group without retention, or a function's implicit log group). */
export const logRetention: ResourceRule = {
  id: 'log-retention',
  title: 'Log groups have a retention period',
  severity: 'Medium',
  scope: 'resource',
  checklist: 'Audit template: log group without retention (Medium); FinOps: noisy logs',
  remediation:
    'Set RetentionInDays from config retention.logGroupDays; give each function an explicit log group (CDK: logGroup: new LogGroup(…, { retention })).',
  resourceTypes: ['AWS::Logs::LogGroup', 'AWS::Lambda::Function'],
  check(resource, { stack, logicalId }) {
    if (resource.Type === 'AWS::Logs::LogGroup') {
      return resource.Properties?.RetentionInDays !== undefined ? COMPLIANT : nonCompliant('no RetentionInDays');
    }
    const logGroup = (resource.Properties?.LoggingConfig as { LogGroup?: unknown } | undefined)?.LogGroup;
    if (logGroup !== undefined || hasLogRetentionResource(logicalId, stack)) return COMPLIANT;
    return nonCompliant('writes to an implicit /aws/lambda log group that never expires');
  },
};
