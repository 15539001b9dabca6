import { isTrue } from '../../assembly/template';
import { COMPLIANT, NOT_APPLICABLE, ResourceRule, nonCompliant } from '../rule';

/** Critical: a single-AZ database. */
export const databaseMultiAz: ResourceRule = {
  id: 'database-multi-az',
  title: 'Databases run in more than one availability zone',
  severity: 'Critical',
  scope: 'resource',
  checklist: 'Audit template risk scoring: single-AZ DB (Critical); platform checklist: RDS Multi-AZ',
  remediation: 'Set MultiAZ: true on RDS instances (CDK: multiAz: true), or use an Aurora cluster with a replica.',
  resourceTypes: ['AWS::RDS::DBInstance'],
  check(resource) {
    const props = resource.Properties ?? {};
    if (props.DBClusterIdentifier !== undefined) return NOT_APPLICABLE;
    return isTrue(props.MultiAZ) ? COMPLIANT : nonCompliant('MultiAZ is not true');
  },
};
