import * as ipaddr from 'ipaddr.js';
import { hash53, sha256Hex } from './hash';
import { CloudTrailRecord } from '../logs/cloudtrail-record';

/** How a call ended: `denied` is an authorization failure, `failed` any other error. */
export type EventOutcome = 'success' | 'denied' | 'failed';

/** What the source address of an event is. */
export type IpKind = 'public' | 'private' | 'aws-service' | 'aws-internal' | 'hostname' | 'none';

/** The acting principal of an event, normalized. */
export interface PrincipalInfo {
  /** Finding `entity_id`: the principal ARN as recorded (an assumed-role session ARN for roles). */
  readonly entityId: string;
  /** Finding `entity_type`: `iam-user`, `assumed-role`, `root`, `federated-user`, `aws-service`, `aws-account`, `unknown`. */
  readonly entityType: string;
  /** Baseline key: the IAM user, the role behind a session, root, or a service. */
  readonly key: string;
  /** Profile hash of `key` (principals are cached: hashed once). */
  readonly keyHash: number;
  /** `userIdentity.type` as recorded (empty when absent). */
  readonly type: string;
  readonly accountId: string;
  /** IAM user name (users), role name (assumed roles). */
  readonly name: string;
  /** Assumed-role session name. */
  readonly sessionName: string;
  readonly accessKeyId: string;
  /** `userIdentity.invokedBy`: an AWS service acting for the principal. */
  readonly invokedBy: string;
  /** The session or login used MFA. */
  readonly mfa: boolean;
  /** A person rather than a workload: root, IAM or federated users, SSO and SAML sessions. */
  readonly human: boolean;
}

/**
 * A CloudTrail record with the fields the detector needs extracted once and
 * normalized (case variants of keys, time formats, principal, network, user
 * agent family). Built by {@link toEventView}; never throws.
 */
export interface EventView {
  readonly record: CloudTrailRecord;
  /** `eventID`, or `sha256:<hash of the record>` when the record has none. */
  readonly logId: string;
  /** ISO-8601 time, or the raw value when it cannot be parsed. */
  readonly eventTime: string;
  /** Epoch milliseconds; `NaN` when the record has no usable time. */
  readonly timeMs: number;
  readonly eventSource: string;
  readonly eventName: string;
  /** `eventSource` without `.amazonaws.com`, e.g. `s3`. */
  readonly service: string;
  /** `service:eventName`, e.g. `s3:GetObject`. */
  readonly action: string;
  readonly region: string;
  readonly sourceIp: string;
  readonly ipKind: IpKind;
  /** Network prefix of a source IP: `/24` for IPv4, `/48` for IPv6; empty otherwise. */
  readonly network: string;
  readonly userAgent: string;
  /** Tool and operating system family of the user agent, version-free, e.g. `aws-cli|linux`. */
  readonly uaFamily: string;
  readonly errorCode: string;
  readonly outcome: EventOutcome;
  readonly readOnly: boolean | undefined;
  readonly recipientAccountId: string;
  readonly eventType: string;
  /** `vpcEndpointId` when the call went through an interface VPC endpoint. */
  readonly vpcEndpointId: string;
  readonly principal: PrincipalInfo;
  /*
   * The cached call names, address class and user-agent family the fields
   * above come from, with their profile hashes: scoring and learning then
   * skip a hash lookup per feature (and the view allocates nothing more).
   */
  readonly callInfo: CallNames;
  readonly ipInfo: IpClass;
  readonly uaInfo: UaFamily;
}

/** A JSON object whose fields are read. */
export type Obj = Readonly<Record<string, unknown>>;

const lowerKeys = new Map<string, string>();

/** Field access that also accepts the all-lowercase key variants some log pipelines write. */
export function fieldOf(obj: unknown, key: string): unknown {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const record = obj as Obj;
  const value = record[key];
  if (value !== undefined) return value;
  let lower = lowerKeys.get(key);
  if (lower === undefined) {
    lower = key.toLowerCase();
    if (lowerKeys.size < 10_000) lowerKeys.set(key, lower);
  }
  return lower === key ? undefined : record[lower];
}

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** The hour (`YYYY-MM-DDTHH`) of the last time parsed, and its epoch milliseconds. */
let lastHour = '';
let lastHourMs = Number.NaN;

