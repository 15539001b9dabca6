import type { CloudTrailRecord, Finding } from '@aad/core';

/** What scoring one unit produced. */
export interface ScoringOutcome {
  /** Every finding of the unit (the service keeps those at or above MIN_SCORE). */
  readonly findings: readonly Finding[];
  /**
   * What this unit teaches the baseline, ready to merge into the profile
   * shards (opaque to the service; {@link EnrichmentEngine.learn} stores it).
   */
  readonly profileDelta?: unknown;
}

/**
 * Parsing is done; this is the scoring half of the enrichment, bound to one
 * verified model package. The service asks its provider for the current
 * engine on every unit, so a refreshed package takes effect without a cold start.
 */
export interface EnrichmentEngine {
  /** File name of the model package the engine scores with (stored on every finding). */
  readonly modelPackage: string;
  /**
   * Scores the records of one unit, in input order. `logIds[i]` is the log id
   * the reader gave record `i` (its `eventID`, or a stable hash when it has
   * none); findings name records by it.
   */
  score(records: readonly CloudTrailRecord[], logIds?: readonly string[]): Promise<ScoringOutcome>;
  /**
   * Folds a unit's profile delta into the stored baseline (versioned
   * conditional writes). Called once per unit; never twice for the same source.
   */
  learn?(delta: unknown): Promise<void>;
}

/** Returns the engine of the current model package (cached; throws `ModelIntegrityError` on a bad package). */
export type EngineProvider = () => Promise<EnrichmentEngine>;
