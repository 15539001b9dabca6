/**
 * A finding: one suspicious event (or sequence) about one entity, with an
 * explainable risk score. This is also the compliance output schema
 * (`entity_id`, `entity_type`, `risk_score`, `log_id`). Field names are
 * snake_case because they are the published JSON Lines format.
 */
export interface Finding {
  /** Stable: the same input always gives the same id (hash of log_id + rule/signal ids). */
  readonly finding_id: string;
  /** CloudTrail `eventID` (or the stable line hash for non-CloudTrail input). */
  readonly log_id: string;
  /** Normalized id of the entity the finding is about (usually the principal ARN). */
  readonly entity_id: string;
  readonly entity_type: string;
  /** 0-100, monotone in every signal. */
  readonly risk_score: number;
  readonly severity: FindingSeverity;
  /** One entry per contributing signal, with observed and baseline values. */
  readonly reasons: readonly FindingReason[];
  /** MITRE ATT&CK tactics/techniques of the contributing detections. */
  readonly mitre: readonly MitreReference[];
  /** ISO-8601 time of the event. */
  readonly event_time: string;
  /** What an operator should do, when one applies (e.g. deactivate access key X). */
  readonly recommended_action?: RecommendedAction;
  /** Event context useful downstream (event name, source, region, source IP, account). */
  readonly event?: FindingEventContext;
  /** Ids of the detection-catalogue rules that contributed (added in schema 1.1; optional). */
  readonly rule_ids?: readonly string[];
  /** Access key id the call was signed with, when the event has one (added in schema 1.1; optional). */
  readonly access_key_id?: string;
}

export type FindingSeverity = 'informational' | 'low' | 'medium' | 'high' | 'critical';

export interface FindingReason {
  /** Signal that contributed: `catalogue`, `rarity`, `volume`, `sequence`, `guardduty`, `network`. */
  readonly signal: string;
  /** Rule or feature id, e.g. `defense-evasion/stop-logging` or `rarity/source-ip`. */
  readonly id: string;
  /** Points this reason added to the score (the contributions of a finding sum to its `risk_score`). */
  readonly contribution: number;
  /** Human-readable explanation with observed and baseline values. */
  readonly message: string;
  readonly observed?: string | number;
  readonly baseline?: string | number;
}

export interface MitreReference {
  readonly tactic: string;
  readonly technique?: string;
}

export interface RecommendedAction {
  /** Action kind, e.g. `deactivate-access-key`, `block-public-bucket`, `restore-logging`. */
  readonly kind: string;
  /** What it applies to (access key id, bucket name, trail ARN, …). */
  readonly target: string;
  readonly description: string;
}

export interface FindingEventContext {
  readonly event_name?: string;
  readonly event_source?: string;
  readonly aws_region?: string;
  readonly source_ip?: string;
  readonly account_id?: string;
  readonly error_code?: string;
}
