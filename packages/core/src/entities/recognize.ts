import { EntityType } from './entity-types';
import { Recognition } from './recognition';
import { Token } from '../ner/tokenizer';
import { recognizeArn } from './recognizers/arn';
import {
  ec2IdType,
  recognizeAccessKeyId,
  recognizeAccountId,
  recognizeEc2Id,
  nonconformingId,
} from './recognizers/aws-ids';
import { recognizeIpv4, recognizeIpv6 } from './recognizers/ip';
import { recognizeKmsAlias, recognizeKmsKeyId } from './recognizers/kms';
import { recognizeBucketName, recognizeIamName } from './recognizers/names';

/**
 * Recognises a token whose type its own form decides (ARNs, IP addresses,
 * access key ids, EC2 ids, KMS aliases, the bucket of an S3 URL). Bare
 * 12-digit numbers, UUIDs and names are ambiguous and left to field rules
 * and the tagger.
 */
export function recognizeUnambiguous(token: Token | string): Recognition | undefined {
  const text = typeof token === 'string' ? token : token.text;
  if (typeof token !== 'string' && token.s3Url) return recognizeBucketName(text, { legacy: true });
  // Logs repeat the same ARNs and addresses: remember recent answers (recognitions are immutable).
  const cached = CACHE.get(text);
  if (cached !== undefined) return cached === null ? undefined : cached;
  const r = recognizeUncached(text);
  if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
  CACHE.set(text, r ?? null);
  return r;
}

const CACHE = new Map<string, Recognition | null>();
const CACHE_LIMIT = 50_000;

/** {@link recognizeUnambiguous} without its cache, for callers that keep their own (the tagger). */
export function recognizeUnambiguousUncached(text: string, s3Url = false): Recognition | undefined {
  return s3Url ? recognizeBucketName(text, { legacy: true }) : recognizeUncached(text);
}

function recognizeUncached(text: string): Recognition | undefined {
  const n = text.length;
  if (n < 3) return undefined;
  const c = text.charCodeAt(0);
  if (c === 0x61 || c === 0x41) {
    // a / A: arn:, alias/, AKIA…, or IPv6 starting with a hex letter
    if (n >= 8 && text.charCodeAt(3) === 0x3a) {
      const arn = recognizeArn(text);
      if (arn) return arn;
    }
    if (c === 0x61 && text.startsWith('alias/')) return recognizeKmsAlias(text);
    if (c === 0x41 && n === 20) {
      const key = recognizeAccessKeyId(text);
      if (key) return key;
    }
  }
  if (text.indexOf(':') >= 0) return isHex(c) || c === 0x3a ? recognizeIpv6(text) : undefined;
  if (c >= 0x30 && c <= 0x39) return n >= 7 ? recognizeIpv4(text) : undefined;
  if (text.indexOf('-') > 0 && ec2IdType(text)) return recognizeEc2Id(text);
  return undefined;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/** Types whose mentions need context (the tagger's labels). */
export const CONTEXT_TYPES = ['aws-account-id', 'kms-key-id', 's3-bucket', 'iam-role-name', 'iam-user-name'] as const;

/** One context-dependent type. */
export type ContextType = (typeof CONTEXT_TYPES)[number];

/** Recognition of `text` as the given type, by that type's grammar (lenient where a field names the type). */
export function recognizeAs(type: EntityType, text: string, lenient = false): Recognition | undefined {
  switch (type) {
    case 'aws-account-id':
      return recognizeAccountId(text, { lenient });
    case 'kms-key-id':
      return recognizeKmsKeyId(text);
    case 'kms-alias':
      return recognizeKmsAlias(text);
    case 's3-bucket':
      return recognizeBucketName(text, { legacy: lenient });
    case 'iam-role-name':
    case 'iam-user-name':
      return recognizeIamName(text, type);
    case 'access-key-id':
      return recognizeAccessKeyId(text, { lenient });
    case 'ipv4':
      return recognizeIpv4(text);
    case 'ipv6':
      return recognizeIpv6(text);
    case 'vpc-id':
    case 'subnet-id':
    case 'security-group-id':
    case 'eni-id':
    case 'instance-id':
    case 'vpc-endpoint-id': {
      const r = recognizeEc2Id(text, { lenient });
      if (r && r.type === type) return r;
      return lenient ? nonconformingId(type, text) : undefined;
    }
    default: {
      const arn = recognizeArn(text);
      return arn && arn.type === type ? arn : undefined;
    }
  }
}

/**
 * Normalized `entity_id` of a value of a known type (idempotent:
 * normalizing a normalized id returns it unchanged). Values the type's
 * grammar rejects are returned as written.
 */
export function normalizeEntityId(type: EntityType, text: string): string {
  return recognizeAs(type, text, true)?.entity_id ?? text;
}
