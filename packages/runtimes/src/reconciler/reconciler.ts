import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { IActionVerifier } from './action-verifier';
import { AuditFindingItem } from '../audit/audit-item';
import { AuditTable, ReconciliationRecord, ReconciliationStatus } from '../audit/audit-table';
import { AUDIT_RECORD } from '../audit/table-design';
import { METRIC } from '../observability/metric-names';

/** Counts of one reconciliation run. */
export interface ReconciliationSummary {
  readonly checked: number;
  readonly byStatus: Readonly<Record<ReconciliationStatus, number>>;
  /** Past their SLA and not implemented (nor acknowledged): the `ReconciliationMissingCount` metric. */
  readonly missing: number;
}

/** Collaborators of {@link Reconciler}. */
export interface ReconcilerDeps {
  readonly audit: AuditTable;
  readonly verifiers: readonly IActionVerifier[];
  readonly slaHours: number;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/**
 * The nightly reconciliation: for every open recommendation, an
 * acknowledgement in the table or the verifier of its action kind decides
 * whether it was implemented. One reconciliation record per recommendation
 * (its latest check) is written; implemented and acknowledged ones leave the
 * open index; those past the SLA and not implemented are counted as missing.
 */
export class Reconciler {
  private readonly verifiers: ReadonlyMap<string, IActionVerifier>;

  constructor(private readonly deps: ReconcilerDeps) {
    this.verifiers = new Map(deps.verifiers.map((v) => [v.kind, v]));
  }

  public async run(now: Date): Promise<ReconciliationSummary> {
    const { audit, logger, metrics } = this.deps;
    const open = await audit.openRecommendations();
    const records: ReconciliationRecord[] = [];
    const byStatus: Record<ReconciliationStatus, number> = {
      implemented: 0,
      acknowledged: 0,
      pending: 0,
      missing: 0,
      unverifiable: 0,
      error: 0,
    };
    for (const finding of open) {
      const record = await this.check(finding, now);
      byStatus[record.status]++;
      records.push(record);
      if (record.status === 'implemented' || record.status === 'acknowledged') {
        await audit.closeRecommendation(finding.finding_id, record.status);
      }
      if (record.status === 'missing' || record.status === 'error') {
        logger.warn('recommendation not implemented', {
          finding_id: finding.finding_id,
          action: record.action_kind,
          status: record.status,
          due_at: record.due_at,
          detail: record.detail,
        });
      }
    }
    await audit.writeReconciliations(records);
    metrics.addMetric(METRIC.ReconciliationMissingCount, MetricUnit.Count, byStatus.missing);
    metrics.addMetric(METRIC.ReconciliationImplementedCount, MetricUnit.Count, byStatus.implemented);
    metrics.addMetric(METRIC.ReconciliationErrors, MetricUnit.Count, byStatus.error);
    const summary = { checked: open.length, byStatus, missing: byStatus.missing };
    logger.info('reconciliation done', { ...summary });
    return summary;
  }

  private async check(finding: AuditFindingItem, now: Date): Promise<ReconciliationRecord> {
    const action = finding.recommended_action!;
    const due = new Date(Date.parse(finding.recorded_at) + this.deps.slaHours * 3_600_000);
    const overdue = now.getTime() > due.getTime();
    const base = {
      finding_id: finding.finding_id,
      record_type: AUDIT_RECORD.reconciliation,
      action_kind: action.kind,
      action_target: action.target,
      entity_id: finding.entity_id,
      checked_at: now.toISOString(),
      due_at: due.toISOString(),
      expires_at: finding.expires_at,
    } as const;
    const acks = await this.deps.audit.acknowledgements(finding.finding_id);
    if (acks.length > 0) {
      const ack = acks[acks.length - 1];
      return {
        ...base,
        status: 'acknowledged',
        detail: `acknowledged by ${ack.acknowledged_by} at ${ack.acknowledged_at}`,
      };
    }
    const verifier = this.verifiers.get(action.kind);
    if (!verifier) {
      return {
        ...base,
        status: overdue ? 'missing' : 'unverifiable',
        detail: `no verifier for action kind ${action.kind}; acknowledge it in the audit table once done`,
      };
    }
    try {
      const result = await verifier.verify(action.target, finding);
      if (result.implemented) return { ...base, status: 'implemented', detail: result.detail };
      return { ...base, status: overdue ? 'missing' : 'pending', detail: result.detail };
    } catch (error) {
      const detail = `verifier ${action.kind} failed: ${(error as Error).name}: ${(error as Error).message}`;
      return { ...base, status: overdue ? 'missing' : 'error', detail };
    }
  }
}
