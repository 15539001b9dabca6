import { isTrue } from '../../assembly/template';
import { COMPLIANT, NOT_APPLICABLE, ResourceRule, nonCompliant } from '../rule';

/** Critical: a data table or database without point-in-time recovery or automated backups. */
export const tableBackups: ResourceRule = {
  id: 'table-backups',
  title: 'Data tables have point-in-time recovery; databases keep automated backups',
  severity: 'Critical',
  scope: 'resource',
  checklist: 'Audit template risk scoring: missing backups (Critical); platform checklist: backups and PITR',
  remediation:
    'DynamoDB: PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true (CDK: pointInTimeRecoverySpecification). RDS: BackupRetentionPeriod ≥ 1.',
  resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  check(resource) {
    const props = resource.Properties ?? {};
    if (resource.Type === 'AWS::DynamoDB::Table') {
      const pitr = props.PointInTimeRecoverySpecification as { PointInTimeRecoveryEnabled?: unknown } | undefined;
      return isTrue(pitr?.PointInTimeRecoveryEnabled) ? COMPLIANT : nonCompliant('point-in-time recovery is off');
    }
    if (resource.Type === 'AWS::DynamoDB::GlobalTable') {
      const replicas = (props.Replicas ?? []) as { Region?: string; PointInTimeRecoverySpecification?: unknown }[];
      const off = replicas.filter(
        (r) =>
          !isTrue(
            (r.PointInTimeRecoverySpecification as { PointInTimeRecoveryEnabled?: unknown } | undefined)
              ?.PointInTimeRecoveryEnabled,
          ),
      );
      return off.length === 0
        ? COMPLIANT
        : nonCompliant(`point-in-time recovery is off on replica(s) ${off.map((r) => r.Region ?? '?').join(', ')}`);
    }
    if (resource.Type === 'AWS::RDS::DBInstance' && props.DBClusterIdentifier !== undefined) return NOT_APPLICABLE;
    const retention = props.BackupRetentionPeriod;
    return retention !== undefined && Number(retention) === 0
      ? nonCompliant('BackupRetentionPeriod is 0 (automated backups off)')
      : COMPLIANT;
  },
};
