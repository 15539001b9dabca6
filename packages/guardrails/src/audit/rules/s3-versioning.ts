import { COMPLIANT, ResourceRule, nonCompliant } from '../rule';

/** Medium: a bucket without versioning (no recovery from overwrite or delete). */
export const s3Versioning: ResourceRule = {
  id: 's3-versioning',
  title: 'S3 buckets are versioned',
  severity: 'Medium',
  scope: 'resource',
  checklist: 'Platform checklist: S3 buckets versioned/encrypted; audit template: versioned S3 with lifecycle',
  remediation: 'Set VersioningConfiguration.Status: Enabled (CDK: versioned: true) and expire noncurrent versions.',
  resourceTypes: ['AWS::S3::Bucket'],
  check(resource) {
    const status = (resource.Properties?.VersioningConfiguration as { Status?: string } | undefined)?.Status;
    return status === 'Enabled' ? COMPLIANT : nonCompliant(`versioning is ${status ?? 'not configured'}`);
  },
};
