import { CfnResource, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { field } from './resolved-field';

/** `VpcConfig` of a function resource, also for raw `AWS::Lambda::Function` resources (custom resource providers). */
function vpcConfigOf(node: CfnResource): unknown {
  const stack = Stack.of(node);
  if (node instanceof lambda.CfnFunction) return stack.resolve(node.vpcConfig);
  const template = stack.resolve(node._toCloudFormation()) as {
    Resources?: Record<string, { Properties?: { VpcConfig?: unknown } }>;
  };
  return Object.values(template.Resources ?? {})[0]?.Properties?.VpcConfig;
}

/**
 * AAD-LambdaInsideVpc: every function runs in VPC subnets (the detector is
 * VPC-only; no function reaches the internet). Custom-resource provider
 * functions (raw `AWS::Lambda::Function` resources) count too.
 */
export function lambdaInsideVpc(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Lambda::Function') return NagRuleCompliance.NOT_APPLICABLE;
  const subnets = field(vpcConfigOf(node), 'SubnetIds');
  const hasSubnets = Array.isArray(subnets) ? subnets.length > 0 : subnets !== undefined && subnets !== null;
  return hasSubnets ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
