import { StackTemplate } from '../../assembly/cloud-assembly';
import { refTarget } from '../../assembly/template';
import { COMPLIANT, NOT_APPLICABLE, ResourceRule, nonCompliant } from '../rule';

function azOf(stack: StackTemplate, subnetId: string): string | undefined {
  const props = stack.resources[subnetId]?.Properties;
  if (!props) return undefined;
  return JSON.stringify(props.AvailabilityZone ?? props.AvailabilityZoneId ?? null);
}

/** High: a VPC whose subnets sit in one availability zone, or a function attached to one subnet. */
export const networkMultiAz: ResourceRule = {
  id: 'network-multi-az',
  title: 'Networks span at least two availability zones',
  severity: 'High',
  scope: 'resource',
  checklist: 'Audit template: single-AZ network (High); platform checklist: subnets across ≥ 2 AZs',
  remediation: 'Create subnets in at least two AZs (CDK: maxAzs ≥ 2) and attach functions to subnets in each.',
  resourceTypes: ['AWS::EC2::VPC', 'AWS::Lambda::Function'],
  check(resource, { stack, logicalId }) {
    if (resource.Type === 'AWS::EC2::VPC') {
      const subnets = Object.entries(stack.resources).filter(
        ([, r]) => r.Type === 'AWS::EC2::Subnet' && refTarget(r.Properties?.VpcId) === logicalId,
      );
      if (subnets.length === 0) return NOT_APPLICABLE;
      const azs = new Set(subnets.map(([id]) => azOf(stack, id)));
      return azs.size >= 2
        ? COMPLIANT
        : nonCompliant(`its ${subnets.length} subnet(s) are all in one availability zone`);
    }
    const subnetIds = (resource.Properties?.VpcConfig as { SubnetIds?: unknown } | undefined)?.SubnetIds;
    if (!Array.isArray(subnetIds)) return NOT_APPLICABLE;
    if (subnetIds.length < 2) return nonCompliant(`attached to ${subnetIds.length} subnet(s)`);
    const local = subnetIds
      .map((s) => refTarget(s))
      .filter((s): s is string => s !== undefined && !!stack.resources[s]);
    if (local.length === subnetIds.length && new Set(local.map((s) => azOf(stack, s))).size < 2) {
      return nonCompliant('its subnets are all in one availability zone');
    }
    return COMPLIANT;
  },
};
