import { CloudTrailClient, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { GetAccessKeyLastUsedCommand, IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { GetBucketPolicyStatusCommand, GetPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { IActionVerifier, VerificationResult } from './action-verifier';
import { RetryPolicy, withRetries } from '../aws/retry';

const nameOf = (error: unknown): string => (error as { name?: string } | null)?.name ?? '';

/** `deactivate-access-key`: the key is Inactive or no longer exists (IAM GetAccessKeyLastUsed + ListAccessKeys). */
export class AccessKeyDeactivatedVerifier implements IActionVerifier {
  public readonly kind = 'deactivate-access-key';
  constructor(
    private readonly iam: IAMClient,
    private readonly retry: RetryPolicy = {},
  ) {}

  public async verify(accessKeyId: string): Promise<VerificationResult> {
    let userName: string | undefined;
    try {
      const used = await withRetries(
        () => this.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId })),
        this.retry,
      );
      userName = used.UserName;
    } catch (error) {
      if (nameOf(error) === 'NoSuchEntityException' || nameOf(error) === 'NoSuchEntity') {
        return { implemented: true, detail: `access key ${accessKeyId} no longer exists` };
      }
      throw error;
    }
    if (!userName) return { implemented: false, detail: `access key ${accessKeyId} has no owning IAM user` };
    const keys = await withRetries(() => this.iam.send(new ListAccessKeysCommand({ UserName: userName })), this.retry);
    const key = keys.AccessKeyMetadata?.find((k) => k.AccessKeyId === accessKeyId);
    if (!key) return { implemented: true, detail: `access key ${accessKeyId} was deleted from ${userName}` };
    return {
      implemented: key.Status === 'Inactive',
      detail: `access key ${accessKeyId} of ${userName} is ${key.Status ?? 'in an unknown state'}`,
    };
  }
}

/** `block-public-bucket`: all four public access block settings on, or the policy status not public. */
export class BucketNotPublicVerifier implements IActionVerifier {
  public readonly kind = 'block-public-bucket';
  constructor(
    private readonly s3: S3Client,
    private readonly retry: RetryPolicy = {},
  ) {}

  public async verify(target: string): Promise<VerificationResult> {
    const bucket = target.replace(/^arn:[^:]+:s3:::/, '');
    try {
      const block = await withRetries(
        () => this.s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })),
        this.retry,
      );
      const c = block.PublicAccessBlockConfiguration;
      if (c?.BlockPublicAcls && c.IgnorePublicAcls && c.BlockPublicPolicy && c.RestrictPublicBuckets) {
        return { implemented: true, detail: `bucket ${bucket} blocks all public access` };
      }
    } catch (error) {
      if (nameOf(error) === 'NoSuchBucket') return { implemented: true, detail: `bucket ${bucket} no longer exists` };
      if (nameOf(error) !== 'NoSuchPublicAccessBlockConfiguration') throw error;
    }
    try {
      const status = await withRetries(
        () => this.s3.send(new GetBucketPolicyStatusCommand({ Bucket: bucket })),
        this.retry,
      );
      const isPublic = status.PolicyStatus?.IsPublic === true;
      return { implemented: !isPublic, detail: `bucket ${bucket} policy is ${isPublic ? 'public' : 'not public'}` };
    } catch (error) {
      if (nameOf(error) === 'NoSuchBucketPolicy') {
        return { implemented: true, detail: `bucket ${bucket} has no policy` };
      }
      throw error;
    }
  }
}

/** `restore-logging`: the trail is logging again (CloudTrail GetTrailStatus). */
export class TrailLoggingVerifier implements IActionVerifier {
  public readonly kind = 'restore-logging';
  constructor(
    private readonly cloudTrail: CloudTrailClient,
    private readonly retry: RetryPolicy = {},
  ) {}

  public async verify(trail: string): Promise<VerificationResult> {
    const status = await withRetries(
      () => this.cloudTrail.send(new GetTrailStatusCommand({ Name: trail })),
      this.retry,
    );
    return {
      implemented: status.IsLogging === true,
      detail: `trail ${trail} is ${status.IsLogging ? '' : 'not '}logging`,
    };
  }
}
