import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, EventBridgeEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { InvalidEventError } from '../errors';
import { EnrichmentService, UnitReport } from './enrichment-service';
import { IDeadLetterQueue, processSqsBatch } from './sqs-batch';
import { WorkUnit, unitName, unitsFromNotification } from './work-unit';
import { METRIC } from '../observability/metric-names';

/** Direct invocation (Step Functions): one object. */
export interface ObjectInvocation {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

/** Direct invocation (Step Functions): a batch of CloudTrail events. */
export interface EventsInvocation {
  readonly events: readonly unknown[];
  /** Stored as the findings' source `batch_id`. @default - the Lambda request id */
  readonly batchId?: string;
}

/** Result of a direct invocation (Step Functions reads it). */
export interface InvocationResult {
  readonly units: readonly UnitReport[];
}

export type EnrichmentEvent = SQSEvent | EventBridgeEvent<string, unknown> | ObjectInvocation | EventsInvocation;
export type EnrichmentResult = SQSBatchResponse | InvocationResult | UnitReport;

/** Collaborators of the enrichment handler. */
export interface EnrichmentHandlerDeps {
  readonly service: EnrichmentService;
  readonly dlq: IDeadLetterQueue;
  readonly maxReceiveCount: number;
  readonly rawLogBucket: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Which trigger an event came from. */
export function triggerOf(event: unknown): 'sqs' | 'eventbridge' | 'object' | 'events' {
  if (!isObject(event)) throw new InvalidEventError('event must be a JSON object');
  if (Array.isArray(event.Records) && isObject(event.Records[0]) && event.Records[0].eventSource === 'aws:sqs') {
    return 'sqs';
  }
  if ('detail-type' in event && 'detail' in event) return 'eventbridge';
  if (typeof event.bucket === 'string' && typeof event.key === 'string') return 'object';
  if (Array.isArray(event.events)) return 'events';
  throw new InvalidEventError(
    'unrecognized event: expected an SQS batch, an EventBridge event, {bucket, key[, versionId]} or {events: [...]}',
  );
}

/**
 * The enrichment entry point for every trigger: SQS batches of S3
 * notifications (partial batch response, dead-letter with reason),
 * EventBridge CloudTrail events and S3 "Object Created" events, and direct
 * Step Functions invocations. Metrics are flushed (EMF) after every invocation.
 */
export function createEnrichmentHandler(
  deps: EnrichmentHandlerDeps,
): (event: EnrichmentEvent, context?: Context) => Promise<EnrichmentResult> {
  const { service, logger, metrics } = deps;
  let events = 0;
  let findings = 0;
  const run = async (unit: WorkUnit): Promise<UnitReport> => {
    logger.appendKeys({ source: unitName(unit), ...(unit.kind === 's3' ? { s3_key: unit.key } : {}) });
    try {
      const report = await service.enrich(unit);
      events += report.events;
      findings += report.findings;
      return report;
    } finally {
      logger.removeKeys(['source', 's3_key']);
    }
  };
  return async (event, context) => {
    if (context) logger.addContext(context);
    events = 0;
    findings = 0;
    try {
      const trigger = triggerOf(event);
      logger.appendKeys({ trigger });
      if (trigger === 'sqs') {
        return await processSqsBatch(
          event as SQSEvent,
          async (record) => {
            const { units, skipped } = unitsFromNotification(record.body, deps.rawLogBucket);
            for (const s of skipped) {
              metrics.addMetric(METRIC.ObjectsSkipped, MetricUnit.Count, 1);
              logger.info('object skipped', { bucket: s.bucket, s3_key: s.key, reason: s.reason });
            }
            for (const unit of units) await run(unit);
          },
          { dlq: deps.dlq, maxReceiveCount: deps.maxReceiveCount, logger, metrics },
        );
      }
      if (trigger === 'eventbridge') {
        const e = event as EventBridgeEvent<string, unknown>;
        if (e.source === 'aws.s3') {
          const { units } = unitsFromNotification(JSON.stringify(e), deps.rawLogBucket);
          return { units: await sequential(units, run) };
        }
        logger.appendKeys({ log_id: isObject(e.detail) ? String(e.detail.eventID ?? '') : '' });
        return await run({ kind: 'eventbridge', eventId: e.id, record: e.detail });
      }
      if (trigger === 'object') {
        const o = event as ObjectInvocation;
        if (o.bucket !== deps.rawLogBucket) {
          throw new InvalidEventError(
            `object s3://${o.bucket}/${o.key} is outside the raw log bucket ${deps.rawLogBucket}`,
          );
        }
        return await run({
          kind: 's3',
          bucket: o.bucket,
          key: o.key,
          ...(o.versionId ? { versionId: o.versionId } : {}),
        });
      }
      const b = event as EventsInvocation;
      return await run({
        kind: 'invocation',
        batchId: b.batchId ?? context?.awsRequestId ?? 'direct',
        records: b.events,
      });
    } finally {
      if (events > 0) metrics.addMetric(METRIC.AnomalyRate, MetricUnit.NoUnit, findings / events);
      metrics.publishStoredMetrics();
      logger.removeKeys(['trigger', 'log_id']);
    }
  };
}

async function sequential<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}
