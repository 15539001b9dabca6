import { EntityMention } from './entity-mention';
import { EntityType } from './entity-types';
import { joinPath } from './field-path';
import { Recognition } from './recognition';
import { recognizeAs, recognizeUnambiguous } from './recognize';
import { CloudTrailRecord } from '../logs/cloudtrail-record';
import { LogRecord } from '../logs/log-record';
import { NerTagger } from '../ner/tagger';
import { tokenize } from '../ner/tokenizer';
import { recognizeArn } from './recognizers/arn';
import { recognizeAccountId } from './recognizers/aws-ids';
import { recognizeIp } from './recognizers/ip';
import { recognizeKmsAlias, recognizeKmsKeyId } from './recognizers/kms';

/** Options of {@link extractEntities}. */
export interface ExtractOptions {
  /**
   * Tagger for free text (and prose fields of structured records). Without it
   * only recognizers run: context-dependent entities in text are missed.
   * @default - none
   */
  readonly tagger?: NerTagger;
}

type FieldRule = EntityType | 'ip' | 'kms' | 'skip' | 'host' | 'principal' | 'username';

/** Leaf key (lowercased) → what its value is. Keys not listed get a validating scan. */
const FIELD_RULES: ReadonlyMap<string, FieldRule> = new Map<string, FieldRule>([
  ...[
    'accountid',
    'recipientaccountid',
    'owneraccountid',
    'groupownerid',
    'ownerid',
    'vpcendpointaccountid',
    'awsaccountid',
    'account-id',
    'sourceaccount',
    'targetaccountid',
  ].map((k) => [k, 'aws-account-id'] as [string, FieldRule]),
  ['accesskeyid', 'access-key-id'],
  ...[
    'sourceipaddress',
    'srcaddr',
    'dstaddr',
    'pkt-srcaddr',
    'pkt-dstaddr',
    'ipaddress',
    'privateipaddress',
    'publicipaddress',
    'publicip',
    'privateip',
    'cidrip',
    'cidripv4',
    'cidripv6',
    'ipv6address',
    'sourceip',
    'clientip',
    'remoteip',
    'ipv4',
    'ipv6',
    'srcip',
    'dstip',
    'localip',
  ].map((k) => [k, 'ip'] as [string, FieldRule]),
  ['instanceid', 'instance-id'],
  ['vpcid', 'vpc-id'],
  ['vpc-id', 'vpc-id'],
  ['subnetid', 'subnet-id'],
  ['subnet-id', 'subnet-id'],
  ['instance-id', 'instance-id'],
  ['networkinterfaceid', 'eni-id'],
  ['interface-id', 'eni-id'],
  ['vpcendpointid', 'vpc-endpoint-id'],
  ...['bucketname', 'bucket', 's3bucket', 's3bucketname', 'targetbucket'].map(
    (k) => [k, 's3-bucket'] as [string, FieldRule],
  ),
  ...[
    'keyid',
    'kmskeyid',
    'kmskeyarn',
    'targetkeyid',
    'x-amz-server-side-encryption-aws-kms-key-id',
    'sseawskmskeyid',
    'kmsmasterkeyid',
    'destinationkeyid',
    'sourcekeyid',
  ].map((k) => [k, 'kms'] as [string, FieldRule]),
  ['aliasname', 'kms-alias'],
  ['rolename', 'iam-role-name'],
  ['username', 'username'],
  ['host', 'host'],
  ['principalid', 'principal'],
  ...[
    'useragent',
    'eventsource',
    'eventname',
    'eventtime',
    'eventtype',
    'eventcategory',
    'eventversion',
    'requestid',
    'eventid',
    'sharedeventid',
    'awsregion',
    'invokedby',
    'clientprovidedhostheader',
    'ciphersuite',
    'tlsversion',
    'creationdate',
    'mfaauthenticated',
    'type',
    'x-amz-id-2',
    'errorcode',
    'signatureversion',
    'authenticationmethod',
    'p_event_time',
    'p_parse_time',
    'p_row_id',
  ].map((k) => [k, 'skip'] as [string, FieldRule]),
]);

/** Keys whose values are secrets: never scanned, never echoed. */
const SECRET_KEY =
  /(secret(access)?key|sessiontoken|password|passwd|privatekey|^token$|authorizationtoken|^signature$|credentialsecret)/i;

