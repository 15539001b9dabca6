/**
 * Streaming splitter for CloudTrail log files (`{"Records":[{…},{…}]}`) and
 * top-level JSON arrays. It never holds more than the record being read: a
 * byte scanner tracks nesting and strings, slices each element of the target
 * array and hands its text to `JSON.parse`. Strings are skipped with
 * `Buffer.indexOf`, so the scan costs far less than the parse.
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

  constructor(private readonly target: SplitTarget) {}

  /** Number of elements seen so far. */
  get count(): number {
    return this.index;
  }

  /** True once a target array was found in the input. */
  get foundArray(): boolean {
    return this.found;
  }

  /** Scans a chunk, returning the elements completed by it. */
  push(chunk: Buffer): SplitElement[] {
    const out: SplitElement[] = [];
    if (this.done) return out;
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
    this.scan(buf, out);
    this.pending = buf;
    return out;
  }

  /** Call at end of input: reports an element cut off by the end of the input. */
  end(): SplitElement[] {
    if (this.done || this.elementStart < 0) return [];
    this.done = true;
    if (this.scalarElement) {
      return [this.scalar(this.pending, this.elementStart, this.pending.length)];
    }
    return [{ index: this.index++, error: 'truncated: the input ends inside this record' }];
  }

  private scalar(buf: Buffer, start: number, end: number): SplitElement {
    const text = buf.toString('utf8', start, end).trim();
    this.elementStart = -1;
    this.scalarElement = false;
    return { index: this.index++, error: `not an object: a record must be a JSON object, found ${describe(text)}` };
  }

  private scan(buf: Buffer, out: SplitElement[]): void {
    let i = this.pos;
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
        if (this.elementDepth < 0 && c === OPEN_BRACKET) {
          if (
            (this.target === 'array' && depth === 1) ||
            (this.target === 'records' && depth === 2 && this.lastKey === 'Records')
          ) {
            this.elementDepth = depth;
            this.found = true;
          }
        }
        i++;
        continue;
      }
      if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth--;
        if (depth === this.elementDepth && this.elementStart >= 0 && !this.scalarElement) {
          out.push({ index: this.index++, text: buf.toString('utf8', this.elementStart, i + 1) });
          this.elementStart = -1;
        } else if (depth === this.elementDepth - 1 && this.elementStart >= 0) {
          out.push(this.scalar(buf, this.elementStart, i));
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
          if (this.elementStart >= 0) out.push(this.scalar(buf, this.elementStart, i));
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

function describe(text: string): string {
  if (text === '') return 'nothing';
  if (text.startsWith('"')) return 'a string';
  if (text.startsWith('[')) return 'an array';
  if (text === 'null') return 'null';
  if (text === 'true' || text === 'false') return 'a boolean';
  return /^-?\d/.test(text) ? 'a number' : 'invalid JSON';
}
