import { EventView, fieldOf } from '../event-view';
import { hash53, recurringHash53 } from '../hash';

/** Per-principal features the baseline counts. */
export const PROFILE_FEATURES = ['action', 'ip', 'network', 'region', 'ua', 'error', 'resource'] as const;
export type ProfileFeature = (typeof PROFILE_FEATURES)[number];

/** Human names of the features, for reasons. */
export const FEATURE_LABELS: Readonly<Record<ProfileFeature, string>> = {
  action: 'API call',
  ip: 'source IP',
  network: 'source network',
  region: 'region',
  ua: 'user-agent family',
  error: 'error code',
  resource: 'resource',
};

const RESOURCE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  s3: ['bucketName'],
  kms: ['keyId'],
  secretsmanager: ['secretId'],
  ssm: ['name'],
  dynamodb: ['tableName'],
  lambda: ['functionName'],
};

function normalizeResource(service: string, id: string): string {
  if (service === 'kms') {
    const m = /(?:key|alias)\/(.+)$/.exec(id);
    return m ? m[1] : id;
  }
  if (service === 'secretsmanager') {
    const m = /:secret:(.+?)(-[A-Za-z0-9]{6})?$/.exec(id);
    return m ? m[1] : id;
  }
  if (service === 'lambda') {
    const m = /:function:([^:]+)/.exec(id);
    return m ? m[1] : id;
  }
  return id;
}

/**
 * The data resource an event touches, as `service:id` (bucket, KMS key,
 * secret, parameter, table, function), or '' when it touches none we track.
 */
export function resourceOf(event: EventView): string {
  const fields = RESOURCE_FIELDS[event.service];
  if (!fields) return '';
  const parameters = fieldOf(event.record, 'requestParameters');
  for (const field of fields) {
    const value = fieldOf(parameters, field);
    if (typeof value === 'string' && value !== '') return `${event.service}:${normalizeResource(event.service, value)}`;
  }
  if (event.service === 'kms') {
    const resources = fieldOf(event.record, 'resources');
    if (Array.isArray(resources)) {
      for (const resource of resources) {
        const arn = fieldOf(resource, 'ARN') ?? fieldOf(resource, 'arn');
        if (typeof arn === 'string' && arn.includes(':key/')) return `kms:${normalizeResource('kms', arn)}`;
      }
    }
  }
  return '';
}

/** The feature values of an event, in {@link PROFILE_FEATURES} order ('' = not applicable). */
export function featureValues(event: EventView): readonly string[] {
  const routable = event.ipKind === 'public' || event.ipKind === 'private';
  return [
    event.action,
    routable ? event.sourceIp : '',
    routable ? event.network : '',
    event.region,
    event.uaFamily,
    event.errorCode || 'ok',
    resourceOf(event),
  ];
}

const OK_HASH = hash53('ok');

/**
 * The profile hashes of {@link featureValues} (0 for ''), into `out`. The
 * call, address and user-agent hashes come with the view (cached with those
 * values); the others are looked up in the hash memo.
 */
export function featureHashes(event: EventView, values: readonly string[], out: number[]): void {
  out[0] =
    values[0] === '' ? 0 : values[0] === event.callInfo.action ? event.callInfo.actionHash : recurringHash53(values[0]);
  out[1] = values[1] === '' ? 0 : event.ipInfo.ipHash;
  out[2] = values[2] === '' ? 0 : event.ipInfo.networkHash;
  out[3] = values[3] === '' ? 0 : recurringHash53(values[3]);
  out[4] = values[4] === '' ? 0 : event.uaInfo.hash;
  out[5] = values[5] === 'ok' ? OK_HASH : values[5] === '' ? 0 : recurringHash53(values[5]);
  out[6] = values[6] === '' ? 0 : recurringHash53(values[6]);
}
