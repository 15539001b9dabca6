import { CloudTrailRecord } from './cloudtrail-record';
import { JsonRecordSplitter, SplitSink, SplitTarget } from './json-record-splitter';
import { LineSink, LineSplitter } from './line-splitter';
import { stableLogId } from './log-id';
import { LogLocation, LogRecord, RejectedRecord } from './log-record';
import { parseVpcFlowHeader, parseVpcFlowLine, VPC_FLOW_V2_FIELDS } from './vpc-flow';

/** Counters a read updates while it runs. */
export interface ReadStats {
  /** Records yielded. */
  records: number;
  /** Records rejected (each reported to `onReject`, or kept in `rejections`). */
  rejected: number;
  /** Decompressed bytes read. */
  bytes: number;
  /** Rejections, when no `onReject` callback was given. */
  readonly rejections: RejectedRecord[];
}

/**
 * Turns the decompressed chunks of one input into typed records,
 * synchronously: `push` each chunk, then `end`; `take` hands over the
 * records completed so far. Rejections go to `reject` as they are found.
 */
export abstract class RecordDecoder {
  private batch: LogRecord[] = [];

  constructor(
    protected readonly source: string,
    protected readonly stats: ReadStats,
    protected readonly reject: (rejected: RejectedRecord) => void,
  ) {}

  /** Decodes one chunk. */
  abstract push(chunk: Buffer): void;

  /** At end of input: decodes what is left (a last line without line ending, a truncated record). */
  abstract end(): void;

  /** The records completed since the last call (possibly none). */
  take(): LogRecord[] {
    const batch = this.batch;
    if (batch.length > 0) this.batch = [];
    return batch;
  }

  protected add(record: LogRecord): void {
    this.stats.records++;
    this.batch.push(record);
  }

  /** Adds the record a parsed JSON value is, or rejects it. */
  protected addJson(value: unknown, line: number | undefined, index: number | undefined): void {
    const record = classifyJson(value, this.source, line, index);
    if (typeof record === 'string') this.reject(rejection(this.source, line, index, record));
    else this.add(record);
  }
}

/** CloudTrail `{"Records":[…]}` files and top-level JSON arrays. */
export class JsonContainerDecoder extends RecordDecoder implements SplitSink {
  private readonly splitter: JsonRecordSplitter;

  constructor(
    source: string,
    stats: ReadStats,
    reject: (rejected: RejectedRecord) => void,
    private readonly target: SplitTarget,
  ) {
    super(source, stats, reject);
    this.splitter = new JsonRecordSplitter(target);
  }

  push(chunk: Buffer): void {
    this.splitter.pushTo(chunk, this);
  }

  end(): void {
    this.splitter.endTo(this);
    if (!this.splitter.foundArray) {
      this.reject({
        source: this.source,
        reason: this.target === 'records' ? 'no "Records" array found in this CloudTrail file' : 'not a JSON array',
      });
    }
  }

  text(index: number, text: string): void {
    const value = parseJson(text);
    if (value === PARSE_FAILED) this.reject({ source: this.source, index, reason: lastParseError });
    else this.addJson(value, undefined, index);
  }

  values(firstIndex: number, values: readonly unknown[]): void {
    for (let k = 0; k < values.length; k++) this.addJson(values[k], undefined, firstIndex + k);
  }

  error(index: number, reason: string): void {
    this.reject({ source: this.source, index, reason });
  }
}

/** Decoders that read line by line. */
abstract class LineDecoder extends RecordDecoder implements LineSink {
  private readonly lines: LineSplitter;

  constructor(
    source: string,
    stats: ReadStats,
    reject: (rejected: RejectedRecord) => void,
    maxLineBytes: number,
    decodeOnce = false,
  ) {
    super(source, stats, reject);
    this.lines = new LineSplitter(maxLineBytes, decodeOnce);
  }

  push(chunk: Buffer): void {
    this.lines.push(chunk, this);
  }

  end(): void {
    this.lines.end(this);
  }

  abstract line(text: string, line: number): void;

  lineError(line: number, reason: string): void {
    this.reject({ source: this.source, line, reason });
  }
}

/** JSON Lines: CloudTrail events, EventBridge envelopes, other JSON objects, whole Records files on one line. */
export class JsonLinesDecoder extends LineDecoder {
  constructor(source: string, stats: ReadStats, reject: (rejected: RejectedRecord) => void, maxLineBytes: number) {
    super(source, stats, reject, maxLineBytes, true); // lines are parsed and dropped
  }

  line(text: string, line: number): void {
    if (isBlank(text)) return;
    const value = parseJson(text);
    if (value === PARSE_FAILED) {
      this.reject({ source: this.source, line, reason: lastParseError });
      return;
    }
    // A whole CloudTrail file on one line: its records.
    const records = value !== null && typeof value === 'object' ? (value as { Records?: unknown }).Records : undefined;
    if (Array.isArray(records)) {
      for (let index = 0; index < records.length; index++) this.addJson(records[index], line, index);
      return;
    }
    this.addJson(value, line, undefined);
  }
}