/**
 * `YYYY-MM-DDTHH:MM:SSZ` without the general date parser (the hot path:
 * CloudTrail writes this form). Events come roughly in time order, so the
 * hour is usually the previous event's: only minutes and seconds are read
 * (`Date.UTC` adds them linearly, so the result is the same).
 */
function parseIsoSeconds(raw: string): number {
  const minutes = digits(raw, 14, 16);
  const seconds = digits(raw, 17, 19);
  if (Number.isNaN(minutes) || Number.isNaN(seconds)) return Date.parse(raw);
  if (lastHour === '' || !raw.startsWith(lastHour)) {
    const hourMs = Date.UTC(digits(raw, 0, 4), digits(raw, 5, 7) - 1, digits(raw, 8, 10), digits(raw, 11, 13));
    if (Number.isNaN(hourMs)) return Date.parse(raw);
    lastHour = raw.slice(0, 14);
    lastHourMs = hourMs;
  }
  return lastHourMs + minutes * 60_000 + seconds * 1_000;
}

/** Parses CloudTrail time variants (`2024-01-01T00:00:00Z`, `2024-01-01 00:00:00.000000000`). */
export function parseEventTime(raw: string): number {
  if (raw === '') return NaN;
  if (raw.length === 20 && raw.charCodeAt(10) === 84 && raw.charCodeAt(19) === 90) return parseIsoSeconds(raw);
  const direct = Date.parse(raw);
  if (!Number.isNaN(direct) && /[zZ]|[+-]\d\d:?\d\d$/.test(raw)) return direct;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(raw.trim());
  if (!m) return direct;
  const fraction = m[3] ? m[3].slice(0, 4) : '';
  const zone = m[4] ? m[4].toUpperCase() : 'Z';
  return Date.parse(`${m[1]}T${m[2]}${fraction}${zone}`);
}

const DENIED = /accessdenied|unauthorized|forbidden|notauthorized|authfailure|authorizationerror|notpermitted/i;

/** What {@link classifyIp} says about an address, with the profile hashes of the address and its network. */
export interface IpClass {
  readonly kind: IpKind;
  readonly network: string;
  readonly ipHash: number;
  readonly networkHash: number;
}

const ipCache = new Map<string, IpClass>();

/** Classifies a source address and returns its network prefix (results remembered per address). */
export function classifyIp(value: string): { readonly kind: IpKind; readonly network: string } {
  const { kind, network } = ipClassOf(value);
  return { kind, network };
}

function ipClassOf(value: string): IpClass {
  let cached = ipCache.get(value);
  if (!cached) {
    const { kind, network } = computeIpClass(value);
    cached = {
      kind,
      network,
      ipHash: value === '' ? 0 : hash53(value),
      networkHash: network === '' ? 0 : hash53(network),
    };
    // Bounded without churn: once full, new addresses are classified without being remembered.
    if (ipCache.size < 20_000) ipCache.set(value, cached);
  }
  return cached;
}

