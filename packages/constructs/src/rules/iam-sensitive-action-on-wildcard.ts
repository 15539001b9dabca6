import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { actionMatches, identityAllowStatements, onEveryResource } from './iam-statements';
import { SENSITIVE_ACTIONS } from './sensitive-actions';

/**
 * AAD-IamSensitiveActionOnWildcard: an identity policy grants a sensitive
 * action (`SENSITIVE_ACTIONS`: `iam:*`, `kms:*`, `logs:PutResourcePolicy`,
 * `logs:DeleteLogDelivery`, …) on `Resource: "*"`. One finding per action:
 * `Action::<action>`.
 */
export function iamSensitiveActionOnWildcard(node: CfnResource): NagRuleResult {
  const statements = identityAllowStatements(node);
  if (statements === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = new Set<string>();
  for (const statement of statements.filter(onEveryResource)) {
    for (const action of statement.actions) {
      if (Object.keys(SENSITIVE_ACTIONS).some((pattern) => actionMatches(pattern, action))) {
        findings.add(`Action::${action}`);
      }
    }
  }
  return findings.size > 0 ? [...findings] : NagRuleCompliance.COMPLIANT;
}
