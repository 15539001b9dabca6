import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CloudTrailRecord } from './cloudtrail-record';
import { JsonRecordSplitter, SplitElement } from './json-record-splitter';
import { stableLogId } from './log-id';
import { LogKind, LogRecord, RejectedRecord } from './log-record';
import { isVpcFlowV2Line, parseVpcFlowHeader, parseVpcFlowLine, VPC_FLOW_V2_FIELDS } from './vpc-flow';

/** Something {@link readLogs} can read: a path (`-` = stdin), bytes, a stream, or a named one of those. */
export type LogInput = string | Uint8Array | Readable | NamedLogInput;

/** Bytes or a stream with the name used in locations and log ids. */
export interface NamedLogInput {
  readonly source: string;
  readonly data: Uint8Array | Readable | AsyncIterable<Uint8Array>;
}

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

/** Options of {@link readLogs}. */
export interface ReadLogsOptions {
  /**
   * Input kind; `auto` detects it from the first bytes (Records file, JSON
   * array, JSON Lines, VPC flow header or v2 line, else text).
   * @default 'auto'
   */
  readonly kind?: LogKind | 'auto';
  /**
   * Called for every rejected record. Without it, rejections are kept in `stats.rejections`.
   * @default - collected in stats.rejections
   */
  readonly onReject?: (rejected: RejectedRecord) => void;
  /** Counters to update (pass one object to several reads to total them). @default - a fresh one */
  readonly stats?: ReadStats;
  /** Stream used for the path `-`. @default process.stdin */
  readonly stdin?: Readable;
  /**
   * Columns of VPC flow lines when the input has no header line.
   * @default - the version 2 default format
   */
  readonly vpcColumns?: readonly string[];
  /** Longest accepted line in bytes; longer lines are rejected. @default 16 MiB */
  readonly maxLineBytes?: number;
}

/** A fresh set of counters. */
export function newReadStats(): ReadStats {
  return { records: 0, rejected: 0, bytes: 0, rejections: [] };
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
const NEWLINE = 0x0a;
const DEFAULT_MAX_LINE = 16 * 1024 * 1024;

/**
 * Streams typed records out of one input, detecting its kind and gzip from
 * the first bytes. Bad records are reported (source, line or index, reason)
 * and counted; nothing is thrown for bad data, and nothing is loaded whole.
 *
 * @example
 * const stats = newReadStats();
 * for await (const record of readLogs('trail.json.gz', { stats })) console.log(record.log_id);
 */
export async function* readLogs(input: LogInput, options: ReadLogsOptions = {}): AsyncGenerator<LogRecord> {
  const stats = options.stats ?? newReadStats();
  const { source, chunks } = openInput(input, options);
  const reject = (r: RejectedRecord): void => {
    stats.rejected++;
    if (options.onReject) options.onReject(r);
    else stats.rejections.push(r);
  };
  try {
    const bytes = await decompressed(chunks);
    const first = await bytes.next();
    if (first.done) return;
    const head = first.value;
    const kind = options.kind && options.kind !== 'auto' ? options.kind : detectKind(head);
    const all = prepend(head, bytes, stats);
    if (kind === 'cloudtrail' && isJsonContainer(head)) {
      yield* readContainer(all, source, firstNonSpace(head) === 0x5b ? 'array' : 'records', stats, reject);
    } else if (kind === 'vpcflow') {
      yield* readVpcFlow(lines(all, options.maxLineBytes ?? DEFAULT_MAX_LINE), source, options, stats, reject);
    } else if (kind === 'text') {
      for await (const item of lines(all, options.maxLineBytes ?? DEFAULT_MAX_LINE)) {
        if ('error' in item) {
          reject({ source, line: item.line, reason: item.error });
          continue;
        }
        if (item.text.trim() === '') continue;
        stats.records++;
        yield {
          kind: 'text',
          text: item.text,
          log_id: stableLogId(source, item.line),
          location: { source, line: item.line },
        };
      }
    } else {
      for await (const item of lines(all, options.maxLineBytes ?? DEFAULT_MAX_LINE)) {
        if ('error' in item) {
          reject({ source, line: item.line, reason: item.error });
          continue;
        }
        if (isBlank(item.text)) continue;
        yield* jsonLine(item.text, source, item.line, stats, reject);
      }
    }
  } catch (error) {
    reject({ source, reason: `cannot read input: ${(error as Error).message}` });
  }
}

/** Kind of an input from its first bytes (already decompressed). */
export function detectKind(head: Uint8Array): LogKind {
  const c = firstNonSpace(head);
  if (c === 0x7b || c === 0x5b) {
    if (c === 0x5b || looksLikeRecordsFile(head)) return 'cloudtrail';
    return 'cloudtrail'; // JSON Lines: each line is classified as CloudTrail or plain JSON.
  }
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 8192)).toString('utf8');
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  if (parseVpcFlowHeader(firstLine) || isVpcFlowV2Line(firstLine)) return 'vpcflow';
  return 'text';
}

