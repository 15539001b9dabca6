import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { AWS_REQUIRED_WILDCARD_ACTIONS } from './aws-required-wildcards';
import { identityAllowStatements, onEveryResource } from './iam-statements';

/**
 * AAD-IamWildcardResourceAllowlist: every action an identity policy grants on
 * `Resource: "*"` must be one AWS only authorizes on `*`
 * (`AWS_REQUIRED_WILDCARD_ACTIONS`, each with its documented reason), e.g.
 * `ec2:DescribeSubnets` or `xray:PutTraceSegments`. One finding per other
 * action: `Action::<action>`.
 */
export function iamWildcardResourceAllowlist(node: CfnResource): NagRuleResult {
  const statements = identityAllowStatements(node);
  if (statements === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Set<string>();
  for (const statement of statements.filter(onEveryResource)) {
    for (const action of statement.actions) {
      if (!(action in AWS_REQUIRED_WILDCARD_ACTIONS)) findings.add(`Action::${action}`);
    }
  }
  return findings.size > 0 ? [...findings] : NagRuleCompliance.COMPLIANT;
}

/** The allowlisted actions a policy grants on `*`, with their documented reasons (for the policy report). */
export function documentedWildcards(node: CfnResource): { readonly action: string; readonly reason: string }[] {
  const statements = identityAllowStatements(node) ?? [];
  const out = new Map<string, string>();
  for (const statement of statements.filter(onEveryResource)) {
    for (const action of statement.actions) {
      const reason = AWS_REQUIRED_WILDCARD_ACTIONS[action];
      if (reason) out.set(action, reason);
    }
  }
  return [...out].map(([action, reason]) => ({ action, reason }));
}
