import { CfnResource, TagManager } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';

/** Tags every taggable resource carries (`tags.*` of the configuration). */
export const REQUIRED_TAG_KEYS = ['Application', 'Environment', 'CostCenter'] as const;

/**
 * AAD-RequiredTags: every taggable resource carries the `Application`,
 * `Environment` and `CostCenter` tags (checked after tag aspects ran, i.e.
 * during synthesis). One finding per missing tag: `Tag::<key>`.
 */
export function requiredTags(node: CfnResource, keys: readonly string[] = REQUIRED_TAG_KEYS): NagRuleResult {
  if (!TagManager.isTaggable(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const present = node.tags.tagValues();
  const missing = keys.filter((k) => present[k] === undefined || present[k] === '');
  return missing.length > 0 ? missing.map((k) => `Tag::${k}`) : NagRuleCompliance.COMPLIANT;
}
