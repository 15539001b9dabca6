import type { Finding } from '@aad/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { S3Client } from '@aws-sdk/client-s3';
import { RecordSource } from '../audit/provenance';
import { RetryPolicy, mapWithConcurrency } from '../aws/retry';
import { RuntimeError, isModelIntegrityError } from '../errors';
import { EngineProvider } from './engine';
import { IngestionLedger } from './ingestion-ledger';
import { RecordProblem, SourcedRecord, UnitRecords, readS3Records, recordsFromValues } from './record-reader';
import { WorkUnit, unitName } from './work-unit';
import { AuditFindingItem, toAuditItem } from '../audit/audit-item';
import { AuditTable, PublicationChannel, PutFindingOutcome } from '../audit/audit-table';
import { METRIC } from '../observability/metric-names';
import { IFindingPublisher, PublishResult } from '../publish/published-finding';

/** Some findings could not be published: the unit is retried (written findings are not written again). */
export class PublishIncompleteError extends RuntimeError {}

/** Thresholds and retention of the enrichment. */
export interface EnrichmentSettings {
  readonly alertThreshold: number;
  readonly minScore: number;
  readonly ttlDays: number;
}

/** Collaborators of {@link EnrichmentService}. */
export interface EnrichmentDeps {
  readonly s3: S3Client;
  readonly audit: AuditTable;
  /** EventBridge (`FindingEventPublisher`). */
  readonly events: IFindingPublisher;
  /** Security Hub (`SecurityHubPublisher`). @default - Security Hub export off */
  readonly securityHub?: IFindingPublisher;
  readonly engine: EngineProvider;
  /** @default - the profile learns from every delivery, replays included */
  readonly ledger?: IngestionLedger;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly settings: EnrichmentSettings;
  readonly retry?: RetryPolicy;
  readonly now?: () => Date;
}

/** What one unit produced. */
export interface UnitReport {
  readonly source: string;
  readonly events: number;
  readonly parseErrors: number;
  /** Findings at or above MIN_SCORE. */
  readonly findings: number;
  /** Of those, written now (the others were already in the table). */
  readonly written: number;
  readonly duplicates: number;
  readonly alerted: number;
  readonly published: number;
  readonly securityHubImported: number;
  readonly findingIds: readonly string[];
  readonly modelPackage: string;
}

/**
 * parse → score → persist → publish for one unit of input: reads the records
 * (S3 object, EventBridge event, direct batch), scores them with the current
 * model package, writes each finding once (conditional put), publishes
 * alerted findings that were not yet published, then lets the profile learn
 * from the unit once. Metrics are added to `deps.metrics`; the handler flushes them.
 */
export class EnrichmentService {
  private readonly now: () => Date;

