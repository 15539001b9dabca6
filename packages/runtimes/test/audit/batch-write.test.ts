import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { batchWriteAll } from '../../src/audit';
import { PartialBatchError } from '../../src/errors';

const ddb = mockClient(DynamoDBDocumentClient);
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const items = Array.from({ length: 30 }, (_, i) => ({ finding_id: `f-${i}`, record_type: 'RECONCILIATION' }));
const keyOf = (i: Record<string, unknown>): string => String(i.finding_id);

describe('batchWriteAll (fault injection)', () => {
  beforeEach(() => ddb.reset());

  it('sends unprocessed items again, alone, after a jittered backoff', async () => {
    // Prepare
    const delays: number[] = [];
    ddb
      .on(BatchWriteCommand)
      .resolvesOnce({
        UnprocessedItems: { audit: [{ PutRequest: { Item: items[3] } }, { PutRequest: { Item: items[7] } }] },
      })
      .resolves({ UnprocessedItems: {} });
    // Act
    const result = await batchWriteAll(doc, 'audit', items, keyOf, {
      random: () => 0.5,
      sleep: async (ms) => void delays.push(ms),
    });
    // Assess
    const sent = ddb.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems!.audit.length);
    expect(sent).toEqual([25, 2, 5]);
    expect(ddb.commandCalls(BatchWriteCommand)[1].args[0].input.RequestItems!.audit).toEqual([
      { PutRequest: { Item: items[3] } },
      { PutRequest: { Item: items[7] } },
    ]);
    expect(result).toEqual({ written: 30, calls: 3, retriedItems: 2 });
    expect(delays).toEqual([25]);
  });

  it('retries a throttled call (ProvisionedThroughputExceededException) until it succeeds', async () => {
    ddb
      .on(BatchWriteCommand)
      .rejectsOnce(Object.assign(new Error('throughput'), { name: 'ProvisionedThroughputExceededException' }))
      .resolves({});
    const result = await batchWriteAll(doc, 'audit', items.slice(0, 5), keyOf, { sleep: async () => undefined });
    expect(result.written).toBe(5);
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(2);
  });

  it('names the items still unprocessed after every attempt', async () => {
    ddb.on(BatchWriteCommand).resolves({ UnprocessedItems: { audit: [{ PutRequest: { Item: items[0] } }] } });
    const error = await batchWriteAll(doc, 'audit', items.slice(0, 1), keyOf, {
      maxAttempts: 3,
      sleep: async () => undefined,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartialBatchError);
    expect((error as PartialBatchError).failures).toEqual([{ id: 'f-0', code: 'UnprocessedItems' }]);
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(3);
  });
});
