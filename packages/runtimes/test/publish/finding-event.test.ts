import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import {
  FINDING_DETAIL_TYPE,
  FINDING_EVENT_DETAIL_SCHEMA,
  FINDING_EVENT_SOURCE,
  FindingEventPublisher,
  entrySize,
} from '../../src/publish';
import { makeItem } from '../_helpers/findings';

const eb = mockClient(EventBridgeClient);
const NO_WAIT = { sleep: async () => undefined };

describe('FindingEventPublisher', () => {
  beforeEach(() => eb.reset());

  it('sends one PutEvents entry per finding with the documented source, detail-type and detail', async () => {
    // Prepare
    eb.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
    const item = makeItem({ finding_id: 'f-1' });
    // Act
    const result = await new FindingEventPublisher(new EventBridgeClient({}), 'aad-dev-findings', NO_WAIT).publish([
      item,
    ]);
    // Assess
    expect(result).toEqual({ published: ['f-1'], failed: [] });
    const [entry] = eb.commandCalls(PutEventsCommand)[0].args[0].input.Entries!;
    expect(entry).toEqual({
      EventBusName: 'aad-dev-findings',
      Source: FINDING_EVENT_SOURCE,
      DetailType: FINDING_DETAIL_TYPE,
      Detail: expect.any(String),
      Time: new Date('2026-11-20T10:00:00Z'),
      Resources: ['arn:aws:iam::111111111111:user/alice'],
    });
    const detail = JSON.parse(entry.Detail!);
    expect(detail.schema_version).toBe('1');
    expect(detail.finding.finding_id).toBe('f-1');
    expect(detail.finding).not.toHaveProperty('expires_at');
    expect(detail.source).toEqual(item.source);
    for (const key of FINDING_EVENT_DETAIL_SCHEMA.required) expect(detail).toHaveProperty(key);
    for (const key of FINDING_EVENT_DETAIL_SCHEMA.properties.finding.required) {
      expect(detail.finding).toHaveProperty(key);
    }
  });

  it('batches at most 10 entries per call', async () => {
    eb.on(PutEventsCommand).callsFake(async (input) => ({
      FailedEntryCount: 0,
      Entries: input.Entries.map((_: unknown, i: number) => ({ EventId: `e${i}` })),
    }));
    const items = Array.from({ length: 23 }, (_, i) => makeItem({ finding_id: `f-${i}` }));
    const result = await new FindingEventPublisher(new EventBridgeClient({}), 'bus', NO_WAIT).publish(items);
    expect(eb.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries!.length)).toEqual([10, 10, 3]);
    expect(result.published).toHaveLength(23);
  });

  it('retries throttled entries only, and reports permanent failures per finding', async () => {
    // Prepare
    eb.on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 2,
        Entries: [
          { EventId: 'a' },
          { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' },
          { ErrorCode: 'MalformedDetail', ErrorMessage: 'bad' },
        ],
      })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'b' }] });
    const items = ['f-a', 'f-b', 'f-c'].map((id) => makeItem({ finding_id: id }));
    // Act
    const result = await new FindingEventPublisher(new EventBridgeClient({}), 'bus', NO_WAIT).publish(items);
    // Assess
    expect(result).toEqual({
      published: ['f-a', 'f-b'],
      failed: [{ id: 'f-c', code: 'MalformedDetail', message: 'bad' }],
    });
    const calls = eb.commandCalls(PutEventsCommand);
    expect(calls).toHaveLength(2);
    expect(JSON.parse(calls[1].args[0].input.Entries![0].Detail!).finding.finding_id).toBe('f-b');
  });

  it('retries a throttled call (ThrottlingException) until it succeeds', async () => {
    eb.on(PutEventsCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'a' }] });
    const result = await new FindingEventPublisher(new EventBridgeClient({}), 'bus', NO_WAIT).publish([makeItem()]);
    expect(result.published).toEqual(['f-0001']);
    expect(eb.commandCalls(PutEventsCommand)).toHaveLength(2);
  });

  it('counts entry size as EventBridge does', () => {
    expect(entrySize({ Source: 'ab', DetailType: 'c', Detail: '{}', Time: new Date(), Resources: ['r'] })).toBe(20);
  });
});
