import { isAscii } from 'node:buffer';

/** Receives the lines of a {@link LineSplitter}, in order. */
export interface LineSink {
  /** A complete line (without its LF or CRLF), 1-based. */
  line(text: string, line: number): void;
  /** A line that cannot be read (too long), 1-based. */
  lineError(line: number, reason: string): void;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Synchronous line splitter over byte chunks: LF or CRLF endings, 1-based
 * numbers, over-long lines reported (never buffered whole) and skipped. A
 * line split across chunks is carried as byte slices and decoded once, so a
 * multi-byte character cut by a chunk boundary decodes correctly.
 */
export class LineSplitter {
  private carry: Buffer[] = [];
  private carryLength = 0;
  private lineNo = 0;
  private overflow = false;

  /**
   * @param maxLineBytes longer lines are reported, not read
   * @param decodeOnce decode an ASCII chunk once and hand out slices of it
   * (faster for lines that are parsed and dropped, such as JSON Lines; a
   * slice keeps the chunk's string alive, so not for lines that are kept)
   */
  constructor(
    private readonly maxLineBytes: number,
    private readonly decodeOnce = false,
  ) {}

  /** Splits one chunk, sending every line it completes to `sink`. */
  push(chunk: Buffer, sink: LineSink): void {
    let start = 0;
    let decoded: string | undefined;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, start);
      if (nl < 0) break;
      this.lineNo++;
      if (this.overflow || this.carryLength + (nl - start) > this.maxLineBytes) {
        sink.lineError(this.lineNo, `line longer than ${this.maxLineBytes} bytes`);
      } else if (this.carryLength > 0) {
        this.carry.push(chunk.subarray(start, nl));
        sink.line(decode(Buffer.concat(this.carry)), this.lineNo);
      } else {
        const end = nl > start && chunk[nl - 1] === CARRIAGE_RETURN ? nl - 1 : nl;
        if (decoded === undefined && this.decodeOnce && isAscii(chunk)) decoded = chunk.toString('latin1');
        sink.line(decoded !== undefined ? decoded.slice(start, end) : chunk.toString('utf8', start, end), this.lineNo);
      }
      if (this.carryLength > 0 || this.overflow) {
        this.carry = [];
        this.carryLength = 0;
        this.overflow = false;
      }
      start = nl + 1;
    }
    if (start < chunk.length && !this.overflow) {
      this.carry.push(chunk.subarray(start));
      this.carryLength += chunk.length - start;
      if (this.carryLength > this.maxLineBytes) {
        this.overflow = true;
        this.carry = [];
      }
    }
  }

  /** At end of input: the last line when it has no line ending. */
  end(sink: LineSink): void {
    if (this.carryLength === 0 && !this.overflow) return;
    this.lineNo++;
    if (this.overflow) sink.lineError(this.lineNo, `line longer than ${this.maxLineBytes} bytes`);
    else sink.line(decode(Buffer.concat(this.carry)), this.lineNo);
    this.carry = [];
    this.carryLength = 0;
    this.overflow = false;
  }
}

function decode(whole: Buffer): string {
  const n = whole.length;
  return whole.toString('utf8', 0, n > 0 && whole[n - 1] === CARRIAGE_RETURN ? n - 1 : n);
}
