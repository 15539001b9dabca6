/** CloudWatch metric names the handlers emit (EMF through Powertools Metrics, ADR 0004). */
export const METRIC = {
  /** CloudTrail records parsed and scored. */
  EventsProcessed: 'EventsProcessed',
  /** Findings at or above MIN_SCORE written to the audit table for the first time. */
  FindingsEmitted: 'FindingsEmitted',
  /** FindingsEmitted / EventsProcessed of one invocation (0-1); the retrain alarm watches it. */
  AnomalyRate: 'AnomalyRate',
  /** Records or objects that could not be parsed (each also logged with file, record index and reason). */
  ParseErrors: 'ParseErrors',
  /** Findings already in the audit table (replays): not written again. */
  DuplicateFindings: 'DuplicateFindings',
  /** Findings published to EventBridge. */
  FindingsPublished: 'FindingsPublished',
  /** Findings imported into Security Hub. */
  SecurityHubImported: 'SecurityHubImported',
  /** Findings whose publication failed after retries (retried on the next delivery). */
  PublishFailures: 'PublishFailures',
  /** Messages moved to the dead-letter queue with a reason. */
  DeadLettered: 'DeadLettered',
  /** Objects skipped on purpose (digest files, test events, non-CloudTrail keys). */
  ObjectsSkipped: 'ObjectsSkipped',
  /** Model package failed verification: the handler refused to score. Alarm on any. */
  ModelIntegrityFailures: 'ModelIntegrityFailures',
  /** Profile shard writes that lost an optimistic-concurrency race and were retried. */
  ProfileWriteConflicts: 'ProfileWriteConflicts',
  /** Principals and resources dropped from a full profile shard (least recently seen first): raise PROFILE_SHARD_COUNT. */
  ProfileEntriesEvicted: 'ProfileEntriesEvicted',
  /** Recommendations past their SLA and not implemented. */
  ReconciliationMissingCount: 'ReconciliationMissingCount',
  ReconciliationImplementedCount: 'ReconciliationImplementedCount',
  ReconciliationErrors: 'ReconciliationErrors',
  /** Retrain executions started (0 on a duplicate alarm delivery). */
  RetrainStarted: 'RetrainStarted',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];
