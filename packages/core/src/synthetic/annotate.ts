import { GoldMention } from './gold';
import { extractFromCloudTrail } from '../entities/extract';
import { CloudTrailRecord } from '../logs/cloudtrail-record';

/**
 * Gold mentions of an event the generator did not write itself (attack
 * events from `injectAttacks`): the CloudTrail schema rules and validating
 * recognizers, without the tagger. Records labelled this way carry
 * `gold_source: 'schema'` and are kept out of the extractor's F1 gate (it
 * would be scoring itself); they let scoring work and tools find every
 * entity of an attack event.
 */
export function annotateCloudTrailEvent(event: CloudTrailRecord): GoldMention[] {
  return extractFromCloudTrail(event, { log_id: String(event.eventID ?? ''), source: 'attacks' }).map((m) => ({
    ...(m.field !== undefined ? { field: m.field } : {}),
    ...(m.start !== undefined ? { start: m.start, end: m.end } : {}),
    entity_type: m.entity_type,
    entity_id: m.entity_id,
  }));
}
