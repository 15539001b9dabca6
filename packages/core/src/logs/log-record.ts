import { CloudTrailRecord } from './cloudtrail-record';

/** Kinds of input the readers recognise. `json` is a JSON object that is not a CloudTrail event. */
export type LogKind = 'cloudtrail' | 'json' | 'vpcflow' | 'text';

/** Where a record was read: source name plus 1-based line and/or 0-based record index. */
export interface LogLocation {
  /** File path, `-` for stdin, or the name given for a Buffer/stream. */
  readonly source: string;
  /** 1-based line (JSON Lines, VPC Flow Logs, text). */
  readonly line?: number;
  /** 0-based index of the record in a `{"Records":[...]}` file or JSON array. */
  readonly index?: number;
}

interface LogRecordBase {
  /** CloudTrail `eventID`, else a stable hash of source + line/index (see {@link stableLogId}). */
  readonly log_id: string;
  readonly location: LogLocation;
}

/** One CloudTrail event (from a Records file, a JSON line or an EventBridge envelope's `detail`). */
export interface CloudTrailLogRecord extends LogRecordBase {
  readonly kind: 'cloudtrail';
  readonly event: CloudTrailRecord;
  /** Set when the event came out of an EventBridge envelope: the path prefix of the event (`detail`). */
  readonly envelope?: 'eventbridge';
}

/** Any other JSON object (GuardDuty finding, flow log as JSON, application log line). */
export interface JsonLogRecord extends LogRecordBase {
  readonly kind: 'json';
  readonly value: Readonly<Record<string, unknown>>;
}

/** One VPC Flow Logs line: field name → value (`undefined` for `-`). */
export interface VpcFlowLogRecord extends LogRecordBase {
  readonly kind: 'vpcflow';
  readonly fields: Readonly<Record<string, string | undefined>>;
  /** The raw line, so mentions carry offsets into it. */
  readonly text: string;
  /** Field names in column order. */
  readonly columns: readonly string[];
}

/** One free-text line. */
export interface TextLogRecord extends LogRecordBase {
  readonly kind: 'text';
  readonly text: string;
}

/** A typed record yielded by {@link readLogs}. */
export type LogRecord = CloudTrailLogRecord | JsonLogRecord | VpcFlowLogRecord | TextLogRecord;

/** A record that could not be read: reported and counted, never thrown, never dropped silently. */
export interface RejectedRecord {
  readonly source: string;
  readonly line?: number;
  readonly index?: number;
  /** Why it was rejected. Never contains the record's content (it may hold secrets). */
  readonly reason: string;
}

/** `file:line: reason` / `file#index: reason`. */
export function formatRejectedRecord(rejected: RejectedRecord): string {
  const line = rejected.line !== undefined ? `:${rejected.line}` : '';
  const index = rejected.index !== undefined ? `#${rejected.index}` : '';
  const where = `${rejected.source}${line}${index}`;
  return `${where}: ${rejected.reason}`;
}
