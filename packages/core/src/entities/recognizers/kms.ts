import { Recognition, recognition } from '../recognition';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const MRK = /^mrk-[0-9a-fA-F]{32}$/;
const ALIAS = /^alias\/[A-Za-z0-9/_-]{1,250}$/;

/** True for a UUID in 8-4-4-4-12 form (any version). */
export function isUuid(text: string): boolean {
  return text.length === 36 && UUID.test(text);
}

/**
 * KMS key id: a UUID, or `mrk-` + 32 hex digits for multi-region keys (flag
 * `multi-region`). Lowercased. A bare UUID is only a key id in context: the
 * field-aware extractor and the tagger decide; this checks the grammar.
 */
export function recognizeKmsKeyId(text: string): Recognition | undefined {
  if (isUuid(text)) {
    return recognition('kms-key-id', text.toLowerCase(), text === text.toLowerCase() ? [] : ['uppercase']);
  }
  if (text.length === 36 && MRK.test(text)) return recognition('kms-key-id', text.toLowerCase(), ['multi-region']);
  return undefined;
}

/** KMS alias name `alias/…`; AWS managed aliases (`alias/aws/…`) are flagged `aws-managed`. */
export function recognizeKmsAlias(text: string): Recognition | undefined {
  if (!text.startsWith('alias/') || !ALIAS.test(text)) return undefined;
  return recognition('kms-alias', text, text.startsWith('alias/aws/') ? ['aws-managed'] : []);
}
