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
  out.push({
    entity_id: r.entity_id,
    entity_type: r.type,
    log_id: base.log_id,
    source: base.source,
    ...(base.line !== undefined ? { line: base.line } : {}),
    ...(base.index !== undefined ? { index: base.index } : {}),
    ...(field !== undefined ? { field } : {}),
    ...(start !== undefined ? { start, end } : {}),
    text,
    flags: r.flags,
    method,
    ...(r.detail ? { detail: r.detail } : {}),
  });
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
      handleString(key, joinPath(path, key), value as string, base, out, options, event);
    } else if (t === 'object') {
      if (SECRET_KEY.test(key)) continue;
      if (Array.isArray(value)) walkArray(value, joinPath(path, key), key, base, out, options, event);
      else walkObject(value as Record<string, unknown>, joinPath(path, key), base, out, options, event);
    } else if (t === 'number' && Number.isInteger(value)) {
      const rule = FIELD_RULES.get(key.toLowerCase());
      if (rule === 'aws-account-id') {
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
    const p = `${path}[${i}]`;
    if (typeof value === 'string') handleString(key, p, value, base, out, options, event);
    else if (Array.isArray(value)) walkArray(value, p, key, base, out, options, event);
    else if (typeof value === 'object') walkObject(value as Record<string, unknown>, p, base, out, options, event);
  }
}

function handleString(
  key: string,
  path: string,
  value: string,
  base: Base,
  out: EntityMention[],
  options: ExtractOptions,
  event: CloudTrailRecord | undefined,
): void {
  if (value.length === 0) return;
  const lower = key.toLowerCase();
  const rule = FIELD_RULES.get(lower);
  if (rule === 'skip' || SECRET_KEY.test(key)) return;
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

function fieldRecognition(
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
