import { asObj, either, EventView, fieldOf, Obj } from '../event-view';
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

/**
 * The id of the resource a call names in its request parameters (bucket, KMS
 * key, secret, parameter, table, function), read as `fieldOf` reads it with
 * named reads, each keeping its own inline cache (this runs for every
 * event); undefined for a service whose resources are not tracked.
 */
function resourceId(service: string, record: Obj): unknown {
  switch (service) {
    case 's3': {
      const p = parametersOf(record);
      return either(p.bucketName, p.bucketname);
    }
    case 'kms': {
      const p = parametersOf(record);
      return either(p.keyId, p.keyid);
    }
    case 'secretsmanager': {
      const p = parametersOf(record);
      return either(p.secretId, p.secretid);
    }
    case 'ssm':
      return parametersOf(record).name;
    case 'dynamodb': {
      const p = parametersOf(record);
      return either(p.tableName, p.tablename);
    }
    case 'lambda': {
      const p = parametersOf(record);
      return either(p.functionName, p.functionname);
    }
    default:
      return undefined;
  }
}

/** Request parameters as `fieldOf` reads them (no fields when absent or not an object). */
function parametersOf(record: Obj): Obj {
  return asObj(either(record.requestParameters, record.requestparameters));
}

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

/** A tracked resource: its profile key (`service:id`) and the key's profile hash. */
interface ResourceKey {
  readonly key: string;
  readonly hash: number;
}

const NO_RESOURCE: ResourceKey = { key: '', hash: 0 };
/**
 * Resource keys by service and id as read: a log touches few resources, so
 * each key is normalized, built and hashed once, and every event that names
 * the resource gets the same key string (profile lookups then compare it by
 * identity).
 */
const resourceKeys = new Map<string, Map<string, ResourceKey>>();
const RESOURCE_KEYS_PER_SERVICE = 20_000;
/** The resource key {@link featureValues} found last, for {@link featureHashes}. */
let lastResource: ResourceKey = NO_RESOURCE;

function resourceKey(service: string, id: string): ResourceKey {
  let byId = resourceKeys.get(service);
  if (byId === undefined) {
    byId = new Map();
    resourceKeys.set(service, byId);
  }
  let r = byId.get(id);
  if (r === undefined) {
    const key = `${service}:${normalizeResource(service, id)}`;
    r = { key, hash: hash53(key) };
    if (byId.size >= RESOURCE_KEYS_PER_SERVICE) byId.clear();
    byId.set(id, r);
  }
  return r;
}

function resourceKeyOf(event: EventView): ResourceKey {
  const service = event.service;
  const value = resourceId(service, event.record as Obj);
  if (typeof value === 'string' && value !== '') return resourceKey(service, value);
  if (service === 'kms') {
    const resources = fieldOf(event.record, 'resources');
    if (Array.isArray(resources)) {
      for (const resource of resources) {
        const arn = fieldOf(resource, 'ARN') ?? fieldOf(resource, 'arn');
        if (typeof arn === 'string' && arn.includes(':key/')) return resourceKey('kms', arn);
      }
    }
  }
  return NO_RESOURCE;
}

/**
 * The data resource an event touches, as `service:id` (bucket, KMS key,
 * secret, parameter, table, function), or '' when it touches none we track.
 */
export function resourceOf(event: EventView): string {
  return resourceKeyOf(event).key;
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
    (lastResource = resourceKeyOf(event)).key,
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
  out[6] = values[6] === '' ? 0 : values[6] === lastResource.key ? lastResource.hash : recurringHash53(values[6]);
}
