import { EntityFlag, EntityType } from './entity-types';

/** Extra facts a recognizer parsed out of a value. */
export interface EntityDetail {
  /** IP addresses: `public`, `private` or `reserved`. */
  readonly ip_class?: 'public' | 'private' | 'reserved';
  /** IP addresses: the precise range (`private`, `loopback`, `carrierGradeNat`, `uniqueLocal`, `unicast`, …). */
  readonly ip_range?: string;
  /** ARNs: partition, service, region, account and resource. */
  readonly partition?: string;
  readonly service?: string;
  readonly region?: string;
  readonly account_id?: string;
  readonly resource?: string;
  /** Access keys: `long-term` (AKIA), `temporary` (ASIA) or `other` (ABIA, ACCA). */
  readonly key_kind?: 'long-term' | 'temporary' | 'other';
}

/** What a recognizer says about one candidate value. */
export interface Recognition {
  readonly type: EntityType;
  /** Normalized id: canonical ARN, compressed IPv6, lowercase ids, digits-only account. */
  readonly entity_id: string;
  readonly flags: readonly EntityFlag[];
  readonly detail?: EntityDetail;
}

/** The flags of a clean value: one shared, frozen empty list. */
const NO_FLAGS: readonly EntityFlag[] = Object.freeze([]);

/** Builds a recognition, leaving out empty parts. */
export function recognition(
  type: EntityType,
  entityId: string,
  flags: readonly EntityFlag[] = NO_FLAGS,
  detail?: EntityDetail,
): Recognition {
  return detail ? { type, entity_id: entityId, flags, detail } : { type, entity_id: entityId, flags };
}
