import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { validateResourceName } from '../validation';

/** A key attribute of a table or index (the shape of `@aad/runtimes` table designs). */
export interface TableKeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

/** A table design: keys, TTL attribute and global secondary indexes (projection ALL). */
export interface TableDesignInput {
  readonly partitionKey: TableKeyAttribute;
  readonly sortKey?: TableKeyAttribute;
  readonly timeToLiveAttribute: string;
  readonly globalSecondaryIndexes: readonly {
    readonly indexName: string;
    readonly partitionKey: TableKeyAttribute;
    readonly sortKey?: TableKeyAttribute;
  }[];
}

/** Properties of {@link DetectorTable}. */
export interface DetectorTableProps {
  /** Physical table name. */
  readonly tableName: string;
  /** Keys, TTL and indexes (from the `@aad/runtimes` table designs). */
  readonly design: TableDesignInput;
  /** Customer-managed key of the table. */
  readonly encryptionKey: kms.IKey;
  /**
   * Refuse `DeleteTable` (production).
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * What happens to the table when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A DynamoDB table of the detector: on-demand billing, point-in-time recovery
 * (35 days), customer-managed KMS key, TTL, optional deletion protection.
 */
export class DetectorTable extends Construct {
  public readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: DetectorTableProps) {
    super(scope, id);
    validateResourceName('tableName', props.tableName);
    const attribute = (a: TableKeyAttribute): dynamodb.Attribute => ({
      name: a.name,
      type:
        a.type === 'S'
          ? dynamodb.AttributeType.STRING
          : a.type === 'N'
            ? dynamodb.AttributeType.NUMBER
            : dynamodb.AttributeType.BINARY,
    });
    this.table = new dynamodb.Table(this, 'Table', {
      tableName: props.tableName,
      partitionKey: attribute(props.design.partitionKey),
      sortKey: props.design.sortKey ? attribute(props.design.sortKey) : undefined,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
      timeToLiveAttribute: props.design.timeToLiveAttribute,
      deletionProtection: props.deletionProtection ?? true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    for (const index of props.design.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: index.sortKey ? attribute(index.sortKey) : undefined,
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }
}
