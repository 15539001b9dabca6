import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { AuditTable, utcDays } from '../../src/audit';
import { makeItem } from '../_helpers/findings';
import { LocalDynamoDb, startLocalDynamoDb } from '../_helpers/local-dynamodb';

describe('AuditTable (dynalite)', () => {
  let db: LocalDynamoDb;
  let table: AuditTable;

  beforeAll(async () => {
    db = await startLocalDynamoDb();
  });
  afterAll(async () => {
    await db.stop();
  });
  beforeEach(async () => {
    const { audit } = await db.createTables();
    table = new AuditTable(db.doc, audit);
  });

  const scanAll = async (): Promise<Record<string, unknown>[]> =>
    (await db.doc.send(new ScanCommand({ TableName: table.tableName }))).Items ?? [];

  it('writes a finding once and reports the replay as a duplicate with the stored item', async () => {
    // Prepare
    const first = makeItem({ finding_id: 'f-1' });
    const replay = makeItem({ finding_id: 'f-1' }, new Date('2026-11-21T00:00:00Z'));
    // Act
    const a = await table.putFinding(first);
    const b = await table.putFinding(replay);
    // Assess
    expect(a.status).toBe('written');
    expect(b.status).toBe('duplicate');
    expect(b.item.recorded_at).toBe('2026-11-20T10:05:00.000Z');
    expect(await scanAll()).toHaveLength(1);
  });

  it('replaying the same batch creates zero duplicates', async () => {
    // Prepare
    const batch = Array.from({ length: 40 }, (_, i) => makeItem({ finding_id: `f-${i}` }));
    // Act
    const first = await table.putFindings(batch);
    const second = await table.putFindings(batch);
    // Assess
    expect(first.filter((o) => o.status === 'written')).toHaveLength(40);
    expect(second.filter((o) => o.status === 'duplicate')).toHaveLength(40);
    expect(await scanAll()).toHaveLength(40);
  });

  it('stores the TTL attribute as epoch seconds FINDINGS_TTL_DAYS after recording', async () => {
    await table.putFinding(makeItem({ finding_id: 'f-ttl' }));
    const stored = await table.getFinding('f-ttl');
    expect(stored?.expires_at).toBe(Date.parse('2026-11-20T10:05:00Z') / 1000 + 180 * 86_400);
    expect(Number.isInteger(stored?.expires_at)).toBe(true);
  });

  it('stores the source of the raw record with every finding', async () => {
    await table.putFinding(makeItem({ finding_id: 'f-src' }));
    const stored = await table.getFinding('f-src');
    expect(stored?.source).toEqual(expect.objectContaining({ kind: 's3', version_id: 'v1', record_index: 3 }));
  });

  it('queries by entity, oldest first, within a time range', async () => {
    // Prepare
    await table.putFindings([
      makeItem({ finding_id: 'a2', event_time: '2026-11-20T12:00:00Z' }),
      makeItem({ finding_id: 'a1', event_time: '2026-11-20T09:00:00Z' }),
      makeItem({ finding_id: 'a3', event_time: '2026-11-22T09:00:00Z' }),
      makeItem({ finding_id: 'b1', entity_id: 'arn:aws:iam::111111111111:user/bob' }),
    ]);
    // Act
    const all = await table.queryByEntity('arn:aws:iam::111111111111:user/alice');
    const ranged = await table.queryByEntity('arn:aws:iam::111111111111:user/alice', {
      from: '2026-11-20T10:00:00Z',
      to: '2026-11-21T00:00:00Z',
    });
    // Assess
    expect(all.map((f) => f.finding_id)).toEqual(['a1', 'a2', 'a3']);
    expect(ranged.map((f) => f.finding_id)).toEqual(['a2']);
  });

  it('queries by time across UTC days', async () => {
    await table.putFindings([
      makeItem({ finding_id: 't1', event_time: '2026-11-19T23:59:00Z' }),
      makeItem({ finding_id: 't2', event_time: '2026-11-20T00:01:00Z' }),
      makeItem({ finding_id: 't3', event_time: '2026-11-21T08:00:00Z' }),
      makeItem({ finding_id: 't4', event_time: '2026-11-21T09:00:00Z' }),
    ]);
    const found = await table.queryByTime({ from: '2026-11-19T23:00:00Z', to: '2026-11-21T08:30:00Z' });
    expect(found.map((f) => f.finding_id)).toEqual(['t1', 't2', 't3']);
  });

  it('lists open recommendations until one is closed', async () => {
    await table.putFindings([
      makeItem({ finding_id: 'r1' }),
      makeItem({ finding_id: 'r2' }),
      makeItem({ finding_id: 'n1', recommended_action: undefined }),
    ]);
    expect((await table.openRecommendations()).map((f) => f.finding_id).sort()).toEqual(['r1', 'r2']);
    await table.closeRecommendation('r1', 'implemented');
    expect((await table.openRecommendations()).map((f) => f.finding_id)).toEqual(['r2']);
    expect((await table.getFinding('r1'))?.recommendation_status).toBe('implemented');
  });

  it('marks publication and keeps the mark across a replay', async () => {
    await table.putFinding(makeItem({ finding_id: 'p1' }));
    await table.markPublished('p1', 'eventbridge', new Date('2026-11-20T10:06:00Z'));
    const replay = await table.putFinding(makeItem({ finding_id: 'p1' }));
    expect(replay.status).toBe('duplicate');
    expect(replay.item.eventbridge_published_at).toBe('2026-11-20T10:06:00.000Z');
  });

  it('marks every channel a finding reached in one update, and nothing for no channel', async () => {
    await table.putFinding(makeItem({ finding_id: 'p2' }));
    await table.markPublished('p2', [], new Date('2026-11-20T10:05:00Z'));
    expect((await table.getFinding('p2'))?.eventbridge_published_at).toBeUndefined();
    await table.markPublished('p2', ['eventbridge', 'securityhub'], new Date('2026-11-20T10:06:00Z'));
    const item = await table.getFinding('p2');
    expect(item?.eventbridge_published_at).toBe('2026-11-20T10:06:00.000Z');
    expect(item?.securityhub_imported_at).toBe('2026-11-20T10:06:00.000Z');
  });

  it('records acknowledgements beside the finding', async () => {
    await table.putFinding(makeItem({ finding_id: 'k1' }));
    await table.putAcknowledgement('k1', 'secops@example.com', new Date('2026-11-21T00:00:00Z'), 'key rotated');
    const acks = await table.acknowledgements('k1');
    expect(acks).toEqual([expect.objectContaining({ acknowledged_by: 'secops@example.com', note: 'key rotated' })]);
  });

  it('writes reconciliation records in batches of 25', async () => {
    const records = Array.from({ length: 60 }, (_, i) => ({
      finding_id: `r-${i}`,
      record_type: 'RECONCILIATION' as const,
      status: 'pending' as const,
      action_kind: 'restore-logging',
      action_target: 'trail',
      entity_id: 'e',
      checked_at: '2026-11-21T00:00:00Z',
      due_at: '2026-11-23T00:00:00Z',
      detail: 'still stopped',
      expires_at: 1,
    }));
    const result = await table.writeReconciliations(records);
    expect(result).toEqual({ written: 60, calls: 3, retriedItems: 0 });
    expect(await scanAll()).toHaveLength(60);
  });
});

describe('utcDays', () => {
  it('lists each UTC day of a range', () => {
    expect(utcDays('2026-12-31T10:00:00Z', '2027-01-02T00:00:00Z')).toEqual(['2026-12-31', '2027-01-01', '2027-01-02']);
  });
  it('rejects an invalid range', () => {
    expect(() => utcDays('yesterday', '2027-01-02')).toThrow('invalid time range yesterday .. 2027-01-02');
  });
});
