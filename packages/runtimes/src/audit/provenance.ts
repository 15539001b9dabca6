import { createHash } from 'node:crypto';

/**
 * Where a finding's raw record came from, so an auditor can fetch it and
 * check it is unmodified: re-read the object version (or the EventBridge
 * event), take record `record_index`, hash its canonical JSON, compare with
 * `record_sha256`.
 */
export type RecordSource =
  | {
      readonly kind: 's3';
      readonly bucket: string;
      readonly key: string;
      /** Absent only for unversioned buckets. */
      readonly version_id?: string;
      /** 0-based index in the file's `Records` array. */
      readonly record_index: number;
      readonly record_sha256: string;
    }
  | {
      readonly kind: 'eventbridge';
      /** The EventBridge event `id`. */
      readonly event_id: string;
      readonly record_index: 0;
      readonly record_sha256: string;
    }
  | {
      /** Events passed directly in the invocation (Step Functions batch). */
      readonly kind: 'invocation';
      /** Caller-supplied batch id, else the Lambda request id. */
      readonly batch_id: string;
      readonly record_index: number;
      readonly record_sha256: string;
    };

/**
 * Canonical JSON of a parsed JSON value (RFC 8785 / JCS for values that came
 * out of `JSON.parse`): object keys sorted by UTF-16 code units, no
 * whitespace, numbers and strings as ECMAScript `JSON.stringify` writes them.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  const object = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const v = object[key];
    if (v === undefined || typeof v === 'function') continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** Hex sha256 of a record's canonical JSON. */
export function recordSha256(record: unknown): string {
  return createHash('sha256').update(canonicalJson(record), 'utf8').digest('hex');
}

/** Hex sha256 of bytes. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Checks a finding's source against the records of the raw object it names
 * (parsed from the exact version). Returns the problem, or `undefined` when
 * the record is there and unmodified.
 */
export function verifyRecordSource(source: RecordSource, records: readonly unknown[]): string | undefined {
  const record = records[source.record_index];
  if (record === undefined) return `record ${source.record_index} does not exist (${records.length} records)`;
  const actual = recordSha256(record);
  return actual === source.record_sha256
    ? undefined
    : `record ${source.record_index} has sha256 ${actual}, the finding recorded ${source.record_sha256}`;
}
