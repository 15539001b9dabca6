import { ENCRYPTABLE_TYPES, encryptionOf, isAccessLogTarget } from '../encryption';
import { COMPLIANT, NOT_APPLICABLE, ResourceRule, nonCompliant } from '../rule';

/**
 * High, and a deploy gate of its own: every encryptable resource uses a KMS
 * customer-managed key (the seeds' Policy-as-a-Service guardrail). Buckets
 * that receive S3 server access logs are exempt: log delivery supports only
 * SSE-S3 there.
 */
export const kmsCmk: ResourceRule = {
  id: 'kms-cmk',
  title: 'Encryptable resources use a KMS customer-managed key (PaS guardrail)',
  severity: 'High',
  scope: 'resource',
  checklist:
    'Senior leader mandates: enforce KMS CMKs; Policy-as-a-Service guardrail that blocks CDK deploys missing KMS configuration',
  remediation:
    'Pass the environment CMK to the construct (encryptionKey / masterKey / kmsKey). Exempt only S3 server-access-log target buckets (SSE-S3 is the only option there).',
  resourceTypes: ENCRYPTABLE_TYPES,
  check(resource, { stack, logicalId }) {
    const kind = encryptionOf(resource, stack);
    if (kind === 'not-applicable') return NOT_APPLICABLE;
    if (kind === 'cmk') return COMPLIANT;
    if (resource.Type === 'AWS::S3::Bucket' && kind === 'service-default' && isAccessLogTarget(logicalId, stack)) {
      return COMPLIANT;
    }
    const how = { 'aws-managed': 'an AWS-managed key', 'service-default': 'the service default key', none: 'nothing' }[
      kind
    ];
    return nonCompliant(`encrypted with ${how}, not a customer-managed KMS key`);
  },
};