function computeIpClass(value: string): { readonly kind: IpKind; readonly network: string } {
  if (value === '') return { kind: 'none', network: '' };
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    const network = `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
    const priv =
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127);
    return { kind: priv ? 'private' : 'public', network };
  }
  if (value.includes(':') && ipaddr.IPv6.isValid(value)) {
    const addr = ipaddr.IPv6.parse(value);
    const parts = addr.parts;
    const network = `${parts[0].toString(16)}:${parts[1].toString(16)}:${parts[2].toString(16)}::/48`;
    const range = addr.range();
    const priv = range === 'uniqueLocal' || range === 'linkLocal' || range === 'loopback' || range === 'unspecified';
    if (addr.isIPv4MappedAddress()) return computeIpClass(addr.toIPv4Address().toString());
    return { kind: priv ? 'private' : 'public', network };
  }
  if (value === 'AWS Internal') return { kind: 'aws-internal', network: '' };
  if (/\.amazonaws\.com$/i.test(value)) return { kind: 'aws-service', network: '' };
  return { kind: 'hostname', network: '' };
}

const UA_TOOLS: readonly (readonly [RegExp, string])[] = [
  [/^console\.|^signin\.amazonaws\.com$|^AWS Console|console\.aws\.amazon\.com/i, 'console'],
  [/^AWS Internal$|^[a-z0-9.-]+\.amazonaws\.com$|^aws-internal\//i, 'aws-service'],
  [/terraform/i, 'terraform'],
  [/pulumi/i, 'pulumi'],
  [/^aws-cli\/|\baws-cli\//i, 'aws-cli'],
  [/boto3|botocore/i, 'boto3'],
  [/aws-sdk-java|aws-sdk-kotlin/i, 'sdk-java'],
  [/aws-sdk-go/i, 'sdk-go'],
  [/aws-sdk-js|aws-sdk-nodejs|@aws-sdk\//i, 'sdk-js'],
  [/AWSPowerShell/i, 'powershell'],
  [/aws-sdk-dotnet/i, 'sdk-dotnet'],
  [/aws-sdk-ruby/i, 'sdk-ruby'],
  [/aws-sdk-php/i, 'sdk-php'],
  [/aws-sdk-rust/i, 'sdk-rust'],
  [/aws-sdk-cpp/i, 'sdk-cpp'],
  [/^Mozilla\//i, 'browser'],
  [/python-requests|curl\/|Go-http-client|okhttp|wget/i, 'http-client'],
];

/** A user-agent family and its profile hash. */
export interface UaFamily {
  readonly family: string;
  readonly hash: number;
}

const uaCache = new Map<string, UaFamily>();

/** Version-free family of a user agent: the tool and, where stated, the operating system. */
export function userAgentFamily(userAgent: string): string {
  return uaFamilyOf(userAgent).family;
}

function uaFamilyOf(userAgent: string): UaFamily {
  let cached = uaCache.get(userAgent);
  if (cached === undefined) {
    const family = computeUserAgentFamily(userAgent);
    cached = { family, hash: hash53(family) };
    if (uaCache.size < 10_000) uaCache.set(userAgent, cached);
  }
  return cached;
}

function computeUserAgentFamily(userAgent: string): string {
  let family = '';
  if (userAgent === '') {
    family = 'none';
  } else {
    for (const [pattern, name] of UA_TOOLS) {
      if (pattern.test(userAgent)) {
        family = name;
        break;
      }
    }
    if (family === '') {
      const first = /^\[?([A-Za-z][A-Za-z_.-]*)/.exec(userAgent);
      family = first ? first[1].toLowerCase().slice(0, 32) : 'other';
    }
    if (family !== 'console' && family !== 'aws-service') {
      if (/linux|ubuntu|debian|kali|fedora|centos|amzn/i.test(userAgent)) family += '|linux';
      else if (/darwin|mac ?os|macintosh/i.test(userAgent)) family += '|macos';
      else if (/windows|win32|win64/i.test(userAgent)) family += '|windows';
    }
  }
  return family;
}

/** Last `/`-separated segment of an ARN resource, e.g. the user name of `arn:aws:iam::1:user/path/alice`. */
function lastSegment(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash >= 0 ? arn.slice(slash + 1) : '';
}

/** `arn:aws:sts::1:assumed-role/Role/session` → `{ role ARN, role name, session }`. */
function parseAssumedRoleArn(arn: string): { roleArn: string; roleName: string; session: string } | undefined {
  const m = /^arn:([\w-]+):sts::(\d*):assumed-role\/([^/]+)(?:\/(.*))?$/.exec(arn);
  if (!m) return undefined;
  return { roleArn: `arn:${m[1]}:iam::${m[2]}:role/${m[3]}`, roleName: m[3], session: m[4] ?? '' };
}

/** The identity fields of a record that a {@link PrincipalInfo} depends on, as read. */
interface IdentityFields {
  readonly type: string;
  readonly accountId: string;
  readonly invokedBy: string;
  readonly principalId: string;
  readonly userName: string;
  readonly issuerArn: string;
  readonly issuerUserName: string;
  readonly mfaAuthenticated: string;
  readonly mfaUsed: string;
  readonly samlProviderArn: string;
  readonly recipientAccountId: string;
  /** Source address, for AWS services only (it names the service when `invokedBy` is absent). */
  readonly serviceSource: string;
}

interface CachedPrincipal {
  /** The access key the result was computed for. */
  readonly accessKeyId: string;
  /** The identity fields the result was computed from (compared on every hit). */
  readonly identity: IdentityFields;
  readonly info: PrincipalInfo;
}

/**
 * Per ARN, the variant seen (or the few variants: access keys, with and
 * without MFA context, console sign-ins). Keyed by the ARN string as read, so
 * that a hit builds no key.
 */
const principalCache = new Map<string, CachedPrincipal | CachedPrincipal[]>();
const MAX_PRINCIPAL_VARIANTS = 8;

/**
 * `fieldOf` for one known key: the camel-case value, else the lowercase
 * variant's. Callers pass both as named reads (`ui.accountId, ui.accountid`),
 * so each read keeps its own inline cache: a log has few shapes of
 * `userIdentity` and fewer of `sessionContext`, where one generic keyed read
 * would see them all (the principal check runs for every event).
 */
export function either(camel: unknown, lower: unknown): unknown {
  return camel !== undefined ? camel : lower;
}

const NO_FIELDS: Obj = Object.freeze({});

/** The value as an object to read fields of; {@link NO_FIELDS} when it is not one (as `fieldOf` reads it). */
export function asObj(value: unknown): Obj {
  return typeof value === 'object' && value !== null ? (value as Obj) : NO_FIELDS;
}

/*
 * Each identity field is read in one place, as `fieldOf` reads it, for both
 * {@link identityOf} (on a cache miss) and {@link sameIdentity} (every hit).
 */
const accountIdOf = (ui: Obj): string => str(either(ui.accountId, ui.accountid));
const invokedByOf = (ui: Obj): string => str(either(ui.invokedBy, ui.invokedby));
const principalIdOf = (ui: Obj): string => str(either(ui.principalId, ui.principalid));
const userNameOf = (ui: Obj): string => str(either(ui.userName, ui.username));
const sessionOf = (ui: Obj): Obj => asObj(either(ui.sessionContext, ui.sessioncontext));
const issuerOf = (session: Obj): Obj => asObj(either(session.sessionIssuer, session.sessionissuer));
const issuerUserNameOf = (issuer: Obj): string => str(either(issuer.userName, issuer.username));
const mfaAuthenticatedOf = (session: Obj): string => {
  const attributes = asObj(session.attributes);
  return str(either(attributes.mfaAuthenticated, attributes.mfaauthenticated));
};
const extraOf = (record: Obj): Obj => asObj(either(record.additionalEventData, record.additionaleventdata));
const mfaUsedOf = (extra: Obj): string => str(either(extra.MFAUsed, extra.mfaused));
const samlProviderArnOf = (extra: Obj): string => str(either(extra.SamlProviderArn, extra.samlproviderarn));
const recipientOf = (record: Obj): string => str(either(record.recipientAccountId, record.recipientaccountid));
const serviceSourceOf = (record: Obj, type: string): string =>
  type === 'AWSService' ? str(either(record.sourceIPAddress, record.sourceipaddress)) : '';

/** Reads the identity fields of a record. */
function identityOf(record: Obj, ui: Obj, type: string): IdentityFields {
  const session = sessionOf(ui);
  const issuer = issuerOf(session);
  const extra = extraOf(record);
  return {
    type,
    accountId: accountIdOf(ui),
    invokedBy: invokedByOf(ui),
    principalId: principalIdOf(ui),
    userName: userNameOf(ui),
    issuerArn: str(issuer.arn),
    issuerUserName: issuerUserNameOf(issuer),
    mfaAuthenticated: mfaAuthenticatedOf(session),
    mfaUsed: mfaUsedOf(extra),
    samlProviderArn: samlProviderArnOf(extra),
    recipientAccountId: recipientOf(record),
    serviceSource: serviceSourceOf(record, type),
  };
}

/** True when the record has exactly these identity fields (compared without building anything). */
function sameIdentity(id: IdentityFields, record: Obj, ui: Obj, type: string): boolean {
  if (
    id.type !== type ||
    id.accountId !== accountIdOf(ui) ||
    id.invokedBy !== invokedByOf(ui) ||
    id.principalId !== principalIdOf(ui) ||
    id.userName !== userNameOf(ui)
  ) {
    return false;
  }
  const session = sessionOf(ui);
  const issuer = issuerOf(session);
  if (
    id.issuerArn !== str(issuer.arn) ||
    id.issuerUserName !== issuerUserNameOf(issuer) ||
    id.mfaAuthenticated !== mfaAuthenticatedOf(session)
  ) {
    return false;
  }
  const extra = extraOf(record);
  return (
    id.mfaUsed === mfaUsedOf(extra) &&
    id.samlProviderArn === samlProviderArnOf(extra) &&
    id.recipientAccountId === recipientOf(record) &&
    id.serviceSource === serviceSourceOf(record, type)
  );
}

/**
 * Normalizes the acting principal of a record. Results are cached by the
 * ARN and access key, and verified against the other identity fields they
 * depend on (a log has few distinct principals).
 */
export function principalOf(record: CloudTrailRecord): PrincipalInfo {
  const r = record as Obj;
  const ui = asObj(either(r.userIdentity, r.useridentity));
  const arn = str(ui.arn);
  const accessKeyId = str(either(ui.accessKeyId, ui.accesskeyid));
  const type = str(ui.type);
  const cached = principalCache.get(arn);
  if (cached !== undefined) {
    if (!Array.isArray(cached)) {
      if (cached.accessKeyId === accessKeyId && sameIdentity(cached.identity, r, ui, type)) return cached.info;
    } else {
      for (let i = 0; i < cached.length; i++) {
        const v = cached[i];
        if (v.accessKeyId === accessKeyId && sameIdentity(v.identity, r, ui, type)) return v.info;
      }
    }
  } else if (principalCache.size >= 100_000) {
    return computePrincipal(record);
  }
  const info = computePrincipal(record);
  const entry: CachedPrincipal = { accessKeyId, identity: identityOf(r, ui, type), info };
  if (cached === undefined) {
    principalCache.set(arn, entry);
  } else if (!Array.isArray(cached)) {
    principalCache.set(arn, [cached, entry]);
  } else {
    if (cached.length >= MAX_PRINCIPAL_VARIANTS) cached.shift();
    cached.push(entry);
  }
  return info;
}

interface Base {
  readonly type: string;
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly invokedBy: string;
  readonly mfa: boolean;
  readonly sessionName: string;
}

/** One object literal, one shape: compact in memory (principals are cached for the whole run). */
function principal(
  b: Base,
  entityId: string,
  entityType: string,
  key: string,
  name: string,
  human: boolean,
): PrincipalInfo {
  return {
    entityId,
    entityType,
    key,
    keyHash: hash53(key),
    type: b.type,
    accountId: b.accountId,
    name,
    sessionName: b.sessionName,
    accessKeyId: b.accessKeyId,
    invokedBy: b.invokedBy,
    mfa: b.mfa,
    human,
  };
}

/** {@link principalOf} without its cache (what every cache hit must equal; for tests and one-off reads). */
export function computePrincipal(record: CloudTrailRecord): PrincipalInfo {
  const ui = fieldOf(record, 'userIdentity');
  const type = str(fieldOf(ui, 'type'));
  const arn = str(fieldOf(ui, 'arn')).trim();
  const recipient = str(fieldOf(record, 'recipientAccountId'));
  const accountId = str(fieldOf(ui, 'accountId')) || recipient;
  const accessKeyId = str(fieldOf(ui, 'accessKeyId'));
  const invokedBy = str(fieldOf(ui, 'invokedBy'));
  const principalId = str(fieldOf(ui, 'principalId'));
  const session = fieldOf(ui, 'sessionContext');
  const issuer = fieldOf(session, 'sessionIssuer');
  const attributes = fieldOf(session, 'attributes');
  const extra = fieldOf(record, 'additionalEventData');
  const mfa =
    str(fieldOf(attributes, 'mfaAuthenticated')).toLowerCase() === 'true' ||
    str(fieldOf(extra, 'MFAUsed')).toLowerCase() === 'yes';
  const samlLogin = str(fieldOf(extra, 'SamlProviderArn')) !== '';
  const base: Base = { type, accountId, accessKeyId, invokedBy, mfa, sessionName: '' };

  if (type === 'Root' || /:root$/.test(arn)) {
    const key = arn || `arn:aws:iam::${accountId}:root`;
    return principal(base, key, 'root', key, 'root', true);
  }
  if (type === 'IAMUser') {
    const name = str(fieldOf(ui, 'userName')) || lastSegment(arn);
    const key = arn || (name ? `arn:aws:iam::${accountId}:user/${name}` : principalId || accessKeyId || 'unknown');
    return principal(base, key, 'iam-user', key, name, true);
  }
  const assumed = parseAssumedRoleArn(arn);
  if (type === 'AssumedRole' || assumed) {
    const issuerArn = str(fieldOf(issuer, 'arn'));
    const roleArn = issuerArn || assumed?.roleArn || arn || principalId || 'unknown';
    const roleName = str(fieldOf(issuer, 'userName')) || assumed?.roleName || lastSegment(roleArn);
    const sessionName = assumed?.session ?? (principalId.includes(':') ? principalId.split(':')[1] : '');
    const human =
      samlLogin ||
      /aws-reserved\/sso\.amazonaws\.com|AWSReservedSSO_/i.test(roleArn) ||
      /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(sessionName);
    // A person's session is its own baseline (SSO permission-set roles are shared by many
    // people); a workload's sessions (instance ids, random names) share the role's.
    const key = human && arn !== '' ? arn : roleArn;
    return principal({ ...base, sessionName }, arn || roleArn, 'assumed-role', key, roleName, human);
  }
  if (type === 'FederatedUser') {
    const key = arn || principalId || 'unknown';
    return principal(base, key, 'federated-user', key, lastSegment(key) || key, true);
  }
  if (type === 'AWSService') {
    const service = invokedBy || str(fieldOf(record, 'sourceIPAddress')) || 'unknown';
    const key = `service:${service}`;
    return principal(base, key, 'aws-service', key, service, false);
  }
  if (type === 'AWSAccount') {
    const key = `account:${accountId}${principalId ? `:${principalId}` : ''}`;
    return principal(base, key, 'aws-account', key, principalId, false);
  }
  const name = str(fieldOf(ui, 'userName'));
  const key = arn || (name ? `${type || 'user'}:${name}` : '') || principalId || accessKeyId || 'unknown';
  const human = /IdentityCenterUser|SAMLUser|WebIdentityUser|Directory/i.test(type) || samlLogin;
  return principal(base, key, key === 'unknown' ? 'unknown' : 'principal', key, name, human);
}

/** Service and `service:eventName` of an event source and name (remembered: a log has few distinct calls). */
export interface CallNames {
  readonly service: string;
  readonly action: string;
  /** Profile hash of `action`. */
  readonly actionHash: number;
}

const callCache = new Map<string, Map<string, CallNames>>();

function callNames(eventSource: string, eventName: string): CallNames {
  let byName = callCache.get(eventSource);
  if (byName === undefined) {
    if (callCache.size >= 1_000) callCache.clear();
    byName = new Map();
    callCache.set(eventSource, byName);
  }
  let names = byName.get(eventName);
  if (names === undefined) {
    const service = eventSource.endsWith('.amazonaws.com') ? eventSource.slice(0, -14) : eventSource;
    const action = `${service}:${eventName}`;
    names = { service, action, actionHash: hash53(action) };
    if (byName.size >= 5_000) byName.clear();
    byName.set(eventName, names);
  }
  return names;
}

/**
 * Builds the normalized view of a record. Never throws, whatever the record
 * holds. `logId`, when given, replaces the record's own log id (a reader's
 * id for a record without `eventID`).
 */
export function toEventView(record: CloudTrailRecord, logId?: string): EventView {
  const r = record as Obj;
  // Records with the usual camel-case keys are read directly (the hot path); others also accept lowercase keys.
  if (r.eventName !== undefined && r.eventSource !== undefined && r.eventTime !== undefined) {
    return buildView(
      record,
      logId,
      str(r.eventTime),
      str(r.eventSource),
      str(r.eventName),
      str(r.sourceIPAddress),
      str(r.userAgent),
      str(r.errorCode),
      r.responseElements,
      str(r.eventID),
      r.readOnly,
      str(r.awsRegion),
      str(r.recipientAccountId),
      str(r.eventType),
      str(r.vpcEndpointId),
    );
  }
  return buildView(
    record,
    logId,
    str(fieldOf(r, 'eventTime')),
    str(fieldOf(r, 'eventSource')),
    str(fieldOf(r, 'eventName')),
    str(fieldOf(r, 'sourceIPAddress')),
    str(fieldOf(r, 'userAgent')),
    str(fieldOf(r, 'errorCode')),
    fieldOf(r, 'responseElements'),
    str(fieldOf(r, 'eventID')),
    fieldOf(r, 'readOnly'),
    str(fieldOf(r, 'awsRegion')),
    str(fieldOf(r, 'recipientAccountId')),
    str(fieldOf(r, 'eventType')),
    str(fieldOf(r, 'vpcEndpointId')),
  );
}

function buildView(
  record: CloudTrailRecord,
  logId: string | undefined,
  rawTime: string,
  eventSource: string,
  eventName: string,
  sourceIp: string,
  userAgent: string,
  errorCode: string,
  responseElements: unknown,
  eventId: string,
  readOnlyRaw: unknown,
  region: string,
  recipientAccountId: string,
  eventType: string,
  vpcEndpointId: string,
): EventView {
  const timeMs = parseEventTime(rawTime);
  const call = callNames(eventSource, eventName);
  const ip = ipClassOf(sourceIp);
  const ua = uaFamilyOf(userAgent);
  let outcome: EventOutcome = 'success';
  if (errorCode !== '') {
    outcome = DENIED.test(errorCode) || /failed authentication/i.test(errorCode) ? 'denied' : 'failed';
  }
  if (eventName === 'ConsoleLogin' && str(fieldOf(responseElements, 'ConsoleLogin')).toLowerCase() === 'failure') {
    outcome = 'denied';
  }
  const iso = rawTime.length === 20 && rawTime.charCodeAt(10) === 84 && rawTime.charCodeAt(19) === 90; // T, Z
  return {
    record,
    logId: logId ?? (eventId || `sha256:${sha256Hex(safeStringify(record))}`),
    eventTime: Number.isNaN(timeMs) || iso ? rawTime : new Date(timeMs).toISOString(),
    timeMs,
    eventSource,
    eventName,
    service: call.service,
    action: call.action,
    region,
    sourceIp,
    ipKind: ip.kind,
    network: ip.network,
    userAgent,
    uaFamily: ua.family,
    errorCode,
    outcome,
    readOnly: typeof readOnlyRaw === 'boolean' ? readOnlyRaw : readOnlyRaw === 'true' ? true : undefined,
    recipientAccountId,
    eventType,
    vpcEndpointId,
    principal: principalOf(record),
    callInfo: call,
    ipInfo: ip,
    uaInfo: ua,
  };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}
