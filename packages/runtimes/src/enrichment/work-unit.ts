import { InvalidEventError } from '../errors';

/** One piece of input the enrichment scores as a whole. */
export type WorkUnit =
  | { readonly kind: 's3'; readonly bucket: string; readonly key: string; readonly versionId?: string }
  | { readonly kind: 'eventbridge'; readonly eventId: string; readonly record: unknown }
  | { readonly kind: 'invocation'; readonly batchId: string; readonly records: readonly unknown[] };

/** A unit's name in logs and error messages. */
export function unitName(unit: WorkUnit): string {
  if (unit.kind === 's3') {
    return `s3://${unit.bucket}/${unit.key}${unit.versionId ? `?versionId=${unit.versionId}` : ''}`;
  }
  if (unit.kind === 'eventbridge') return `eventbridge:${unit.eventId}`;
  return `invocation:${unit.batchId}`;
}

/** Why an object named in a notification was skipped. */
export interface SkippedObject {
  readonly bucket: string;
  readonly key: string;
  readonly reason: string;
}

/** Units of an S3 notification, plus the objects deliberately skipped. */
export interface NotificationUnits {
  readonly units: WorkUnit[];
  readonly skipped: SkippedObject[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** S3 event keys are URL-encoded with `+` for spaces. */
export function decodeS3Key(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    throw new InvalidEventError(`S3 object key is not valid URL encoding: ${JSON.stringify(key.slice(0, 200))}`);
  }
}

/**
 * The CloudTrail log objects named by one SQS message body: an S3 event
 * notification (`Records[].s3`), the same wrapped in SNS, or an EventBridge
 * "Object Created" event. Digest files, keys that are not `.json.gz` and the
 * S3 test event are skipped with a reason; objects outside `rawLogBucket`
 * are refused.
 *
 * @throws InvalidEventError when the body is not such a notification
 */
export function unitsFromNotification(body: string, rawLogBucket: string): NotificationUnits {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new InvalidEventError('message body is not JSON (expected an S3 event notification)');
  }
  if (isObject(value) && value.Type === 'Notification' && typeof value.Message === 'string') {
    return unitsFromNotification(value.Message, rawLogBucket);
  }
  const out: NotificationUnits = { units: [], skipped: [] };
  if (isObject(value) && value.Event === 's3:TestEvent') {
    out.skipped.push({ bucket: String(value.Bucket ?? ''), key: '', reason: 's3:TestEvent' });
    return out;
  }
  const objects: { bucket: string; key: string; versionId?: string }[] = [];
  if (isObject(value) && Array.isArray(value.Records)) {
    value.Records.forEach((r: unknown, i: number) => {
      const s3 = isObject(r) && isObject(r.s3) ? r.s3 : undefined;
      const bucket = s3 && isObject(s3.bucket) ? s3.bucket.name : undefined;
      const object = s3 && isObject(s3.object) ? s3.object : undefined;
      if (typeof bucket !== 'string' || !object || typeof object.key !== 'string') {
        throw new InvalidEventError(`notification record ${i} has no s3.bucket.name and s3.object.key`);
      }
      const versionId = typeof object.versionId === 'string' && object.versionId !== '' ? object.versionId : undefined;
      objects.push({ bucket, key: decodeS3Key(object.key), ...(versionId ? { versionId } : {}) });
    });
  } else if (isObject(value) && value.source === 'aws.s3' && isObject(value.detail)) {
    const d = value.detail;
    const bucket = isObject(d.bucket) ? d.bucket.name : undefined;
    const object = isObject(d.object) ? d.object : undefined;
    if (typeof bucket !== 'string' || !object || typeof object.key !== 'string') {
      throw new InvalidEventError('S3 EventBridge event has no detail.bucket.name and detail.object.key');
    }
    const versionId = typeof object['version-id'] === 'string' ? object['version-id'] : undefined;
    objects.push({ bucket, key: object.key, ...(versionId ? { versionId } : {}) });
  } else {
    throw new InvalidEventError('message body is not an S3 event notification (no Records array)');
  }
  for (const o of objects) {
    if (o.bucket !== rawLogBucket) {
      throw new InvalidEventError(`object s3://${o.bucket}/${o.key} is outside the raw log bucket ${rawLogBucket}`);
    }
    if (o.key.includes('/CloudTrail-Digest/')) out.skipped.push({ ...o, reason: 'CloudTrail digest file' });
    else if (!o.key.endsWith('.json.gz')) out.skipped.push({ ...o, reason: 'not a .json.gz CloudTrail log file' });
    else out.units.push({ kind: 's3', ...o });
  }
  return out;
}
