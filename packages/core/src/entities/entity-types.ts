/** Every entity type the extractor emits. Names are the published `entity_type` values. */
export const ENTITY_TYPES = [
  'iam-role-arn',
  'iam-user-arn',
  'assumed-role-arn',
  'kms-key-arn',
  'kms-alias-arn',
  'arn',
  'aws-account-id',
  'access-key-id',
  'ipv4',
  'ipv6',
  'vpc-id',
  'subnet-id',
  'security-group-id',
  'eni-id',
  'instance-id',
  'vpc-endpoint-id',
  'kms-key-id',
  'kms-alias',
  's3-bucket',
  'iam-role-name',
  'iam-user-name',
] as const;

/** One entity type. */
export type EntityType = (typeof ENTITY_TYPES)[number];

/** True for a known entity type name. */
export function isEntityType(value: string): value is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(value);
}

/**
 * Odd forms the recognizers accept but mark, so consumers can decide:
 * - `leading-zeros`: IPv4 octet written with leading zeros (anonymizers do this); read as decimal.
 * - `wildcard`: ARN or name containing `*` or `?` (policies, not a concrete resource).
 * - `path`: IAM ARN with a path (`role/service-role/Name`).
 * - `truncated`: value cut short (ends with `...` or `…`, or an id shorter than its grammar).
 * - `nonstandard-length`: id whose length is off its usual grammar but was found in a field that names its type.
 * - `nonconforming`: value found in a field that names its type but does not match the type's grammar.
 * - `uppercase`: value normalized to lowercase (ids AWS treats case-insensitively).
 * - `zone-index`: IPv6 with a `%zone` suffix (dropped from `entity_id`).
 * - `ipv4-mapped`: IPv6 address that maps an IPv4 one (`::ffff:a.b.c.d`).
 * - `cidr`: address written with a prefix length (`10.0.0.0/16`); `entity_id` is the address.
 * - `legacy-name`: S3 bucket name valid only under the legacy us-east-1 rules (upper case, `_`).
 * - `multi-region`: KMS multi-region key (`mrk-…`).
 * - `aws-managed`: AWS managed resource (`alias/aws/…`, `arn:aws:iam::aws:policy/…`).
 */
export type EntityFlag =
  | 'leading-zeros'
  | 'wildcard'
  | 'path'
  | 'truncated'
  | 'nonstandard-length'
  | 'nonconforming'
  | 'uppercase'
  | 'zone-index'
  | 'ipv4-mapped'
  | 'cidr'
  | 'legacy-name'
  | 'multi-region'
  | 'aws-managed';