/** Groups of id fields where the field name asserts the type even when the value is odd. */
const LENIENT_TYPES = new Set<EntityType>([
  'aws-account-id',
  'instance-id',
  'vpc-id',
  'subnet-id',
  'eni-id',
  'vpc-endpoint-id',
  'access-key-id',
]);

const HOSTED_BUCKET = /^([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com(\.cn)?$/;

interface Base {
  readonly log_id: string;
  readonly source: string;
  readonly line?: number;
  readonly index?: number;
}

/**
 * Entities of one record: field-aware for CloudTrail and JSON (field path
 * per mention), per column for VPC flow lines, recognizers plus the tagger
 * for free text (offsets that slice back to the line).
 *
 * @example
 * for await (const record of readLogs('trail.json.gz')) for (const m of extractEntities(record, { tagger })) console.log(m.entity_id);
 */
export function extractEntities(record: LogRecord, options: ExtractOptions = {}): EntityMention[] {
  const base: Base = {
    log_id: record.log_id,
    source: record.location.source,
    ...(record.location.line !== undefined ? { line: record.location.line } : {}),
    ...(record.location.index !== undefined ? { index: record.location.index } : {}),
  };
  const out: EntityMention[] = [];
  switch (record.kind) {
    case 'cloudtrail':
      walkObject(record.event as Record<string, unknown>, '', base, out, options, record.event);
      break;
    case 'json':
      walkObject(record.value, '', base, out, options, undefined);
      break;
    case 'vpcflow':
      extractVpcFlow(record.text, record.columns, base, out);
      break;
    case 'text':
      extractText(record.text, base, out, options.tagger, undefined);
      break;
  }
  return out;
}

/** Entities of a free-text string (offsets into `text`). */
export function extractFromText(text: string, base: Base, options: ExtractOptions = {}): EntityMention[] {
  const out: EntityMention[] = [];
  extractText(text, base, out, options.tagger, undefined);
  return out;
}

/** Entities of a CloudTrail event (field paths relative to the event). */
export function extractFromCloudTrail(
  event: CloudTrailRecord,
  base: Base,
  options: ExtractOptions = {},
): EntityMention[] {
  const out: EntityMention[] = [];
  walkObject(event as Record<string, unknown>, '', base, out, options, event);
  return out;
}

function push(
  out: EntityMention[],
  base: Base,
  r: Recognition,
  text: string,
  method: EntityMention['method'],
  field?: string,
  start?: number,
  end?: number,
): void {
  // One literal with a fixed shape (undefined members are left out by JSON.stringify).
  out.push({
    entity_id: r.entity_id,
    entity_type: r.type,
    log_id: base.log_id,
    source: base.source,
    line: base.line,
    index: base.index,
    field,
    start,
    end: start === undefined ? undefined : end,
    text,
    flags: r.flags,
    method,
    detail: r.detail,
  });
}

interface KeyInfo {
  readonly rule: FieldRule | undefined;
  readonly secret: boolean;
}

const KEY_INFO = new Map<string, KeyInfo>();

/** Field rule and secrecy of a key (cached: logs reuse few key names). */
function keyInfo(key: string): KeyInfo {
  let info = KEY_INFO.get(key);
  if (!info) {
    info = { rule: FIELD_RULES.get(key.toLowerCase()), secret: SECRET_KEY.test(key) };
    if (KEY_INFO.size < 10_000) KEY_INFO.set(key, info);
  }
  return info;
}

function walkObject(
  obj: Record<string, unknown>,
  path: string,
  base: Base,
  out: EntityMention[],
  options: ExtractOptions,
  event: CloudTrailRecord | undefined,
): void {
  for (const key in obj) {
    const value = obj[key];
    if (value === null || value === undefined) continue;
    const t = typeof value;
    if (t === 'string') {
      handleString(key, path, key, value as string, base, out, options, event);
    } else if (t === 'object') {
      if (keyInfo(key).secret) continue;
      if (Array.isArray(value)) walkArray(value, joinPath(path, key), key, base, out, options, event);
      else walkObject(value as Record<string, unknown>, joinPath(path, key), base, out, options, event);
    } else if (t === 'number' && Number.isInteger(value)) {
      if (keyInfo(key).rule === 'aws-account-id') {
        const text = String(value);
        const r = recognizeAccountId(text);
        if (r) push(out, base, r, text, 'field', joinPath(path, key));
      }
    }
  }
}

function walkArray(
  arr: readonly unknown[],
  path: string,
  key: string,
  base: Base,
  out: EntityMention[],
  options: ExtractOptions,
  event: CloudTrailRecord | undefined,
): void {
  for (let i = 0; i < arr.length; i++) {
    const value = arr[i];
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') {
      handleString(key, path, i, value, base, out, options, event);
    } else if (Array.isArray(value)) {
      walkArray(value, `${path}[${i}]`, key, base, out, options, event);
    } else if (typeof value === 'object') {
      walkObject(value as Record<string, unknown>, `${path}[${i}]`, base, out, options, event);
    }
  }
}

function handleString(
  key: string,
  parent: string,
  segment: string | number,
  value: string,
  base: Base,
  out: EntityMention[],
  options: ExtractOptions,
  event: CloudTrailRecord | undefined,
): void {
  if (value.length === 0) return;
  const { rule, secret } = keyInfo(key);
  if (rule === 'skip' || secret) return;
  if (rule === undefined && value.length < 7 && value.indexOf(':') < 0) return;
  const path = joinPath(parent, segment);
  if (rule !== undefined) {
    const r = fieldRecognition(rule, value, path, event);
    if (r) {
      push(out, base, r, value, 'field', path);
      return;
    }
    if (rule === 'host') {
      const m = HOSTED_BUCKET.exec(value);
      if (m) push(out, base, { type: 's3-bucket', entity_id: m[1], flags: [] }, m[1], 'field', path, 0, m[1].length);
      return;
    }
    if (rule === 'principal' || rule === 'username') return;
  }
  if (value.length < 7 && value.indexOf(':') < 0) return;
  scanString(value, path, base, out, options);
}

const FIELD_CACHE = new Map<FieldRule, Map<string, Recognition | null>>();

/** Field rule answers for values that do not depend on the event (most of them), remembered. */
function fieldRecognition(
  rule: FieldRule,
  value: string,
  path: string,
  event: CloudTrailRecord | undefined,
): Recognition | undefined {
  if (rule === 'principal' || rule === 'username') return fieldRecognitionUncached(rule, value, path, event);
  let byValue = FIELD_CACHE.get(rule);
  if (!byValue) {
    byValue = new Map();
    FIELD_CACHE.set(rule, byValue);
  }
  const cached = byValue.get(value);
  if (cached !== undefined) return cached === null ? undefined : cached;
  const r = fieldRecognitionUncached(rule, value, path, event);
  if (byValue.size >= 20_000) byValue.clear();
  byValue.set(value, r ?? null);
  return r;
}

function fieldRecognitionUncached(
  rule: FieldRule,
  value: string,
  path: string,
  event: CloudTrailRecord | undefined,
): Recognition | undefined {
  const v = value.trim();
  switch (rule) {
    case 'ip':
      return recognizeIp(v);
    case 'kms': {
      const arn = recognizeArn(v);
      if (arn) return arn.type === 'kms-key-arn' || arn.type === 'kms-alias-arn' ? arn : undefined;
      return recognizeKmsKeyId(v) ?? recognizeKmsAlias(v);
    }
    case 'principal':
      return event?.userIdentity?.type === 'Root' && path === 'userIdentity.principalId'
        ? recognizeAccountId(v)
        : undefined;
    case 'username':
      if (path.endsWith('sessionIssuer.userName')) return recognizeAs('iam-role-name', v);
      if (path === 'userIdentity.userName' && event?.userIdentity?.type !== 'IAMUser') return undefined;
      return recognizeAs('iam-user-name', v);
    case 'host':
    case 'skip':
      return undefined;
    default: {
      const r = recognizeAs(rule, v, LENIENT_TYPES.has(rule) || rule === 's3-bucket');
      if (r || rule !== 'aws-account-id') return r;
      return undefined;
    }
  }
}

/** Prose is worth the tagger: several words. */
function isProse(value: string): boolean {
  let spaces = 0;
  for (let i = 0; i < value.length && spaces < 4; i++) if (value.charCodeAt(i) === 0x20) spaces++;
  return spaces >= 4;
}

function scanString(value: string, path: string, base: Base, out: EntityMention[], options: ExtractOptions): void {
  if (options.tagger && isProse(value)) {
    extractText(value, base, out, options.tagger, path);
    return;
  }
  if (value.length <= 256 && !hasDelimiter(value)) {
    // A single token: recognize it without the tokenizer's allocations.
    let end = value.length;
    while (end > 0 && isSentencePunctuation(value.charCodeAt(end - 1))) end--;
    if (end < value.length && value.endsWith('...') && /^arn:/i.test(value)) end = value.length;
    const text = end === value.length ? value : value.slice(0, end);
    const r = end > 0 ? recognizeUnambiguous(text) : undefined;
    if (r) {
      push(
        out,
        base,
        r,
        text,
        'recognizer',
        path,
        end === value.length ? undefined : 0,
        end === value.length ? undefined : end,
      );
    }
    return;
  }
  const tokens = tokenize(value);
  for (const token of tokens) {
    const r = recognizeUnambiguous(token);
    if (!r) continue;
    const whole = token.start === 0 && token.end === value.length;
    push(out, base, r, token.text, 'recognizer', path, whole ? undefined : token.start, whole ? undefined : token.end);
  }
}

function extractText(
  text: string,
  base: Base,
  out: EntityMention[],
  tagger: NerTagger | undefined,
  field: string | undefined,
): void {
  if (!tagger) {
    for (const token of tokenize(text)) {
      const r = recognizeUnambiguous(token);
      if (r) pushSpan(out, base, r, token, text, 'recognizer', field);
    }
    return;
  }
  for (const token of tagger.tagLine(text)) {
    if (token.recognition) {
      pushSpan(out, base, token.recognition, token, text, 'recognizer', field);
    } else if (token.label !== 'O') {
      const r = recognizeAs(token.label as EntityType, token.text);
      if (r) pushSpan(out, base, r, token, text, 'tagger', field);
    }
  }
}

function pushSpan(
  out: EntityMention[],
  base: Base,
  r: Recognition,
  token: { text: string; start: number; end: number },
  text: string,
  method: EntityMention['method'],
  field: string | undefined,
): void {
  const whole = field !== undefined && token.start === 0 && token.end === text.length;
  push(out, base, r, token.text, method, field, whole ? undefined : token.start, whole ? undefined : token.end);
}

const VPC_COLUMN_TYPES: Readonly<Record<string, FieldRule>> = {
  'account-id': 'aws-account-id',
  'interface-id': 'eni-id',
  'vpc-id': 'vpc-id',
  'subnet-id': 'subnet-id',
  'instance-id': 'instance-id',
  srcaddr: 'ip',
  dstaddr: 'ip',
  'pkt-srcaddr': 'ip',
  'pkt-dstaddr': 'ip',
};

function extractVpcFlow(line: string, columns: readonly string[], base: Base, out: EntityMention[]): void {
  let i = 0;
  let c = 0;
  const n = line.length;
  while (i < n && c < columns.length) {
    while (i < n && (line.charCodeAt(i) === 0x20 || line.charCodeAt(i) === 0x09)) i++;
    const start = i;
    while (i < n && line.charCodeAt(i) !== 0x20 && line.charCodeAt(i) !== 0x09) i++;
    const value = line.slice(start, i);
    const column = columns[c++];
    if (value === '-' || value === '') continue;
    const rule = VPC_COLUMN_TYPES[column];
    let r: Recognition | undefined;
    if (rule) r = fieldRecognition(rule, value, column, undefined);
    else if (column.endsWith('-arn')) r = recognizeArn(value);
    if (r) push(out, base, r, value, 'field', column, start, i);
  }
}

/** True when the tokenizer could split `value` (delimiters, URLs, `ip:port`, non-ASCII). */
function hasDelimiter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) return true;
    switch (c) {
      case 0x22:
      case 0x27:
      case 0x60:
      case 0x28:
      case 0x29:
      case 0x5b:
      case 0x5d:
      case 0x7b:
      case 0x7d:
      case 0x3c:
      case 0x3e:
      case 0x2c:
      case 0x3b:
      case 0x3d:
      case 0x7c:
        return true;
      case 0x3a:
        if (value.charCodeAt(i + 1) === 0x2f) return true; // scheme://
        break;
      default:
        break;
    }
  }
  const c0 = value.charCodeAt(0);
  return c0 >= 0x30 && c0 <= 0x39 && value.indexOf(':') > 0; // a.b.c.d:port
}

function isSentencePunctuation(c: number): boolean {
  return c === 0x2e || c === 0x3a || c === 0x21 || c === 0x3f;
}
