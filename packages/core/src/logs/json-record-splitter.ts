/**
 * Streaming splitter for CloudTrail log files (`{"Records":[{…},{…}]}`) and
 * top-level JSON arrays. It never holds more than the chunk being read plus
 * the record it ends in. A byte scanner tracks nesting and strings, slices
 * each element of the target array and hands its text to `JSON.parse`.
 * Strings are skipped with `Buffer.indexOf`.
 *
 * With a {@link SplitSink} ({@link JsonRecordSplitter.pushTo}) it also takes a
 * fast path: from a point between two elements it parses the run of elements
 * up to the last `},{` of the chunk with one `JSON.parse` call, without
 * scanning those bytes at all. That is exact, not a guess: JSON tokenizes a
 * prefix the same whatever follows, so when `[` + run + `]` parses, the run
 * ends between two elements of the array. When it does not parse (the `},{`
 * was inside a string or a nested array, or a record is malformed) the chunk
 * is scanned byte by byte as before, and fast attempts back off.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/** One element of the target array: its JSON text, or why it cannot be one. */
export type SplitElement =
  { readonly index: number; readonly text: string } | { readonly index: number; readonly error: string };

/** Which array to split. */
export type SplitTarget = 'records' | 'array';

/** Receives the elements of {@link JsonRecordSplitter.pushTo}, in order. */
export interface SplitSink {
  /** An element's JSON text, to parse (the splitter found it by scanning). */
  text(index: number, text: string): void;
  /** Already parsed elements, `values[k]` being element `firstIndex + k` (fast path). */
  values(firstIndex: number, values: readonly unknown[]): void;
  /** An element that cannot be a record. */
  error(index: number, reason: string): void;
}

/** Shortest run of bytes worth a fast-path attempt. */
const MIN_FAST_BYTES = 8 * 1024;
/** Longest backoff, in chunks, after a failed fast-path attempt. */
const MAX_FAST_BACKOFF = 64;
/** Candidate `},{` boundaries looked at per attempt (from the end of the chunk). */
const MAX_FAST_CANDIDATES = 32;

/**
 * Incremental splitter: `push` chunks, collect elements; `end` reports a
 * truncated last element.
 */
export class JsonRecordSplitter {
  private pending: Buffer = Buffer.alloc(0);
  /** Offset in `pending` where the scan resumes. */
  private pos = 0;
  private depth = 0;
  private inString = false;
  /** Depth of the target array's elements, once found (-1 before). */
  private elementDepth = -1;
  private elementStart = -1;
  private scalarElement = false;
  private index = 0;
  private done = false;
  /** Key capture at depth 1 (to recognise `"Records"`). */
  private keyStart = -1;
  private lastKey = '';
  private sawTopLevel = false;
  private found = false;
  /** Where {@link scan} sends elements: an array (push) or a sink (pushTo). */
  private out: SplitElement[] | undefined;
  private sink: SplitSink | undefined;
  /** Chunks to skip before the next fast attempt, and the next backoff. */
  private fastSkip = 0;
  private fastBackoff = 1;
  /** False once a fast attempt was made on the current buffer. */
  private fastArmed = false;
  /** First bytes of the first element (up to its first key): how elements of this array start. */
  private signature: Buffer | undefined;

  constructor(private readonly target: SplitTarget) {}

  /** Number of elements seen so far. */
  get count(): number {
    return this.index;
  }

  /** True once a target array was found in the input. */
  get foundArray(): boolean {
    return this.found;
  }

  /** Scans a chunk, returning the elements completed by it (as text). */
  push(chunk: Buffer): SplitElement[] {
    const out: SplitElement[] = [];
    this.out = out;
    this.sink = undefined;
    this.feed(chunk);
    this.out = undefined;
    return out;
  }

  /**
   * Scans a chunk, sending the elements completed by it to `sink`, parsing
   * runs of whole elements at once where it can (see the file comment).
   */
  pushTo(chunk: Buffer, sink: SplitSink): void {
    this.out = undefined;
    this.sink = sink;
    if (this.fastSkip > 0) this.fastSkip--;
    this.fastArmed = this.fastSkip === 0;
    this.feed(chunk);
    this.sink = undefined;
  }

  /** {@link end} for a sink. */
  endTo(sink: SplitSink): void {
    for (const element of this.end()) {
      if ('error' in element) sink.error(element.index, element.error);
      else sink.text(element.index, element.text);
    }
  }

