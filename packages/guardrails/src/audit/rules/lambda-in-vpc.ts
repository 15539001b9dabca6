import { COMPLIANT, ResourceRule, nonCompliant } from '../rule';

/** Medium: compute outside the VPC (the mandate is VPC-only access for all compute). */
export const lambdaInVpc: ResourceRule = {
  id: 'lambda-in-vpc',
  title: 'Functions run inside the VPC',
  severity: 'Medium',
  scope: 'resource',
  checklist: 'Mandates: VPC-only access for all compute resources; private subnets and VPC endpoints only',
  remediation: 'Attach the function to the private subnets (CDK: vpc, vpcSubnets: PRIVATE_ISOLATED).',
  resourceTypes: ['AWS::Lambda::Function'],
  check(resource) {
    const subnets = (resource.Properties?.VpcConfig as { SubnetIds?: unknown } | undefined)?.SubnetIds;
    return subnets !== undefined ? COMPLIANT : nonCompliant('no VpcConfig');
  },
};