function looksLikeRecordsFile(head: Uint8Array): boolean {
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 4096)).toString('utf8');
  return /^\s*\{\s*"Records"\s*:\s*\[/.test(text) || /^\s*\{\s*$/m.test(text.split('\n')[0] ?? '');
}

function isJsonContainer(head: Uint8Array): boolean {
  const c = firstNonSpace(head);
  return c === 0x5b || (c === 0x7b && looksLikeRecordsFile(head));
}

function firstNonSpace(head: Uint8Array): number {
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === 0xef && head[i + 1] === 0xbb && head[i + 2] === 0xbf) {
      i += 2; // UTF-8 byte order mark
      continue;
    }
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return c;
  }
  return -1;
}

function isBlank(text: string): boolean {
  return text.length === 0 || text.trim() === '';
}

function openInput(input: LogInput, options: ReadLogsOptions): { source: string; chunks: AsyncIterable<Uint8Array> } {
  if (typeof input === 'string') {
    if (input === '-') return { source: '-', chunks: options.stdin ?? process.stdin };
    return { source: input, chunks: createReadStream(input, { highWaterMark: 1024 * 1024 }) };
  }
  if (input instanceof Uint8Array) return { source: 'buffer', chunks: toAsync([input]) };
  if (input instanceof Readable) return { source: 'stream', chunks: input };
  const data = input.data;
  return { source: input.source, chunks: data instanceof Uint8Array ? toAsync([data]) : data };
}

async function* toAsync(items: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* items;
}

/** Iterates chunks as Buffers, gunzipping when the first bytes are the gzip magic. */
async function decompressed(chunks: AsyncIterable<Uint8Array>): Promise<AsyncIterator<Buffer>> {
  const raw = (async function* () {
    for await (const chunk of chunks) {
      yield typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    }
  })();
  let first = await raw.next();
  while (!first.done && first.value.length === 0) first = await raw.next();
  if (first.done) return raw;
  const head = first.value;
  if (head.length >= 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1) {
    const gunzip = createGunzip({ chunkSize: 256 * 1024 });
    const source = Readable.from(prependRaw(head, raw));
    source.on('error', (error) => gunzip.destroy(error));
    source.pipe(gunzip);
    return (gunzip as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }
  return prependRaw(head, raw);
}

async function* prependRaw(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

async function* prepend(head: Buffer, rest: AsyncIterator<Buffer>, stats: ReadStats): AsyncGenerator<Buffer> {
  stats.bytes += head.length;
  yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    stats.bytes += next.value.length;
    yield next.value;
  }
}

type Line = { readonly line: number; readonly text: string } | { readonly line: number; readonly error: string };

/** Splits chunks into lines (LF or CRLF), 1-based numbers, over-long lines reported and skipped. */
export async function* lines(chunks: AsyncIterable<Buffer>, maxLineBytes = DEFAULT_MAX_LINE): AsyncGenerator<Line> {
  let carry: Buffer[] = [];
  let carryLength = 0;
  let lineNo = 0;
  let overflow = false;
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, start);
      if (nl < 0) break;
      lineNo++;
      if (overflow || carryLength + (nl - start) > maxLineBytes) {
        yield { line: lineNo, error: `line longer than ${maxLineBytes} bytes` };
      } else {
        let end = nl;
        let text: string;
        if (carryLength > 0) {
          carry.push(chunk.subarray(start, end));
          const whole = Buffer.concat(carry);
          text = whole.toString(
            'utf8',
            0,
            whole.length > 0 && whole[whole.length - 1] === 0x0d ? whole.length - 1 : whole.length,
          );
        } else {
          if (end > start && chunk[end - 1] === 0x0d) end--;
          text = chunk.toString('utf8', start, end);
        }
        yield { line: lineNo, text };
      }
      carry = [];
      carryLength = 0;
      overflow = false;
      start = nl + 1;
    }
    if (start < chunk.length) {
      if (!overflow) {
        carry.push(chunk.subarray(start));
        carryLength += chunk.length - start;
        if (carryLength > maxLineBytes) {
          overflow = true;
          carry = [];
        }
      }
    }
  }
  if (carryLength > 0 || overflow) {
    lineNo++;
    if (overflow) {
      yield { line: lineNo, error: `line longer than ${maxLineBytes} bytes` };
    } else {
      const whole = Buffer.concat(carry);
      yield {
        line: lineNo,
        text: whole.toString('utf8', 0, whole[whole.length - 1] === 0x0d ? whole.length - 1 : whole.length),
      };
    }
  }
}

