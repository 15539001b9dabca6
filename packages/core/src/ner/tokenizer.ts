/** A token of a text line with its offsets (`text.slice(start, end) === token.text`). */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Set when the token is the bucket of an `s3://` or virtual-hosted S3 URL. */
  readonly s3Url?: boolean;
}

/** Characters that always end a token. */
function isDelimiter(c: number): boolean {
  // whitespace, " ' ` ( ) [ ] { } < > , ; = |
  return (
    c <= 0x20 ||
    c === 0x22 ||
    c === 0x27 ||
    c === 0x60 ||
    c === 0x28 ||
    c === 0x29 ||
    c === 0x5b ||
    c === 0x5d ||
    c === 0x7b ||
    c === 0x7d ||
    c === 0x3c ||
    c === 0x3e ||
    c === 0x2c ||
    c === 0x3b ||
    c === 0x3d ||
    c === 0x7c ||
    c === 0x85 ||
    c === 0xa0
  );
}

/** Trailing characters dropped from a token (sentence punctuation). */
function isTrailingPunctuation(c: number): boolean {
  return c === 0x2e || c === 0x3a || c === 0x21 || c === 0x3f; // . : ! ?
}

const S3_URL = /^s3:\/\/([^/]+)/i;
const HOSTED_S3 = /^https?:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com(\.cn)?(\/|$)/i;
const IPV4_PORT = /^(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}):(\d{1,5})$/;

/**
 * Splits a line into tokens on whitespace, quotes, brackets, `,;=|<>`; drops
 * trailing sentence punctuation (but keeps an ARN's `...` truncation mark);
 * pulls the bucket out of `s3://bucket/…` and virtual-hosted S3 URLs and
 * splits `a.b.c.d:port`. Never throws; offsets always slice back exactly.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isDelimiter(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isDelimiter(text.charCodeAt(i))) i++;
    let end = i;
    const keepEllipsis =
      end - start > 7 && text.startsWith('...', end - 3) && /^arn:/i.test(text.slice(start, start + 4));
    if (!keepEllipsis) while (end > start && isTrailingPunctuation(text.charCodeAt(end - 1))) end--;
    if (end === start) continue;
    pushToken(text, start, end, out);
  }
  return out;
}

function pushToken(text: string, start: number, end: number, out: Token[]): void {
  const token = text.slice(start, end);
  const c0 = token.charCodeAt(0);
  if (c0 === 0x73 || c0 === 0x53 || c0 === 0x68 || c0 === 0x48) {
    // s3:// or http(s):// URL: the bucket is the entity.
    const s3 = S3_URL.exec(token) ?? HOSTED_S3.exec(token);
    if (s3) {
      const bucketStart = start + token.indexOf(s3[1], token.indexOf('//') + 2);
      out.push({ text: s3[1], start: bucketStart, end: bucketStart + s3[1].length, s3Url: true });
      return;
    }
  }
  if (c0 >= 0x30 && c0 <= 0x39 && token.indexOf(':') > 0) {
    const m = IPV4_PORT.exec(token);
    if (m) {
      out.push({ text: m[1], start, end: start + m[1].length });
      out.push({ text: m[2], start: start + m[1].length + 1, end });
      return;
    }
  }
  out.push({ text: token, start, end });
}