/** Free text: one record per non-blank line. */
export class TextLinesDecoder extends LineDecoder {
  line(text: string, line: number): void {
    if (isBlank(text)) return;
    this.add({
      kind: 'text',
      text,
      log_id: stableLogId(this.source, line),
      location: { source: this.source, line },
    });
  }
}

/** VPC Flow Logs: header lines (first, or repeated by concatenated exports) set the columns. */
export class VpcFlowDecoder extends LineDecoder {
  private columns: readonly string[] | undefined;
  private first = true;

  constructor(
    source: string,
    stats: ReadStats,
    reject: (rejected: RejectedRecord) => void,
    maxLineBytes: number,
    columns: readonly string[] | undefined,
  ) {
    super(source, stats, reject, maxLineBytes);
    this.columns = columns;
  }

  line(text: string, line: number): void {
    if (isBlank(text)) return;
    const header = parseVpcFlowHeader(text);
    if (header) {
      this.columns = header;
      this.first = false;
      return;
    }
    if (this.first) {
      this.first = false;
      this.columns ??= VPC_FLOW_V2_FIELDS;
    }
    const columns = this.columns ?? VPC_FLOW_V2_FIELDS;
    const parsed = parseVpcFlowLine(text, columns);
    if ('error' in parsed) {
      this.reject({ source: this.source, line, reason: parsed.error });
      return;
    }
    this.add({
      kind: 'vpcflow',
      fields: parsed.fields,
      columns,
      text,
      log_id: stableLogId(this.source, line),
      location: { source: this.source, line },
    });
  }
}

/** A parsed JSON value as a typed record, or the reason it is not one. */
export function classifyJson(
  value: unknown,
  source: string,
  line: number | undefined,
  index: number | undefined,
): LogRecord | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `not an object: a record must be a JSON object, found ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}`;
  }
  const object = value as Record<string, unknown>;
  const location = logLocation(source, line, index);
  const detail = object.detail;
  if (
    detail !== null &&
    typeof detail === 'object' &&
    !Array.isArray(detail) &&
    (object['detail-type'] !== undefined || object.source !== undefined)
  ) {
    const event = detail as CloudTrailRecord;
    if (isCloudTrail(event)) {
      return {
        kind: 'cloudtrail',
        event,
        envelope: 'eventbridge',
        log_id: logId(event.eventID ?? object.id, source, line, index),
        location,
      };
    }
  }
  if (isCloudTrail(object)) {
    const event = object as CloudTrailRecord;
    return { kind: 'cloudtrail', event, log_id: logId(event.eventID, source, line, index), location };
  }
  return { kind: 'json', value: object, log_id: logId(object.id ?? object.eventID, source, line, index), location };
}

/** A JSON.parse failure without the record text Node quotes into its message (it may hold secrets). */
export function jsonError(error: unknown): string {
  const message = (error as Error).message.replace(/,?\s*"[\s\S]*" is not valid JSON$/, '').slice(0, 160);
  return `invalid JSON: ${message}`;
}

/** True for an empty line or one of whitespace only. */
export function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const c = text.charCodeAt(0);
  if (c > 0x20 && c < 0x7f) return false;
  return text.trim() === '';
}

/** Returned by {@link parseJson} on a syntax error ({@link lastParseError} says why). */
const PARSE_FAILED: unique symbol = Symbol('parse failed');
let lastParseError = '';

/** `JSON.parse` without a try/catch in the callers' loops. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    lastParseError = jsonError(error);
    return PARSE_FAILED;
  }
}

function isCloudTrail(object: Readonly<Record<string, unknown>>): boolean {
  // `in` semantics for parsed JSON (a key is present when its value is not undefined), without a closure.
  return (
    object.eventName !== undefined ||
    object.eventSource !== undefined ||
    object.eventVersion !== undefined ||
    object.userIdentity !== undefined ||
    object.eventID !== undefined
  );
}

function logLocation(source: string, line: number | undefined, index: number | undefined): LogLocation {
  if (line === undefined) return index === undefined ? { source } : { source, index };
  return index === undefined ? { source, line } : { source, line, index };
}

function logId(id: unknown, source: string, line: number | undefined, index: number | undefined): string {
  if (typeof id === 'string' && id.length > 0) {
    const c = id.charCodeAt(0);
    if ((c > 0x20 && c < 0x7f) || id.trim() !== '') return id;
  }
  return stableLogId(source, line, index);
}

function rejection(
  source: string,
  line: number | undefined,
  index: number | undefined,
  reason: string,
): RejectedRecord {
  if (line === undefined) return index === undefined ? { source, reason } : { source, index, reason };
  return index === undefined ? { source, line, reason } : { source, line, index, reason };
}
