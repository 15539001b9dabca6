import { DATA_STORE_TYPES, encryptionOf } from '../encryption';
import { COMPLIANT, NOT_APPLICABLE, ResourceRule, nonCompliant } from '../rule';

/** Critical: a data store with no encryption at rest declared. */
export const dataStoreEncryption: ResourceRule = {
  id: 'data-store-encryption',
  title: 'Data stores declare encryption at rest',
  severity: 'Critical',
  scope: 'resource',
  checklist: 'Audit template: no encryption on data stores (Critical); platform checklist: S3 encrypted, RDS encrypted',
  remediation:
    'Declare encryption at rest with a KMS customer-managed key (S3 BucketEncryption aws:kms + KMSMasterKeyID, RDS StorageEncrypted + KmsKeyId, EFS/EBS Encrypted + KmsKeyId, Kinesis StreamEncryption).',
  resourceTypes: DATA_STORE_TYPES,
  check(resource, { stack }) {
    const kind = encryptionOf(resource, stack);
    if (kind === 'not-applicable') return NOT_APPLICABLE;
    return kind === 'none' ? nonCompliant(`${resource.Type} declares no encryption at rest`) : COMPLIANT;
  },
};
