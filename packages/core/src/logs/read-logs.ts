import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LineSplitter } from './line-splitter';
import { LogKind, LogRecord, RejectedRecord } from './log-record';
import {
  JsonContainerDecoder,
  JsonLinesDecoder,
  ReadStats,
  RecordDecoder,
  TextLinesDecoder,
  VpcFlowDecoder,
} from './record-decoders';
import { isVpcFlowV2Line, parseVpcFlowHeader } from './vpc-flow';

export { classifyJson, jsonError } from './record-decoders';
export type { ReadStats } from './record-decoders';

/** Something {@link readLogs} can read: a path (`-` = stdin), bytes, a stream, or a named one of those. */
export type LogInput = string | Uint8Array | Readable | NamedLogInput;

/** Bytes or a stream with the name used in locations and log ids. */
export interface NamedLogInput {
  readonly source: string;
  readonly data: Uint8Array | Readable | AsyncIterable<Uint8Array>;
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
const DEFAULT_MAX_LINE = 16 * 1024 * 1024;
/** Bytes looked at to detect the kind of an input, at most (unless its first line is longer). */
const HEAD_BYTES = 64 * 1024;
/**
 * Largest chunk handed to a decoder: bounds a batch (and one fast-path
 * parse). Small batches stay in the young generation and the CPU caches:
 * 64 KiB measured faster than 1 MiB.
 */
const MAX_CHUNK = 64 * 1024;

/**
 * Streams typed records out of one input, detecting its kind and gzip from
 * the first bytes. Bad records are reported (source, line or index, reason)
 * and counted; nothing is thrown for bad data, and nothing is loaded whole.
 * Built on {@link readLogBatches}: the rejections of a chunk are reported
 * when the chunk is decoded, before its records are yielded.
 *
 * @example
 * const stats = newReadStats();
 * for await (const record of readLogs('trail.json.gz', { stats })) console.log(record.log_id);
 */
export async function* readLogs(input: LogInput, options: ReadLogsOptions = {}): AsyncGenerator<LogRecord> {
  for await (const batch of readLogBatches(input, options)) {
    for (let i = 0; i < batch.length; i++) yield batch[i];
  }
}

/**
 * {@link readLogs}, one array of records per decoded chunk (up to 64 KiB
 * of input): the fast way to read, since it costs one asynchronous step per
 * chunk rather than per record. Arrays are never empty, and records come in
 * input order; rejections go to `onReject` as each chunk is decoded.
 *
 * @example
 * for await (const batch of readLogBatches('trail.json.gz')) for (const record of batch) extractEntities(record);
 */
export async function* readLogBatches(input: LogInput, options: ReadLogsOptions = {}): AsyncGenerator<LogRecord[]> {
  const stats = options.stats ?? newReadStats();
  const { source, chunks } = openInput(input, options);
  const reject = (r: RejectedRecord): void => {
    stats.rejected++;
    if (options.onReject) options.onReject(r);
    else stats.rejections.push(r);
  };
  try {
    const bytes = await decompressed(chunks);
    let next = await bytes.next();
    if (next.done) return;
    // Detect the kind on a whole first line (a slow stream may deliver a few bytes first).
    let head = next.value;
    while (head.length < HEAD_BYTES && !hasFirstLine(head)) {
      next = await bytes.next();
      if (next.done) break;
      head = Buffer.concat([head, next.value]);
    }
    const kind = options.kind && options.kind !== 'auto' ? options.kind : detectKind(head);
    const decoder = createDecoder(kind, head, source, options, stats, reject);
    let chunk: Buffer | undefined = head;
    while (chunk) {
      stats.bytes += chunk.length;
      decoder.push(chunk);
      const batch = decoder.take();
      if (batch.length > 0) yield batch;
      next = await bytes.next();
      chunk = next.done ? undefined : next.value;
    }
    decoder.end();
    const last = decoder.take();
    if (last.length > 0) yield last;
  } catch (error) {
    reject({ source, reason: `cannot read input: ${(error as Error).message}` });
  }
}

function createDecoder(
  kind: LogKind,
  head: Buffer,
  source: string,
  options: ReadLogsOptions,
  stats: ReadStats,
  reject: (r: RejectedRecord) => void,
): RecordDecoder {
  const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE;
  if (kind === 'cloudtrail' && isJsonContainer(head)) {
    return new JsonContainerDecoder(source, stats, reject, firstNonSpace(head) === 0x5b ? 'array' : 'records');
  }
  if (kind === 'vpcflow') return new VpcFlowDecoder(source, stats, reject, maxLine, options.vpcColumns);
  if (kind === 'text') return new TextLinesDecoder(source, stats, reject, maxLine);
  return new JsonLinesDecoder(source, stats, reject, maxLine);
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

/** True when `head` holds a whole first non-blank line. */
function hasFirstLine(head: Buffer): boolean {
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return head.indexOf(0x0a, i) >= 0;
  }
  return false;
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
      const buffer =
        typeof chunk === 'string'
          ? Buffer.from(chunk)
          : Buffer.isBuffer(chunk)
            ? chunk
            : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      if (buffer.length <= MAX_CHUNK) {
        yield buffer;
      } else {
        for (let at = 0; at < buffer.length; at += MAX_CHUNK) yield buffer.subarray(at, at + MAX_CHUNK);
      }
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

type Line = { readonly line: number; readonly text: string } | { readonly line: number; readonly error: string };

/** Splits chunks into lines (LF or CRLF), 1-based numbers, over-long lines reported and skipped. */
export async function* lines(chunks: AsyncIterable<Buffer>, maxLineBytes = DEFAULT_MAX_LINE): AsyncGenerator<Line> {
  const splitter = new LineSplitter(maxLineBytes);
  const out: Line[] = [];
  const sink = {
    line: (text: string, line: number): void => void out.push({ line, text }),
    lineError: (line: number, error: string): void => void out.push({ line, error }),
  };
  for await (const chunk of chunks) {
    splitter.push(chunk, sink);
    yield* out.splice(0);
  }
  splitter.end(sink);
  yield* out;
}
