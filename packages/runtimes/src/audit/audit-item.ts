import type { Finding } from '@aad/core';
import { RecordSource } from './provenance';
import { AUDIT_RECORD, RECOMMENDATION_OPEN } from './table-design';

/** A finding as stored in the audit table. */
export interface AuditFindingItem extends Finding {
  readonly record_type: typeof AUDIT_RECORD.finding;
  /** Where the raw record is and its sha256 (audit-path assurance). */
  readonly source: RecordSource;
  /** UTC day of the event (`by-day` index key). */
  readonly event_day: string;
  /** `<event_time>#<finding_id>` (sort key of the `by-entity` and `by-day` indexes). */
  readonly event_time_id: string;
  /** When the finding was first written. */
  readonly recorded_at: string;
  /** TTL: epoch seconds. */
  readonly expires_at: number;
  /** Model package file the finding was scored with. */
  readonly model_package: string;
  /** Risk score at or above ALERT_THRESHOLD: published to EventBridge and Security Hub. */
  readonly alerted: boolean;
  /** `OPEN` while the recommended action waits (sparse `open-recommendations` key). */
  readonly recommendation_open?: typeof RECOMMENDATION_OPEN;
  /** Last reconciliation status, once the reconciler has seen it. */
  readonly recommendation_status?: string;
  readonly eventbridge_published_at?: string;
  readonly securityhub_imported_at?: string;
}

/** Options of {@link toAuditItem}. */
export interface AuditItemOptions {
  readonly recordedAt: Date;
  readonly ttlDays: number;
  readonly modelPackage: string;
  readonly alertThreshold: number;
}

/** The audit item of a finding: its fields, its source, index keys and TTL. */
export function toAuditItem(finding: Finding, source: RecordSource, options: AuditItemOptions): AuditFindingItem {
  const recordedAt = options.recordedAt.toISOString();
  const eventMs = Date.parse(finding.event_time);
  const eventDay = Number.isNaN(eventMs) ? recordedAt.slice(0, 10) : new Date(eventMs).toISOString().slice(0, 10);
  return {
    ...finding,
    record_type: AUDIT_RECORD.finding,
    source,
    event_day: eventDay,
    event_time_id: `${finding.event_time}#${finding.finding_id}`,
    recorded_at: recordedAt,
    expires_at: Math.floor(options.recordedAt.getTime() / 1000) + options.ttlDays * 86_400,
    model_package: options.modelPackage,
    alerted: finding.risk_score >= options.alertThreshold,
    ...(finding.recommended_action ? { recommendation_open: RECOMMENDATION_OPEN } : {}),
  };
}