  private feed(chunk: Buffer): void {
    if (this.done) return;
    let buf: Buffer;
    if (this.pending.length === 0) {
      buf = chunk;
    } else {
      // Keep only what is still needed: the current element (or nothing).
      const keepFrom = this.elementStart >= 0 ? this.elementStart : this.keyStart >= 0 ? this.keyStart : this.pos;
      const rest = this.pending.subarray(keepFrom);
      this.pos -= keepFrom;
      if (this.elementStart >= 0) this.elementStart -= keepFrom;
      if (this.keyStart >= 0) this.keyStart -= keepFrom;
      buf = rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
    }
    this.pending = buf;
    this.scan(buf);
  }

  private emitText(index: number, text: string): void {
    if (this.sink) this.sink.text(index, text);
    else this.out?.push({ index, text });
  }

  private emitError(index: number, error: string): void {
    if (this.sink) this.sink.error(index, error);
    else this.out?.push({ index, error });
  }

  /** Call at end of input: reports an element cut off by the end of the input. */
  end(): SplitElement[] {
    if (this.done || this.elementStart < 0) return [];
    this.done = true;
    if (this.scalarElement) {
      return [{ index: this.index++, error: this.scalarError(this.pending, this.elementStart, this.pending.length) }];
    }
    return [{ index: this.index++, error: 'truncated: the input ends inside this record' }];
  }

  /** Why the scalar element at `start..end` is not a record; ends the element. */
  private scalarError(buf: Buffer, start: number, end: number): string {
    const text = buf.toString('utf8', start, end).trim();
    this.elementStart = -1;
    this.scalarElement = false;
    return `not an object: a record must be a JSON object, found ${describe(text)}`;
  }

  private emitScalar(buf: Buffer, start: number, end: number): void {
    const error = this.scalarError(buf, start, end);
    this.emitError(this.index++, error);
  }

  /**
   * Fast path from `i`, a point between two elements: parses the elements up
   * to the last `},{` of `buf` at once. Returns where scanning resumes, or
   * `i` when it did not apply (nothing emitted).
   */
  private fast(buf: Buffer, i: number): number {
    const sink = this.sink;
    if (!sink || !this.fastArmed) return i;
    const n = buf.length;
    let p = skipSpace(buf, i);
    if (p < n && buf[p] === COMMA) p = skipSpace(buf, p + 1);
    if (p >= n || buf[p] !== OPEN_BRACE || n - p < MIN_FAST_BYTES) return i;
    this.fastArmed = false;
    this.signature ??= Buffer.from(buf.subarray(p, signatureEnd(buf, p)));
    const end = lastElementBoundary(buf, p + MIN_FAST_BYTES, this.signature);
    if (end < 0) return i;
    let values: unknown;
    try {
      values = JSON.parse(`[${buf.toString('utf8', p, end + 1)}]`);
    } catch {
      // The candidate was not between two elements, or an element is malformed: scan this chunk.
      this.fastSkip = this.fastBackoff;
      this.fastBackoff = Math.min(this.fastBackoff * 2, MAX_FAST_BACKOFF);
      return i;
    }
    this.fastBackoff = 1;
    const list = values as unknown[];
    const first = this.index;
    this.index += list.length;
    sink.values(first, list);
    return end + 1;
  }