async function* readContainer(
  chunks: AsyncIterable<Buffer>,
  source: string,
  target: 'records' | 'array',
  stats: ReadStats,
  reject: (r: RejectedRecord) => void,
): AsyncGenerator<LogRecord> {
  const splitter = new JsonRecordSplitter(target);
  for await (const chunk of chunks) {
    for (const element of splitter.push(chunk)) yield* containerElement(element, source, stats, reject);
  }
  for (const element of splitter.end()) yield* containerElement(element, source, stats, reject);
  if (!splitter.foundArray) {
    reject({
      source,
      reason: target === 'records' ? 'no "Records" array found in this CloudTrail file' : 'not a JSON array',
    });
  }
}

function* containerElement(
  element: SplitElement,
  source: string,
  stats: ReadStats,
  reject: (r: RejectedRecord) => void,
): Generator<LogRecord> {
  if ('error' in element) {
    reject({ source, index: element.index, reason: element.error });
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(element.text);
  } catch (error) {
    reject({ source, index: element.index, reason: jsonError(error) });
    return;
  }
  const record = classifyJson(value, source, undefined, element.index);
  if (typeof record === 'string') {
    reject({ source, index: element.index, reason: record });
    return;
  }
  stats.records++;
  yield record;
}

function* jsonLine(
  text: string,
  source: string,
  line: number,
  stats: ReadStats,
  reject: (r: RejectedRecord) => void,
): Generator<LogRecord> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    reject({ source, line, reason: jsonError(error) });
    return;
  }
  // A whole CloudTrail file on one line: yield its records.
  const records = (value as { Records?: unknown } | null)?.Records;
  if (value !== null && typeof value === 'object' && Array.isArray(records)) {
    for (let index = 0; index < records.length; index++) {
      const record = classifyJson(records[index], source, line, index);
      if (typeof record === 'string') {
        reject({ source, line, index, reason: record });
      } else {
        stats.records++;
        yield record;
      }
    }
    return;
  }
  const record = classifyJson(value, source, line, undefined);
  if (typeof record === 'string') {
    reject({ source, line, reason: record });
    return;
  }
  stats.records++;
  yield record;
}

const CLOUDTRAIL_KEYS = ['eventName', 'eventSource', 'eventVersion', 'userIdentity', 'eventID'] as const;

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
  const location = { source, ...(line !== undefined ? { line } : {}), ...(index !== undefined ? { index } : {}) };
  const detail = object.detail;
  if (
    detail !== null &&
    typeof detail === 'object' &&
    !Array.isArray(detail) &&
    ('detail-type' in object || 'source' in object)
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

function isCloudTrail(object: Readonly<Record<string, unknown>>): boolean {
  return CLOUDTRAIL_KEYS.some((k) => k in object);
}

function logId(id: unknown, source: string, line: number | undefined, index: number | undefined): string {
  if (typeof id === 'string' && id.trim() !== '') return id;
  return stableLogId(source, line, index);
}

async function* readVpcFlow(
  items: AsyncIterable<Line>,
  source: string,
  options: ReadLogsOptions,
  stats: ReadStats,
  reject: (r: RejectedRecord) => void,
): AsyncGenerator<LogRecord> {
  let columns: readonly string[] | undefined = options.vpcColumns;
  let first = true;
  for await (const item of items) {
    if ('error' in item) {
      reject({ source, line: item.line, reason: item.error });
      continue;
    }
    if (isBlank(item.text)) continue;
    const header = parseVpcFlowHeader(item.text);
    if (header) {
      // A header line (first line, or repeated by a concatenation of exports).
      columns = header;
      first = false;
      continue;
    }
    if (first) {
      first = false;
      columns ??= VPC_FLOW_V2_FIELDS;
    }
    const parsed = parseVpcFlowLine(item.text, columns ?? VPC_FLOW_V2_FIELDS);
    if ('error' in parsed) {
      reject({ source, line: item.line, reason: parsed.error });
      continue;
    }
    stats.records++;
    yield {
      kind: 'vpcflow',
      fields: parsed.fields,
      columns: columns ?? VPC_FLOW_V2_FIELDS,
      text: item.text,
      log_id: stableLogId(source, item.line),
      location: { source, line: item.line },
    };
  }
}

/** A JSON.parse failure without the record text Node quotes into its message (it may hold secrets). */
export function jsonError(error: unknown): string {
  const message = (error as Error).message.replace(/,?\s*"[\s\S]*" is not valid JSON$/, '').slice(0, 160);
  return `invalid JSON: ${message}`;
}
