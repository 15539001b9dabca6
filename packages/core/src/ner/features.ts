import { EntityType } from '../entities/entity-types';
import { CONTEXT_TYPES, ContextType } from '../entities/recognize';
import { recognizeAccountId } from '../entities/recognizers/aws-ids';
import { recognizeKmsKeyId } from '../entities/recognizers/kms';
import { recognizeBucketName, recognizeIamName } from '../entities/recognizers/names';

/** Tagger labels: `O` (not an entity) and the context-dependent types. */
export const TAG_LABELS: readonly ('O' | ContextType)[] = ['O', ...CONTEXT_TYPES];

/** Version of the feature set; stored in the model and checked on load. */
export const FEATURE_SET = 'aad-ner-features/1';

/** Human-readable list of the feature templates (written to the model metadata). */
export const FEATURE_TEMPLATES: readonly string[] = [
  'b: bias',
  's=SHAPE: character classes with repeats collapsed (Aa, 9, a.a-a)',
  'l=LEN: length bucket',
  'c=MASK: which context types the grammar allows (account, kms key, bucket, role, user)',
  'w=WORD: lowercased word (letters only, up to 15 characters)',
  'p3=/x3=: lowercased 3-character prefix and suffix (tokens without digits)',
  'flags: has dot, dash, underscore, @, initial capital, mixed case',
  'p1=/p2=/n1=/n2=: previous two and next two tokens (word, shape when it has digits, or <type> of a recognised entity)',
  'y1=LABEL: previous predicted label',
];

/** Grammar mask bits, in TAG_LABELS order minus `O`. */
const ACCOUNT = 1;
const KMS = 2;
const BUCKET = 4;
const ROLE = 8;
const USER = 16;
export const LABEL_MASK: readonly number[] = [0, ACCOUNT, KMS, BUCKET, ROLE, USER];

/** Which context labels a token's grammar allows (bit set). */
export function candidateMask(text: string): number {
  let mask = 0;
  const c = text.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39 && recognizeAccountId(text)) mask += ACCOUNT;
  if (text.length === 36 && recognizeKmsKeyId(text)) mask += KMS;
  if (recognizeBucketName(text)) mask += BUCKET;
  if (recognizeIamName(text, 'iam-role-name') && !/^\d+$/.test(text)) mask += ROLE + USER;
  return mask;
}

/** Character-class shape with runs collapsed: `alice.smith` → `a.a`, `AKIA…` → `A9A…`. */
export function shape(text: string): string {
  let out = '';
  let last = '';
  const n = Math.min(text.length, 40);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const k = c >= 0x61 && c <= 0x7a ? 'a' : c >= 0x41 && c <= 0x5a ? 'A' : c >= 0x30 && c <= 0x39 ? '9' : text[i];
    if (k !== last) out += k;
    last = k;
  }
  return out;
}

function lengthBucket(n: number): string {
  if (n <= 2) return String(n);
  if (n <= 4) return '3-4';
  if (n <= 8) return '5-8';
  if (n <= 12) return '9-12';
  if (n <= 20) return '13-20';
  if (n <= 40) return '21-40';
  return '41+';
}

/** Features of a token by itself (cached per distinct token text by the tagger). */
export function intrinsicFeatures(text: string, fixed: EntityType | undefined, mask: number): string[] {
  const f = ['b', `s=${shape(text)}`, `l=${lengthBucket(text.length)}`, `c=${mask}`];
  if (fixed) {
    f.push(`f=${fixed}`);
    return f;
  }
  const lower = text.toLowerCase();
  const hasDigit = /\d/.test(text);
  if (!hasDigit && text.length <= 15 && /^[a-z]+$/i.test(text)) f.push(`w=${lower}`);
  if (!hasDigit) {
    f.push(`p3=${lower.slice(0, 3)}`, `x3=${lower.slice(-3)}`);
  }
  if (text.includes('.')) f.push('dot');
  if (text.includes('-')) f.push('dash');
  if (text.includes('_')) f.push('under');
  if (text.includes('@')) f.push('at');
  const c = text.charCodeAt(0);
  if (c >= 0x41 && c <= 0x5a) f.push('cap');
  if (/[a-z]/.test(text) && /[A-Z]/.test(text)) f.push('mixed');
  return f;
}

/** How a token looks from its neighbours: `<type>`, a shape when it has digits, or the lowercased word. */
export function contextWord(text: string, fixed: EntityType | undefined): string {
  if (fixed) return `<${fixed}>`;
  if (/\d/.test(text) || text.length > 20) return `#${shape(text)}`;
  return text.toLowerCase();
}

/** The feature names of the four context roles of a token. */
export function roleFeatures(word: string): [string, string, string, string] {
  return [`p1=${word}`, `p2=${word}`, `n1=${word}`, `n2=${word}`];
}

/** Boundary words used beyond the ends of a line. */
export const BOS = '<s>';
export const EOS = '</s>';
