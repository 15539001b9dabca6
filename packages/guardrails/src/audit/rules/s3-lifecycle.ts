import { COMPLIANT, ResourceRule, nonCompliant } from '../rule';

/** Medium: a bucket that grows forever. */
export const s3Lifecycle: ResourceRule = {
  id: 's3-lifecycle',
  title: 'S3 buckets have an enabled lifecycle rule',
  severity: 'Medium',
  scope: 'resource',
  checklist: 'Mandates: S3 lifecycle policies for raw log buckets; platform checklist: lifecycle policies active',
  remediation:
    'Add lifecycle rules from config retention (transition to IA/Glacier, expiry, noncurrent-version expiry).',
  resourceTypes: ['AWS::S3::Bucket'],
  check(resource) {
    const rules = (resource.Properties?.LifecycleConfiguration as { Rules?: { Status?: string }[] } | undefined)?.Rules;
    return (rules ?? []).some((r) => r.Status === 'Enabled') ? COMPLIANT : nonCompliant('no enabled lifecycle rule');
  },
};
