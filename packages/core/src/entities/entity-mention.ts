import { EntityFlag, EntityType } from './entity-types';
import { EntityDetail } from './recognition';

/**
 * One entity found in one record: the published JSON Lines format of
 * `aad extract` (snake_case, stable). Structured records give `field` (JSON
 * path) and, when the entity is part of a string, `start`/`end` inside that
 * string; text lines give `start`/`end` in the line (`line.slice(start, end) === text`).
 */
export interface EntityMention {
  /** Normalized id (canonical ARN, compressed IPv6, lowercase ids, digits-only account). */
  readonly entity_id: string;
  readonly entity_type: EntityType;
  /** CloudTrail `eventID`, else the stable hash of source + line. */
  readonly log_id: string;
  readonly source: string;
  readonly line?: number;
  readonly index?: number;
  /** JSON path (structured) or column name (VPC flow). */
  readonly field?: string;
  readonly start?: number;
  readonly end?: number;
  /** The text as written. */
  readonly text: string;
  /** Odd forms (see EntityFlag). Empty for clean values. */
  readonly flags: readonly EntityFlag[];
  /** `field` (a field rule), `recognizer` (grammar) or `tagger` (the trained model decided the type). */
  readonly method: 'field' | 'recognizer' | 'tagger';
  readonly detail?: EntityDetail;
}
