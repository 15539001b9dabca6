import { CfnResource, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { asArray, field, path } from './resolved-field';

/** A key reference that is an AWS managed key (`alias/aws/...`), not a customer-managed key. */
function isAwsManaged(key: unknown): boolean {
  return typeof key === 'string' && /(^|:)alias\/aws\//.test(key);
}

function hasCustomerKey(key: unknown): boolean {
  return key !== undefined && key !== null && key !== '' && !isAwsManaged(key);
}

/**
 * AAD-CustomerManagedKeyEncryption: every S3 bucket, SQS queue, SNS topic,
 * DynamoDB table and CloudWatch Logs group is encrypted with a
 * customer-managed KMS key (not SSE-S3, not SQS-managed SSE, not an
 * `alias/aws/*` AWS managed key, not DynamoDB's AWS owned key).
 */
export function customerManagedKeyEncryption(node: CfnResource): NagRuleResult {
  const stack = Stack.of(node);
  if (node instanceof s3.CfnBucket) {
    const rules = asArray(path(stack.resolve(node.bucketEncryption), 'ServerSideEncryptionConfiguration'));
    const ok = rules.some((r) => {
      const d = field(r, 'ServerSideEncryptionByDefault');
      const algorithm = field(d, 'SSEAlgorithm');
      return (
        typeof algorithm === 'string' &&
        /^aws:kms(:dsse)?$/.test(algorithm) &&
        hasCustomerKey(field(d, 'KMSMasterKeyID'))
      );
    });
    return ok ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  }
  if (node instanceof sqs.CfnQueue) {
    return hasCustomerKey(stack.resolve(node.kmsMasterKeyId))
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  }
  if (node instanceof sns.CfnTopic) {
    return hasCustomerKey(stack.resolve(node.kmsMasterKeyId))
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  }
  if (node instanceof dynamodb.CfnTable) {
    const sse = stack.resolve(node.sseSpecification);
    return field(sse, 'SSEEnabled') === true && hasCustomerKey(field(sse, 'KMSMasterKeyId'))
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  }
  if (node instanceof logs.CfnLogGroup) {
    return hasCustomerKey(stack.resolve(node.kmsKeyId)) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  }
  return NagRuleCompliance.NOT_APPLICABLE;
}