  private scan(buf: Buffer): void {
    let i = this.pos;
    if (
      this.sink &&
      this.elementDepth > 0 &&
      this.depth === this.elementDepth &&
      this.elementStart < 0 &&
      !this.inString
    ) {
      i = this.fast(buf, i);
    }
    const n = buf.length;
    let depth = this.depth;
    let inString = this.inString;
    let nextBackslash = -2;
    while (i < n) {
      if (inString) {
        // Jump to the next quote; a backslash before it escapes one character.
        const q = buf.indexOf(QUOTE, i);
        if (q < 0) {
          // No closing quote in this chunk. A trailing odd run of backslashes escapes the
          // next chunk's first byte: resume at the last backslash.
          let run = 0;
          while (n - 1 - run >= i && buf[n - 1 - run] === BACKSLASH) run++;
          i = run % 2 === 1 ? n - 1 : n;
          break;
        }
        if (nextBackslash < i && nextBackslash !== -1) nextBackslash = buf.indexOf(BACKSLASH, i);
        if (nextBackslash === -1 || nextBackslash > q) {
          i = q + 1;
          inString = false;
          if (this.keyStart >= 0) {
            this.lastKey = buf.toString('utf8', this.keyStart, q);
            this.keyStart = -1;
          }
          continue;
        }
        // Escape before the quote: skip the escaped character.
        if (nextBackslash + 1 >= n) {
          // Escape split across chunks: resume at the backslash next time.
          i = nextBackslash;
          break;
        }
        i = nextBackslash + 2;
        nextBackslash = -2;
        continue;
      }
      const c = buf[i];
      if (c === QUOTE) {
        inString = true;
        if (depth === 1 && this.elementDepth < 0 && this.target === 'records') this.keyStart = i + 1;
        if (depth === this.elementDepth && this.elementStart < 0) {
          this.elementStart = i;
          this.scalarElement = true;
        }
        i++;
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (depth === 0) this.sawTopLevel = true;
        if (depth === this.elementDepth && this.elementStart < 0) {
          this.elementStart = i;
          this.scalarElement = c === OPEN_BRACKET;
        }
        depth++;
        i++;
        if (this.elementDepth < 0 && c === OPEN_BRACKET) {
          if (
            (this.target === 'array' && depth === 1) ||
            (this.target === 'records' && depth === 2 && this.lastKey === 'Records')
          ) {
            this.elementDepth = depth;
            this.found = true;
            i = this.fast(buf, i);
          }
        }
        continue;
      }
      if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth--;
        if (depth === this.elementDepth && this.elementStart >= 0 && !this.scalarElement) {
          this.emitText(this.index++, buf.toString('utf8', this.elementStart, i + 1));
          this.elementStart = -1;
          i = this.fast(buf, i + 1);
          continue;
        } else if (depth === this.elementDepth - 1 && this.elementStart >= 0) {
          this.emitScalar(buf, this.elementStart, i);
        }
        if (depth === this.elementDepth - 1 && this.elementDepth >= 0) {
          // The target array closed: the rest of the document holds no records.
          this.elementDepth = -2;
          this.done = true;
          i = n;
          break;
        }
        i++;
        continue;
      }
      if (depth === this.elementDepth) {
        if (c === COMMA) {
          if (this.elementStart >= 0) this.emitScalar(buf, this.elementStart, i);
        } else if (c > 0x20 && this.elementStart < 0) {
          this.elementStart = i;
          this.scalarElement = true;
        }
      }
      i++;
    }
    this.pos = i;
    this.depth = depth;
    this.inString = inString;
  }

  /** True when the input had a top-level value at all. */
  get sawInput(): boolean {
    return this.sawTopLevel;
  }
}

function skipSpace(buf: Buffer, i: number): number {
  const n = buf.length;
  while (i < n) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** End of an element's signature: just past its first `:` (at most 40 bytes from `start`). */
function signatureEnd(buf: Buffer, start: number): number {
  const limit = Math.min(buf.length, start + 40);
  const colon = buf.indexOf(0x3a, start);
  return colon >= 0 && colon < limit ? colon + 1 : limit;
}

/**
 * Index of the `}` of the last `}` `,` `{` (whitespace allowed between them)
 * in `buf` whose `}` is after `from`, or -1. A candidate whose `{` starts
 * like the first element (`signature`, e.g. `{"eventVersion":`) is
 * preferred: a `},{` between the objects of a nested array rarely does.
 */
function lastElementBoundary(buf: Buffer, from: number, signature: Buffer): number {
  let open = buf.length;
  let fallback = -1;
  for (let k = 0; k < MAX_FAST_CANDIDATES && open > from; k++) {
    open = buf.lastIndexOf(OPEN_BRACE, open - 1);
    if (open <= from) break;
    let j = open - 1;
    while (j > from && isSpace(buf[j])) j--;
    if (buf[j] !== COMMA) continue;
    j--;
    while (j > from && isSpace(buf[j])) j--;
    if (buf[j] !== CLOSE_BRACE) continue;
    if (
      open + signature.length <= buf.length &&
      buf.compare(signature, 0, signature.length, open, open + signature.length) === 0
    ) {
      return j;
    }
    if (fallback < 0) fallback = j;
  }
  return fallback;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function describe(text: string): string {
  if (text === '') return 'nothing';
  if (text.startsWith('"')) return 'a string';
  if (text.startsWith('[')) return 'an array';
  if (text === 'null') return 'null';
  if (text === 'true' || text === 'false') return 'a boolean';
  return /^-?\d/.test(text) ? 'a number' : 'invalid JSON';
}
