import type { Finding } from '@aad/core';
import { EventBridgeClient, PutEventsCommand, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { IFindingPublisher, PublishResult, findingOf } from './published-finding';
import { AuditFindingItem } from '../audit/audit-item';
import { RecordSource } from '../audit/provenance';
import { RetryPolicy, backoff, isRetryableCode, withRetries } from '../aws/retry';

/** `source` of every finding event. */
export const FINDING_EVENT_SOURCE = 'aad.detector';
/** `detail-type` of every finding event. */
export const FINDING_DETAIL_TYPE = 'AAD Finding';

/**
 * `detail` of a finding event (schema version 1). Consumers deduplicate on
 * `finding.finding_id`: delivery is at least once.
 */
export interface FindingEventDetail {
  readonly schema_version: '1';
  readonly finding: Finding;
  /** Raw record location and sha256 (audit-path assurance). */
  readonly source: RecordSource;
  readonly model_package: string;
  readonly recorded_at: string;
}

/** JSON Schema (draft 2020-12) of {@link FindingEventDetail}: register it in the schema registry. */
export const FINDING_EVENT_DETAIL_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:aad:finding-event-detail:1',
  title: 'AAD Finding event detail',
  type: 'object',
  required: ['schema_version', 'finding', 'source', 'model_package', 'recorded_at'],
  properties: {
    schema_version: { const: '1' },
    model_package: { type: 'string' },
    recorded_at: { type: 'string', format: 'date-time' },
    source: {
      type: 'object',
      required: ['kind', 'record_index', 'record_sha256'],
      properties: {
        kind: { enum: ['s3', 'eventbridge', 'invocation'] },
        bucket: { type: 'string' },
        key: { type: 'string' },
        version_id: { type: 'string' },
        event_id: { type: 'string' },
        batch_id: { type: 'string' },
        record_index: { type: 'integer', minimum: 0 },
        record_sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      },
    },
    finding: {
      type: 'object',
      required: [
        'finding_id',
        'log_id',
        'entity_id',
        'entity_type',
        'risk_score',
        'severity',
        'reasons',
        'mitre',
        'event_time',
      ],
      properties: {
        finding_id: { type: 'string' },
        log_id: { type: 'string' },
        entity_id: { type: 'string' },
        entity_type: { type: 'string' },
        risk_score: { type: 'number', minimum: 0, maximum: 100 },
        severity: { enum: ['informational', 'low', 'medium', 'high', 'critical'] },
        event_time: { type: 'string' },
        reasons: {
          type: 'array',
          items: {
            type: 'object',
            required: ['signal', 'id', 'contribution', 'message'],
            properties: {
              signal: { type: 'string' },
              id: { type: 'string' },
              contribution: { type: 'number' },
              message: { type: 'string' },
              observed: { type: ['string', 'number'] },
              baseline: { type: ['string', 'number'] },
            },
          },
        },
        mitre: {
          type: 'array',
          items: {
            type: 'object',
            required: ['tactic'],
            properties: { tactic: { type: 'string' }, technique: { type: 'string' } },
          },
        },
        recommended_action: {
          type: 'object',
          required: ['kind', 'target', 'description'],
          properties: { kind: { type: 'string' }, target: { type: 'string' }, description: { type: 'string' } },
        },
        event: {
          type: 'object',
          properties: {
            event_name: { type: 'string' },
            event_source: { type: 'string' },
            aws_region: { type: 'string' },
            source_ip: { type: 'string' },
            account_id: { type: 'string' },
            error_code: { type: 'string' },
          },
        },
      },
    },
  },
} as const;

/** The detail of a stored finding's event. */
export function toFindingEventDetail(item: AuditFindingItem): FindingEventDetail {
  return {
    schema_version: '1',
    finding: findingOf(item),
    source: item.source,
    model_package: item.model_package,
    recorded_at: item.recorded_at,
  };
}

/** PutEvents limits: 10 entries and 256 KiB per request. */
const MAX_ENTRIES = 10;
const MAX_REQUEST_BYTES = 256 * 1024;

/** Size of an entry as EventBridge counts it. */
export function entrySize(entry: PutEventsRequestEntry): number {
  let size = entry.Time ? 14 : 0;
  for (const s of [entry.Source, entry.DetailType, entry.Detail]) size += s ? Buffer.byteLength(s, 'utf8') : 0;
  for (const r of entry.Resources ?? []) size += Buffer.byteLength(r, 'utf8');
  return size;
}

/**
 * Publishes findings to the event bus with `PutEvents`: batches of at most
 * 10 entries and 256 KiB; entries that fail with a throttling or internal
 * error are sent again with backoff; other failures are reported per finding.
 */
export class FindingEventPublisher implements IFindingPublisher {
  constructor(
    private readonly eventBridge: EventBridgeClient,
    private readonly eventBusName: string,
    private readonly retry: RetryPolicy = {},
  ) {}

  /** The PutEvents entry of a finding. */
  public entry(item: AuditFindingItem): PutEventsRequestEntry {
    const time = Date.parse(item.event_time);
    return {
      EventBusName: this.eventBusName,
      Source: FINDING_EVENT_SOURCE,
      DetailType: FINDING_DETAIL_TYPE,
      Detail: JSON.stringify(toFindingEventDetail(item)),
      ...(Number.isNaN(time) ? {} : { Time: new Date(time) }),
      Resources: item.entity_id.startsWith('arn:') ? [item.entity_id] : [],
    };
  }

  public async publish(items: readonly AuditFindingItem[]): Promise<PublishResult> {
    const published: string[] = [];
    const failed: { id: string; code: string; message?: string }[] = [];
    const batches: { id: string; entry: PutEventsRequestEntry }[][] = [];
    let batch: { id: string; entry: PutEventsRequestEntry }[] = [];
    let bytes = 0;
    for (const item of items) {
      const entry = this.entry(item);
      const size = entrySize(entry);
      if (size > MAX_REQUEST_BYTES) {
        failed.push({ id: item.finding_id, code: 'EntryTooLarge', message: `${size} bytes > ${MAX_REQUEST_BYTES}` });
        continue;
      }
      if (batch.length === MAX_ENTRIES || bytes + size > MAX_REQUEST_BYTES) {
        batches.push(batch);
        batch = [];
        bytes = 0;
      }
      batch.push({ id: item.finding_id, entry });
      bytes += size;
    }
    if (batch.length > 0) batches.push(batch);

    const maxAttempts = this.retry.maxAttempts ?? 6;
    for (const initial of batches) {
      let pending = initial;
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > 1) await backoff(attempt - 2, this.retry);
        const request = pending;
        const out = await withRetries(
          () => this.eventBridge.send(new PutEventsCommand({ Entries: request.map((p) => p.entry) })),
          this.retry,
        );
        const retry: typeof pending = [];
        request.forEach((p, i) => {
          const result = out.Entries?.[i];
          if (result?.EventId) published.push(p.id);
          else if (isRetryableCode(result?.ErrorCode) && attempt < maxAttempts) retry.push(p);
          else failed.push({ id: p.id, code: result?.ErrorCode ?? 'Unknown', message: result?.ErrorMessage });
        });
        pending = retry;
      }
    }
    return { published, failed };
  }
}
