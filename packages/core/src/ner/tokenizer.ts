/** A token of a text line with its offsets (`text.slice(start, end) === token.text`). */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Set when the token is the bucket of an `s3://` or virtual-hosted S3 URL. */
  readonly s3Url?: boolean;
}

/** Characters that always end a token: whitespace and controls, " ' ` ( ) [ ] { } < > , ; = |, NEL, NBSP. */
const DELIMITERS = (() => {
  const table = new Uint8Array(256);
  for (let c = 0; c <= 0x20; c++) table[c] = 1;
  for (const c of '"\'`()[]{}<>,;=|') table[c.charCodeAt(0)] = 1;
  table[0x85] = 1;
  table[0xa0] = 1;
  return table;
})();

function isDelimiter(c: number): boolean {
  return c < 256 && DELIMITERS[c] === 1;
}

/** Trailing characters dropped from a token (sentence punctuation). */
function isTrailingPunctuation(c: number): boolean {
  return c === 0x2e || c === 0x3a || c === 0x21 || c === 0x3f; // . : ! ?
}

const S3_URL = /^s3:\/\/([^/]+)/i;
const HOSTED_S3 = /^https?:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com(\.cn)?(\/|$)/i;
const IPV4_PORT = /^(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}):(\d{1,5})$/;

/**
 * Token offsets of one line in reusable typed arrays (no object or string
 * per token): what the tagger and the extractor work on. Overwritten by the
 * next {@link tokenizeInto} into the same instance.
 */
export class TokenSpans {
  /** Number of tokens. */
  count = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);
  /** 1 when the token is the bucket of an S3 URL. */
  s3Url = new Uint8Array(64);

  /** Appends a token. */
  push(start: number, end: number, s3Url: boolean): void {
    if (this.count === this.start.length) this.grow();
    this.start[this.count] = start;
    this.end[this.count] = end;
    this.s3Url[this.count] = s3Url ? 1 : 0;
    this.count++;
  }

  private grow(): void {
    const size = this.start.length * 2;
    const start = new Int32Array(size);
    start.set(this.start);
    const end = new Int32Array(size);
    end.set(this.end);
    const s3Url = new Uint8Array(size);
    s3Url.set(this.s3Url);
    this.start = start;
    this.end = end;
    this.s3Url = s3Url;
  }
}

/**
 * Splits a line into tokens on whitespace, quotes, brackets, `,;=|<>`; drops
 * trailing sentence punctuation (but keeps an ARN's `...` truncation mark);
 * pulls the bucket out of `s3://bucket/…` and virtual-hosted S3 URLs and
 * splits `a.b.c.d:port`. Never throws; offsets always slice back exactly.
 */
export function tokenize(text: string): Token[] {
  const spans = tokenizeInto(text, SPANS);
  const out: Token[] = new Array(spans.count);
  for (let k = 0; k < spans.count; k++) {
    const start = spans.start[k];
    const end = spans.end[k];
    out[k] =
      spans.s3Url[k] === 1
        ? { text: text.slice(start, end), start, end, s3Url: true }
        : { text: text.slice(start, end), start, end };
  }
  return out;
}

const SPANS = new TokenSpans();

/** {@link tokenize} into `spans` (cleared first): offsets only. Returns `spans`. */
export function tokenizeInto(text: string, spans: TokenSpans): TokenSpans {
  spans.count = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isDelimiter(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isDelimiter(text.charCodeAt(i))) i++;
    let end = i;
    const keepEllipsis = end - start > 7 && text.startsWith('...', end - 3) && startsWithArn(text, start);
    if (!keepEllipsis) while (end > start && isTrailingPunctuation(text.charCodeAt(end - 1))) end--;
    if (end === start) continue;
    pushToken(text, start, end, spans);
  }
  return spans;
}

/** `arn:` (any case) at `start`. */
function startsWithArn(text: string, start: number): boolean {
  /* eslint-disable no-bitwise -- ASCII lower case */
  return (
    (text.charCodeAt(start) | 0x20) === 0x61 &&
    (text.charCodeAt(start + 1) | 0x20) === 0x72 &&
    (text.charCodeAt(start + 2) | 0x20) === 0x6e &&
    text.charCodeAt(start + 3) === 0x3a
  );
  /* eslint-enable no-bitwise */
}

function pushToken(text: string, start: number, end: number, out: TokenSpans): void {
  const c0 = text.charCodeAt(start);
  if (c0 === 0x73 || c0 === 0x53 || c0 === 0x68 || c0 === 0x48) {
    // s3:// or http(s):// URL: the bucket is the entity.
    const c1 = text.charCodeAt(start + 1);
    if (c1 === 0x33 || c1 === 0x74 || c1 === 0x54) {
      const token = text.slice(start, end);
      const s3 = S3_URL.exec(token) ?? HOSTED_S3.exec(token);
      if (s3) {
        const bucketStart = start + token.indexOf(s3[1], token.indexOf('//') + 2);
        out.push(bucketStart, bucketStart + s3[1].length, true);
        return;
      }
    }
  }
  if (c0 >= 0x30 && c0 <= 0x39) {
    const colon = text.indexOf(':', start);
    if (colon > start && colon < end) {
      const m = IPV4_PORT.exec(text.slice(start, end));
      if (m) {
        out.push(start, start + m[1].length, false);
        out.push(start + m[1].length + 1, end, false);
        return;
      }
    }
  }
  out.push(start, end, false);
}
