import { CloudTrailRecord, RejectedRecord, readLogs } from '@aad/core';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { WorkUnit, unitName } from './work-unit';
import { recordSha256 } from '../audit/provenance';
import { RetryPolicy, withRetries } from '../aws/retry';
import { NotCloudTrailError, ObjectFormatError } from '../errors';

/** A CloudTrail record with its position in the input and the sha256 of its canonical JSON. */
export interface SourcedRecord {
  readonly record: CloudTrailRecord;
  /** 0-based index in the input (`Records` array, or batch). */
  readonly index: number;
  readonly logId: string;
  readonly sha256: string;
}

/** A record that could not be used: where and why (never its content). */
export interface RecordProblem {
  readonly index?: number;
  readonly line?: number;
  readonly reason: string;
}

/** The records of one unit. */
export interface UnitRecords {
  readonly records: SourcedRecord[];
  readonly problems: RecordProblem[];
  /** Version actually read (for the audit trail), when S3 returned one. */
  readonly versionId?: string;
}

const CLOUDTRAIL_KEYS = ['eventName', 'eventSource', 'eventVersion', 'userIdentity', 'eventID'];

function looksLikeCloudTrail(value: unknown): value is CloudTrailRecord {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    CLOUDTRAIL_KEYS.some((k) => k in (value as object))
  );
}

/**
 * A record as read. The sha256 of its canonical JSON is computed on first
 * use (the findings' provenance, a record without `eventID`), not for every
 * record of a file: most records never become findings.
 */
class ReadRecord implements SourcedRecord {
  public readonly logId: string;
  private digest: string | undefined;

  constructor(
    public readonly record: CloudTrailRecord,
    public readonly index: number,
    logId?: string,
  ) {
    this.logId =
      logId ?? (typeof record.eventID === 'string' && record.eventID !== '' ? record.eventID : `sha256:${this.sha256}`);
  }

  public get sha256(): string {
    this.digest ??= recordSha256(this.record);
    return this.digest;
  }
}

function sourced(record: CloudTrailRecord, index: number, logId?: string): SourcedRecord {
  return new ReadRecord(record, index, logId);
}

/** Records passed in the event itself (EventBridge detail, Step Functions batch). */
export function recordsFromValues(values: readonly unknown[]): UnitRecords {
  const records: SourcedRecord[] = [];
  const problems: RecordProblem[] = [];
  values.forEach((value, index) => {
    if (looksLikeCloudTrail(value)) {
      records.push(sourced(value, index));
    } else {
      problems.push({ index, reason: 'not a CloudTrail event (no eventName, eventSource, eventID or userIdentity)' });
    }
  });
  return { records, problems };
}

/**
 * Reads one CloudTrail log object: GetObject (by version when the
 * notification named one), checks it is gzip, and streams it through the
 * core reader. Object-level failures are permanent errors (the message goes
 * to the dead-letter queue); bad records are returned as problems and the
 * rest of the file is still scored.
 *
 * @throws ObjectFormatError not gzip, truncated or corrupt gzip
 * @throws NotCloudTrailError valid data that is not a CloudTrail `Records` file
 */
export async function readS3Records(
  s3: S3Client,
  unit: Extract<WorkUnit, { kind: 's3' }>,
  retry: RetryPolicy = {},
): Promise<UnitRecords> {
  const name = unitName(unit);
  let bytes: Uint8Array;
  let versionId: string | undefined;
  try {
    const out = await withRetries(async () => {
      const res = await s3.send(
        new GetObjectCommand({
          Bucket: unit.bucket,
          Key: unit.key,
          ...(unit.versionId ? { VersionId: unit.versionId } : {}),
        }),
      );
      return { body: await res.Body!.transformToByteArray(), versionId: res.VersionId };
    }, retry);
    bytes = out.body;
    versionId = out.versionId ?? unit.versionId;
  } catch (error) {
    if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') {
      throw new ObjectFormatError(`${name}: object does not exist (NoSuchKey)`);
    }
    throw error;
  }
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    const head = Buffer.from(bytes.subarray(0, 4)).toString('hex');
    throw new ObjectFormatError(`${name}: not gzip (first bytes ${head || 'none'}; CloudTrail log files are gzipped)`);
  }
  const rejected: RejectedRecord[] = [];
  const records: SourcedRecord[] = [];
  const problems: RecordProblem[] = [];
  for await (const r of readLogs(
    { source: name, data: bytes },
    { kind: 'cloudtrail', onReject: (x) => rejected.push(x) },
  )) {
    const index = r.location.index ?? r.location.line ?? records.length + problems.length;
    if (r.kind === 'cloudtrail') {
      records.push(sourced(r.event, index, r.log_id));
    } else {
      problems.push({ index, reason: 'not a CloudTrail event (no eventName, eventSource, eventID or userIdentity)' });
    }
  }
  for (const r of rejected) {
    if (r.index === undefined && r.line === undefined) {
      if (/Records|not a JSON array/.test(r.reason)) throw new NotCloudTrailError(`${name}: ${r.reason}`);
      throw new ObjectFormatError(
        `${name}: ${r.reason.replace(/^cannot read input: /, 'corrupt or truncated gzip: ')}`,
      );
    }
    problems.push({ index: r.index, line: r.line, reason: r.reason });
  }
  problems.sort((a, b) => (a.index ?? a.line ?? 0) - (b.index ?? b.line ?? 0));
  if (records.length === 0 && problems.length > 0) {
    throw new NotCloudTrailError(
      `${name}: not a CloudTrail log file (no CloudTrail event; ${problems.length} unusable record(s), first: ${problems[0].reason})`,
    );
  }
  return { records, problems, ...(versionId ? { versionId } : {}) };
}
