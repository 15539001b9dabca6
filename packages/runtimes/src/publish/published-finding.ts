import type { Finding } from '@aad/core';
import { AuditFindingItem } from '../audit/audit-item';

/** The `Finding` fields of an audit item (storage attributes removed). */
export function findingOf(item: AuditFindingItem): Finding {
  return {
    finding_id: item.finding_id,
    log_id: item.log_id,
    entity_id: item.entity_id,
    entity_type: item.entity_type,
    risk_score: item.risk_score,
    severity: item.severity,
    reasons: item.reasons,
    mitre: item.mitre,
    event_time: item.event_time,
    ...(item.recommended_action ? { recommended_action: item.recommended_action } : {}),
    ...(item.event ? { event: item.event } : {}),
  };
}

/** Outcome of publishing findings to one channel. */
export interface PublishResult {
  /** finding ids accepted by the service. */
  readonly published: readonly string[];
  /** finding ids the service refused after retries, with its error code and message. */
  readonly failed: readonly { readonly id: string; readonly code: string; readonly message?: string }[];
}

/** A channel findings are published to (`FindingEventPublisher`, `SecurityHubPublisher`, or a lazy one). */
export interface IFindingPublisher {
  publish(items: readonly AuditFindingItem[]): Promise<PublishResult>;
}