  constructor(private readonly deps: EnrichmentDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  public async enrich(unit: WorkUnit): Promise<UnitReport> {
    const { logger, metrics, settings } = this.deps;
    const name = unitName(unit);
    const input = await this.read(unit);
    const source = (r: SourcedRecord): RecordSource => sourceOf(unit, r, input.versionId);
    this.reportProblems(name, input.problems);
    metrics.addMetric(METRIC.EventsProcessed, MetricUnit.Count, input.records.length);

    let engine;
    try {
      engine = await this.deps.engine();
    } catch (error) {
      if (isModelIntegrityError(error)) {
        metrics.addMetric(METRIC.ModelIntegrityFailures, MetricUnit.Count, 1);
        logger.error('model package failed verification: refusing to score', { source: name, error });
      }
      throw error;
    }
    const outcome = await engine.score(
      input.records.map((r) => r.record),
      input.records.map((r) => r.logId),
    );
    const byLogId = new Map<string, SourcedRecord>();
    for (const r of input.records) if (!byLogId.has(r.logId)) byLogId.set(r.logId, r);

    const recordedAt = this.now();
    const items: AuditFindingItem[] = [];
    for (const finding of outcome.findings) {
      if (finding.risk_score < settings.minScore) continue;
      const record = byLogId.get(finding.log_id);
      if (!record) {
        metrics.addMetric(METRIC.ParseErrors, MetricUnit.Count, 1);
        logger.error('finding references no record of its input; not stored', {
          source: name,
          finding_id: finding.finding_id,
          log_id: finding.log_id,
        });
        continue;
      }
      items.push(
        toAuditItem(finding as Finding, source(record), {
          recordedAt,
          ttlDays: settings.ttlDays,
          modelPackage: engine.modelPackage,
          alertThreshold: settings.alertThreshold,
        }),
      );
    }
    const outcomes = await this.deps.audit.putFindings(items);
    const written = outcomes.filter((o) => o.status === 'written').length;
    const duplicates = outcomes.length - written;
    metrics.addMetric(METRIC.FindingsEmitted, MetricUnit.Count, written);
    if (duplicates > 0) {
      metrics.addMetric(METRIC.DuplicateFindings, MetricUnit.Count, duplicates);
      logger.info('findings already recorded (replay); not written again', { source: name, duplicates });
    }
    const { published, imported, failures } = await this.publish(outcomes, name);

    if (outcome.profileDelta !== undefined && engine.learn) {
      const claimed = this.deps.ledger ? await this.deps.ledger.claim(engine.modelPackage, name) : true;
      if (claimed) await engine.learn(outcome.profileDelta);
      else logger.info('source already learned by this model package; profile unchanged', { source: name });
    }
    const alerted = outcomes.filter((o) => o.item.alerted).length;
    logger.info('unit enriched', {
      source: name,
      events: input.records.length,
      parse_errors: input.problems.length,
      findings: outcomes.length,
      written,
      alerted,
      model_package: engine.modelPackage,
    });
    if (failures.length > 0) {
      throw new PublishIncompleteError(
        `${name}: ${failures.length} finding(s) not published (${failures
          .slice(0, 5)
          .map((f) => `${f.id}: ${f.code}`)
          .join(', ')}); the delivery will be retried`,
      );
    }
    return {
      source: name,
      events: input.records.length,
      parseErrors: input.problems.length,
      findings: outcomes.length,
      written,
      duplicates,
      alerted,
      published,
      securityHubImported: imported,
      findingIds: outcomes.map((o) => o.item.finding_id),
      modelPackage: engine.modelPackage,
    };
  }

  private async read(unit: WorkUnit): Promise<UnitRecords> {
    if (unit.kind === 's3') return readS3Records(this.deps.s3, unit, this.deps.retry);
    if (unit.kind === 'eventbridge') return recordsFromValues([unit.record]);
    return recordsFromValues(unit.records);
  }

  private reportProblems(name: string, problems: readonly RecordProblem[]): void {
    if (problems.length === 0) return;
    this.deps.metrics.addMetric(METRIC.ParseErrors, MetricUnit.Count, problems.length);
    for (const p of problems.slice(0, 50)) {
      this.deps.logger.warn('record rejected', { source: name, record_index: p.index, line: p.line, reason: p.reason });
    }
    if (problems.length > 50) {
      this.deps.logger.warn('more records rejected', { source: name, not_listed: problems.length - 50 });
    }
  }

  private async publish(
    outcomes: readonly PutFindingOutcome[],
    name: string,
  ): Promise<{ published: number; imported: number; failures: PublishResult['failed'] }> {
    const { audit, events, securityHub, metrics, logger } = this.deps;
    const alerted = outcomes.map((o) => o.item).filter((i) => i.alerted);
    const failures: PublishResult['failed'][number][] = [];
    const toEvents = alerted.filter((i) => !i.eventbridge_published_at);
    const ev = toEvents.length > 0 ? await events.publish(toEvents) : { published: [], failed: [] };
    failures.push(...ev.failed);
    const reached = new Map<string, PublicationChannel[]>();
    for (const id of ev.published) reached.set(id, ['eventbridge']);
    let imported = 0;
    if (securityHub) {
      const toHub = alerted.filter((i) => !i.securityhub_imported_at);
      const sh = toHub.length > 0 ? await securityHub.publish(toHub) : { published: [], failed: [] };
      for (const id of sh.published) reached.set(id, [...(reached.get(id) ?? []), 'securityhub']);
      failures.push(...sh.failed);
      imported = sh.published.length;
      metrics.addMetric(METRIC.SecurityHubImported, MetricUnit.Count, imported);
    }
    // One update per finding for every channel it reached (not one per channel).
    await mapWithConcurrency([...reached], 16, ([id, channels]) => audit.markPublished(id, channels, this.now()));
    metrics.addMetric(METRIC.FindingsPublished, MetricUnit.Count, ev.published.length);
    if (failures.length > 0) {
      metrics.addMetric(METRIC.PublishFailures, MetricUnit.Count, failures.length);
      for (const f of failures) logger.error('finding not published', { source: name, finding_id: f.id, code: f.code });
    }
    for (const item of alerted) {
      logger.info('alert', {
        finding_id: item.finding_id,
        log_id: item.log_id,
        entity_id: item.entity_id,
        risk_score: item.risk_score,
      });
    }
    return { published: ev.published.length, imported, failures };
  }
}

/** Where a record came from, as stored on its findings. */
export function sourceOf(unit: WorkUnit, record: SourcedRecord, versionId?: string): RecordSource {
  if (unit.kind === 's3') {
    return {
      kind: 's3',
      bucket: unit.bucket,
      key: unit.key,
      ...(versionId ? { version_id: versionId } : {}),
      record_index: record.index,
      record_sha256: record.sha256,
    };
  }
  if (unit.kind === 'eventbridge') {
    return { kind: 'eventbridge', event_id: unit.eventId, record_index: 0, record_sha256: record.sha256 };
  }
  return { kind: 'invocation', batch_id: unit.batchId, record_index: record.index, record_sha256: record.sha256 };
}
