import { EntityFlag, EntityType } from '../entity-types';
import { Recognition, recognition } from '../recognition';

/** Options of the id recognizers. */
export interface IdRecognizerOptions {
  /**
   * The value comes from a field that names its type (`instanceId`, `accessKeyId`, …):
   * accept odd lengths (flag `nonstandard-length`) and, for EC2 ids, other forms (flag `nonconforming`).
   * @default false
   */
  readonly lenient?: boolean;
}

/**
 * 12-digit AWS account id. `1234-5678-9012` (the console's form) is accepted
 * and normalized to digits. Lenient (a field named accountId): 6 to 14 digits
 * (anonymized or truncated test data) with flag `nonstandard-length`.
 */
export function recognizeAccountId(text: string, options: IdRecognizerOptions = {}): Recognition | undefined {
  if (text.length === 12 && /^\d{12}$/.test(text)) return recognition('aws-account-id', text);
  if (text.length === 14 && /^\d{4}-\d{4}-\d{4}$/.test(text)) {
    return recognition('aws-account-id', text.replace(/-/g, ''));
  }
  if (options.lenient && /^\d{6,14}$/.test(text)) return recognition('aws-account-id', text, ['nonstandard-length']);
  return undefined;
}

const KEY_PREFIXES: Record<string, 'long-term' | 'temporary' | 'other'> = {
  AKIA: 'long-term',
  ASIA: 'temporary',
  ABIA: 'other',
  ACCA: 'other',
};

/**
 * Access key id: `AKIA`/`ASIA`/`ABIA`/`ACCA` + 16 upper-case letters or
 * digits (20 characters). Lenient (field named accessKeyId): 16 to 128
 * characters, flag `nonstandard-length`. Secret access keys are never
 * recognised: they have no prefix, and extraction skips secret fields.
 */
export function recognizeAccessKeyId(text: string, options: IdRecognizerOptions = {}): Recognition | undefined {
  const kind = KEY_PREFIXES[text.slice(0, 4).toUpperCase()];
  if (kind === undefined) return undefined;
  const flags: EntityFlag[] = [];
  if (!/^[A-Za-z0-9]+$/.test(text)) return undefined;
  if (text.length !== 20) {
    if (!options.lenient || text.length < 16 || text.length > 128) return undefined;
    flags.push('nonstandard-length');
  }
  const upper = text.toUpperCase();
  if (upper !== text) {
    if (!options.lenient) return undefined;
    flags.push('uppercase');
  }
  return recognition('access-key-id', upper, flags, { key_kind: kind });
}

const EC2_PREFIXES: Record<string, EntityType> = {
  'vpc-': 'vpc-id',
  'subnet-': 'subnet-id',
  'sg-': 'security-group-id',
  'eni-': 'eni-id',
  'i-': 'instance-id',
  'vpce-': 'vpc-endpoint-id',
};

/** The EC2 id type a prefix names, if any. */
export function ec2IdType(text: string): EntityType | undefined {
  const dash = text.indexOf('-');
  if (dash < 1 || dash > 6) return undefined;
  return EC2_PREFIXES[text.slice(0, dash + 1).toLowerCase()];
}

/**
 * EC2 resource ids: `vpc-`, `subnet-`, `sg-`, `eni-`, `i-`, `vpce-` followed by
 * 8 or 17 hex digits. Upper case is normalized (flag `uppercase`). Lenient
 * (field that names the type): other hex lengths from 1 to 32 flag
 * `nonstandard-length`.
 */
export function recognizeEc2Id(text: string, options: IdRecognizerOptions = {}): Recognition | undefined {
  const type = ec2IdType(text);
  if (type === undefined) return undefined;
  const dash = text.indexOf('-');
  const hex = text.slice(dash + 1);
  const flags: EntityFlag[] = [];
  if (!/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  if (hex.length !== 8 && hex.length !== 17) {
    if (!options.lenient || hex.length > 32) return undefined;
    flags.push('nonstandard-length');
  }
  const lower = text.toLowerCase();
  if (lower !== text) flags.push('uppercase');
  return recognition(type, lower, flags);
}

/**
 * A value found in a field that names an id type but that matches no id
 * grammar (`"instanceId": "testinstanceid"`): kept with flag `nonconforming`
 * when it is a single printable token of 1 to 128 characters; `entity_id` is
 * the value as written.
 */
export function nonconformingId(type: EntityType, text: string): Recognition | undefined {
  if (text.length === 0 || text.length > 128 || /\s/.test(text)) return undefined;
  return recognition(type, text, ['nonconforming']);
}
