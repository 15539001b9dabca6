import { asArray, refTarget } from '../../assembly/template';
import { COMPLIANT, ResourceRule, nonCompliant } from '../rule';

/** Medium: a bucket that accepts plain HTTP requests. */
export const s3TlsOnly: ResourceRule = {
  id: 's3-tls-only',
  title: 'S3 buckets deny requests without TLS',
  severity: 'Medium',
  scope: 'resource',
  checklist: 'Audit template: TLS 1.2+ everywhere; platform checklist: access policies',
  remediation: 'Add a Deny statement on aws:SecureTransport = false (CDK: enforceSSL: true).',
  resourceTypes: ['AWS::S3::Bucket'],
  check(_resource, { stack, logicalId }) {
    for (const policy of Object.values(stack.resources)) {
      if (policy.Type !== 'AWS::S3::BucketPolicy' || refTarget(policy.Properties?.Bucket) !== logicalId) continue;
      const statements = asArray(
        (policy.Properties?.PolicyDocument as { Statement?: { Effect?: string; Condition?: unknown }[] } | undefined)
          ?.Statement,
      );
      if (
        statements.some(
          (s) => s.Effect === 'Deny' && /"aws:SecureTransport":\s*"?false/.test(JSON.stringify(s.Condition ?? {})),
        )
      ) {
        return COMPLIANT;
      }
    }
    return nonCompliant('no bucket policy denies aws:SecureTransport = false');
  },
};
