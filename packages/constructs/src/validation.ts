import { Token } from 'aws-cdk-lib';
import { InvalidPropError } from './errors';

/** S3 bucket naming rules (general purpose buckets). */
const BUCKET_NAME =
  /^(?!xn--)(?!sthree-)(?!.*\.\.)(?!.*-s3alias$)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[a-zA-Z0-9-]+$/;
const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const RESOURCE_NAME = /^[A-Za-z0-9_.-]{3,64}$/;

/** Throws unless `value` (when known at synth time) is a valid S3 bucket name. */
export function validateBucketName(prop: string, value: string | undefined): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!BUCKET_NAME.test(value)) {
    throw new InvalidPropError(prop, 'a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)', value);
  }
}

/** Throws unless `value` (when known) is a KMS key ARN (`arn:aws:kms:<region>:<account>:key/<id>`). */
export function validateKmsKeyArn(prop: string, value: string | undefined): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!KMS_KEY_ARN.test(value)) {
    throw new InvalidPropError(prop, 'a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)', value);
  }
}

/** Throws unless `value` (when known) is a VPC id (`vpc-` and 8 or 17 hex digits). */
export function validateVpcId(prop: string, value: string | undefined): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!VPC_ID.test(value)) {
    throw new InvalidPropError(prop, 'a VPC id (vpc- followed by 8-17 hex digits)', value);
  }
}

/** Throws unless `value` (when known) is a valid SNS topic name. */
export function validateTopicName(prop: string, value: string | undefined): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!TOPIC_NAME.test(value)) {
    throw new InvalidPropError(prop, 'an SNS topic name (1-256 letters, digits, hyphens, underscores)', value);
  }
}

/** Throws unless `value` (when known) is a 3-64 character resource name (tables, queues, functions). */
export function validateResourceName(prop: string, value: string | undefined): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!RESOURCE_NAME.test(value)) {
    throw new InvalidPropError(prop, 'a name of 3-64 letters, digits, dots, hyphens or underscores', value);
  }
}

/** Throws unless `value` is an integer within `[min, max]`. */
export function validateInteger(prop: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidPropError(prop, `an integer between ${min} and ${max}`, value);
  }
}

/** Retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Throws unless `value` is a retention period CloudWatch Logs accepts. */
export function validateLogRetention(prop: string, value: number): void {
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(value)) {
    throw new InvalidPropError(
      prop,
      `one of the CloudWatch Logs retention periods (${LOG_RETENTION_DAYS.join(', ')})`,
      value,
    );
  }
}
