import { isAccessLogTarget } from '../encryption';
import { COMPLIANT, ResourceRule, nonCompliant } from '../rule';

/** Medium: a bucket whose object access is not logged (log target buckets are exempt). */
export const s3AccessLogging: ResourceRule = {
  id: 's3-access-logging',
  title: 'S3 buckets log access',
  severity: 'Medium',
  scope: 'resource',
  checklist: 'Platform checklist: S3 access logging enabled',
  remediation:
    'Set LoggingConfiguration.DestinationBucketName to the access-log bucket (CDK: serverAccessLogsBucket); the access-log bucket itself is exempt.',
  resourceTypes: ['AWS::S3::Bucket'],
  check(resource, { stack, logicalId }) {
    if (resource.Properties?.LoggingConfiguration !== undefined) return COMPLIANT;
    if (isAccessLogTarget(logicalId, stack)) return COMPLIANT;
    return nonCompliant('no LoggingConfiguration');
  },
};
