import { Recognition, recognition } from '../recognition';

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const LEGACY_BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]$/;
const IP_LIKE = /^\d+\.\d+\.\d+\.\d+$/;

/**
 * S3 bucket name (general purpose rules): 3 to 63 characters of lower-case
 * letters, digits, `.` and `-`, starting and ending with a letter or digit; no
 * `..`, `.-` or `-.`; not formatted as an IP address; not starting with
 * `xn--`, `sthree-` or `amzn-s3-demo-` and not ending with `-s3alias`,
 * `--ol-s3` or `--x-s3`. With `legacy`, names valid only under the old
 * us-east-1 rules (upper case, `_`, up to 255) are accepted with flag `legacy-name`.
 */
export function recognizeBucketName(
  text: string,
  options: { readonly legacy?: boolean } = {},
): Recognition | undefined {
  if (BUCKET.test(text) && isAllowedBucket(text)) return recognition('s3-bucket', text);
  if (options.legacy && LEGACY_BUCKET.test(text) && !IP_LIKE.test(text)) {
    return recognition('s3-bucket', text, ['legacy-name']);
  }
  return undefined;
}

function isAllowedBucket(text: string): boolean {
  if (text.includes('..') || text.includes('.-') || text.includes('-.')) return false;
  if (IP_LIKE.test(text)) return false;
  if (text.startsWith('xn--') || text.startsWith('sthree-')) return false;
  if (text.endsWith('-s3alias') || text.endsWith('--ol-s3') || text.endsWith('--x-s3')) return false;
  return true;
}

const IAM_NAME = /^[\w+=,.@-]{1,64}$/;

/** IAM user or role name: 1 to 64 of letters, digits and `_+=,.@-`. */
export function recognizeIamName(text: string, type: 'iam-role-name' | 'iam-user-name'): Recognition | undefined {
  return IAM_NAME.test(text) ? recognition(type, text) : undefined;
}
