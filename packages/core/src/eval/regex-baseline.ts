import { EntityType } from '../entities/entity-types';

/**
 * The plain-regex baseline the evaluation compares against: one loose
 * pattern per type, no validation, no context, no field knowledge. Shows what
 * the recognizers, field rules and the tagger add.
 */
const PATTERNS: readonly [EntityType, RegExp][] = [
  ['arn', /\barn:aws[a-z-]*:[^\s"',;)]+/g],
  ['ipv4', /\b(?:\d{1,3}\.){3}\d{1,3}\b/g],
  ['ipv6', /\b(?:[0-9a-f]{1,4}:){2,7}:?[0-9a-f]{0,4}\b/gi],
  ['access-key-id', /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g],
  ['aws-account-id', /\b\d{12}\b/g],
  ['kms-key-id', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g],
  ['kms-alias', /\balias\/[\w/-]+/g],
  ['vpc-id', /\bvpc-[0-9a-f]{8,17}\b/g],
  ['subnet-id', /\bsubnet-[0-9a-f]{8,17}\b/g],
  ['security-group-id', /\bsg-[0-9a-f]{8,17}\b/g],
  ['eni-id', /\beni-[0-9a-f]{8,17}\b/g],
  ['instance-id', /\bi-[0-9a-f]{8,17}\b/g],
  ['vpc-endpoint-id', /\bvpce-[0-9a-f]{8,17}\b/g],
  ['s3-bucket', /(?<=s3:\/\/)[a-z0-9.-]+/g],
];

/** A baseline match: type, text and offsets. */
export interface BaselineMatch {
  readonly type: EntityType;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Every regex match in `text`; ARNs are typed by a second regex on their resource. */
export function regexBaseline(text: string): BaselineMatch[] {
  const out: BaselineMatch[] = [];
  const taken: [number, number][] = [];
  for (const [type, pattern] of PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      out.push({ type: type === 'arn' ? arnType(m[0]) : type, text: m[0], start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function arnType(arn: string): EntityType {
  if (/^arn:[^:]+:iam::\d*:role\//.test(arn)) return 'iam-role-arn';
  if (/^arn:[^:]+:iam::\d*:user\//.test(arn)) return 'iam-user-arn';
  if (/^arn:[^:]+:sts::\d*:assumed-role\//.test(arn)) return 'assumed-role-arn';
  if (/^arn:[^:]+:kms:[^:]*:\d*:key\//.test(arn)) return 'kms-key-arn';
  if (/^arn:[^:]+:kms:[^:]*:\d*:alias\//.test(arn)) return 'kms-alias-arn';
  return 'arn';
}
