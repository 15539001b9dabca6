import { COMPLIANT, ResourceRule, nonCompliant } from '../rule';

/** High: a role or user without a permission boundary. */
export const iamPermissionBoundary: ResourceRule = {
  id: 'iam-permission-boundary',
  title: 'Every IAM role and user has a permission boundary',
  severity: 'High',
  scope: 'resource',
  checklist:
    'Audit template: role without permission boundary (High); mandates: IAM permission boundary for the service role',
  remediation:
    'Apply the environment boundary to the whole stack (CDK: PermissionsBoundary.of(stack).apply(ManagedPolicy.fromManagedPolicyName(…))), which also covers roles CDK creates for you.',
  resourceTypes: ['AWS::IAM::Role', 'AWS::IAM::User'],
  check(resource) {
    return resource.Properties?.PermissionsBoundary !== undefined
      ? COMPLIANT
      : nonCompliant(`${resource.Type === 'AWS::IAM::User' ? 'user' : 'role'} has no PermissionsBoundary`);
  },
};
