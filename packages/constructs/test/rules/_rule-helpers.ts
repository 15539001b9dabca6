import { CfnResource, Stack } from 'aws-cdk-lib';
import { NagRuleResult } from 'cdk-nag';
import { emptyStack } from '../_helpers/stacks';

/** Runs a rule on the L1 resource of `construct` (or the resource itself). */
export function evaluate(rule: (node: CfnResource) => NagRuleResult, node: unknown): NagRuleResult {
  const resource = CfnResource.isCfnResource(node as CfnResource)
    ? (node as CfnResource)
    : ((node as { node: { defaultChild: CfnResource } }).node.defaultChild as CfnResource);
  return rule(resource);
}

export function stack(): Stack {
  return emptyStack();
}
