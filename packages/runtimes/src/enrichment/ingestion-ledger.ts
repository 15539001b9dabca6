import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailure } from '../audit/audit-table';
import { RetryPolicy, withRetries } from '../aws/retry';

/**
 * Which sources each model package's profile has already learned from, in
 * the profile table (`shard_id = ingested#<package>#<source>`). Claiming is a
 * conditional put, so a replayed file never counts twice in the baseline.
 */
export class IngestionLedger {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly ttlDays = 90,
    private readonly retry: RetryPolicy = {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** True when this call claimed the source for the package (learn from it); false when it was already claimed. */
  public async claim(modelPackage: string, source: string): Promise<boolean> {
    const at = this.now();
    try {
      await withRetries(
        () =>
          this.doc.send(
            new PutCommand({
              TableName: this.tableName,
              Item: {
                shard_id: `ingested#${modelPackage}#${source}`,
                claimed_at: at.toISOString(),
                expires_at: Math.floor(at.getTime() / 1000) + this.ttlDays * 86_400,
              },
              ConditionExpression: 'attribute_not_exists(shard_id)',
            }),
          ),
        this.retry,
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw error;
    }
  }
}
