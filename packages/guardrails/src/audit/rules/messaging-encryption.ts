import { encryptionOf } from '../encryption';
import { COMPLIANT, ResourceRule, nonCompliant } from '../rule';

/** High: a queue or topic whose messages are not encrypted at rest. */
export const messagingEncryption: ResourceRule = {
  id: 'messaging-encryption',
  title: 'Queues and topics encrypt messages at rest',
  severity: 'High',
  scope: 'resource',
  checklist: 'Platform checklist: SNS/SQS topics/queues provisioned with DLQs and encryption',
  remediation: 'Set KmsMasterKeyId to a customer-managed KMS key (CDK: encryptionMasterKey / masterKey).',
  resourceTypes: ['AWS::SQS::Queue', 'AWS::SNS::Topic'],
  check(resource, { stack }) {
    return encryptionOf(resource, stack) === 'none'
      ? nonCompliant(`${resource.Type === 'AWS::SNS::Topic' ? 'topic' : 'queue'} is not encrypted at rest`)
      : COMPLIANT;
  },
};
