import { EntityMention } from './entity-mention';
import { EntityType } from './entity-types';
import { joinPath } from './field-path';
import { Recognition, recognition } from './recognition';
import { recognizeAs, recognizeUnambiguous } from './recognize';
import { CloudTrailRecord } from '../logs/cloudtrail-record';
import { LogRecord } from '../logs/log-record';
import { TAG_LABELS } from '../ner/features';
import { NerTagger } from '../ner/tagger';
import { tokenize, tokenizeInto, TokenSpans } from '../ner/tokenizer';
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

/**
 * Objects that never hold an entity, by their key (lowercased): not walked.
 * `tlsDetails` has the TLS version, cipher suite and the (skipped) host header.
 */
const SKIP_OBJECTS: ReadonlySet<string> = new Set(['tlsdetails']);

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

/** A field rule compiled to a small integer (switch dispatch in the walk). */
const enum Rule {
  Scan,
  Skip,
  Typed,
  Ip,
  Kms,
  Host,
  Principal,
  UserName,
}

/** What the walk knows about a key: computed once per distinct key name. */
interface KeyInfo {
  readonly rule: Rule;
  /** For `Rule.Typed`: the type the key names. */
  readonly type: EntityType | undefined;
  /** Secret-valued key (or an object that holds no entity, see SKIP_OBJECTS): never scanned, never echoed. */
  readonly secret: boolean;
  /** Path of the key under the root (`key` or `["k-y"]`) and under a parent (`.key` or `["k-y"]`). */
  readonly root: string;
  readonly child: string;
  /** Values already recognized under this rule (field rules that do not depend on the event). */
  readonly cache: Map<string, Recognition | null> | undefined;
}

const KEY_INFO = new Map<string, KeyInfo>();
/** Caches shared by every key with the same rule and type. */
const RULE_CACHES = new Map<string, Map<string, Recognition | null>>();
const RULE_CACHE_LIMIT = 20_000;

/** Field rule, secrecy and path segments of a key (cached: logs reuse few key names). */
function keyInfo(key: string): KeyInfo {
  let info = KEY_INFO.get(key);
  if (info === undefined) {
    info = compileKey(key);
    if (KEY_INFO.size < 10_000) KEY_INFO.set(key, info);
  }
  return info;
}

function compileKey(key: string): KeyInfo {
  const fieldRule = FIELD_RULES.get(key.toLowerCase());
  let rule: Rule;
  let type: EntityType | undefined;
  switch (fieldRule) {
    case undefined:
      rule = Rule.Scan;
      break;
    case 'skip':
      rule = Rule.Skip;
      break;
    case 'ip':
      rule = Rule.Ip;
      break;
    case 'kms':
      rule = Rule.Kms;
      break;
    case 'host':
      rule = Rule.Host;
      break;
    case 'principal':
      rule = Rule.Principal;
      break;
    case 'username':
      rule = Rule.UserName;
      break;
    default:
      rule = Rule.Typed;
      type = fieldRule;
  }
  let cache: Map<string, Recognition | null> | undefined;
  if (rule === Rule.Typed || rule === Rule.Ip || rule === Rule.Kms || rule === Rule.Host) {
    const name = `${rule}:${type ?? ''}`;
    cache = RULE_CACHES.get(name);
    if (!cache) {
      cache = new Map();
      RULE_CACHES.set(name, cache);
    }
  }
  return {
    rule,
    type,
    secret: SECRET_KEY.test(key) || SKIP_OBJECTS.has(key.toLowerCase()),
    root: joinPath('', key),
    child: joinPath('x', key).slice(1),
    cache,
  };
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
  const location = record.location;
  const base: Base = { log_id: record.log_id, source: location.source, line: location.line, index: location.index };
  const out: EntityMention[] = [];
  switch (record.kind) {
    case 'cloudtrail':
      new Walk(base, out, options.tagger, record.event).object(
        record.event as Record<string, unknown>,
        root('cloudtrail'),
      );
      break;
    case 'json':
      new Walk(base, out, options.tagger, undefined).object(record.value, root('json'));
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
  new Walk(base, out, options.tagger, event).object(event as Record<string, unknown>, root('cloudtrail'));
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

/** How a `principalId` or `userName` value is read, decided once per place (see {@link Walk.placed}). */
const enum Placed {
  /** Not a `principalId` or `userName` member: the key's field rule applies. */
  None,
  /** `principalId` elsewhere than directly under `userIdentity`: nothing. */
  NoPrincipal,
  /** `userIdentity.principalId`: the account of a root user. */
  RootPrincipal,
  /** `userName` elsewhere, or any value in an array under it: an IAM user name. */
  UserName,
  /** `userName` directly under an object whose path ends with `sessionIssuer`: a role name. */
  RoleName,
  /** `userIdentity.userName`: a user name only when the identity is an IAM user. */
  IdentityUserName,
}

/** Places kept in the shape tree at most; past it the tree starts over (inputs of many shapes). */
const PLACE_LIMIT = 20_000;
/** Array items given their own place at most; later items get a detached place per value. */
const ITEM_LIMIT = 64;
let placeCount = 0;

/**
 * Where a value sits in a structured record: the root object, a member
 * (key) of the object at a place, or an item (index) of the array at a
 * place. Records of one source have few shapes, so places are kept in a tree
 * (one per record kind) and each value's key rule, JSON path and
 * path-dependent rule are worked out once per place rather than once per
 * value. The walk also predicts keys: each member remembers the member that
 * followed it in the last object walked there, so a key usually costs one
 * comparison of (internalized) strings rather than a map lookup.
 *
 * Places past {@link PLACE_LIMIT} or {@link ITEM_LIMIT} are detached: built
 * for one value and not kept (same path and rules, no memo).
 */
class Place {
  /** The member that followed this one in the last object walked (a prediction, checked by key). */
  next: Place | undefined = undefined;
  /** The first member of the last object walked at this place (a prediction, checked by key). */
  first: Place | undefined = undefined;
  /** Members met so far, by key (kept places only). */
  private members: Map<string, Place> | undefined = undefined;
  /** Items met so far, by index (kept places only). */
  private items: (Place | undefined)[] | undefined = undefined;

  constructor(
    /** The member's key (an item or the root: the key of its parent, or ''). */
    readonly key: string,
    /** Rule of the key, for a value here (an item's: its array's). */
    readonly info: KeyInfo,
    /** JSON path of the value (`''` at the root): `userIdentity.arn`, `resources[0].ARN`. */
    readonly path: string,
    /** How a `principalId` or `userName` string here is read. */
    readonly placed: Placed,
    /** Kept in the tree: members and items are remembered. */
    private readonly kept: boolean,
  ) {}

  /** The place of member `key` of the object here. */
  member(key: string): Place {
    if (!this.kept) return this.newMember(key, false);
    this.members ??= new Map();
    let place = this.members.get(key);
    if (place === undefined) {
      const keep = placeCount < PLACE_LIMIT;
      place = this.newMember(key, keep);
      if (keep) {
        placeCount++;
        this.members.set(key, place);
      }
    }
    return place;
  }

  /** The place of item `index` of the array here. */
  item(index: number): Place {
    if (!this.kept || index >= ITEM_LIMIT) return this.newItem(index, false);
    this.items ??= [];
    let place = this.items[index];
    if (place === undefined) {
      const keep = placeCount < PLACE_LIMIT;
      place = this.newItem(index, keep);
      if (keep) {
        placeCount++;
        while (this.items.length < index) this.items.push(undefined); // no holes
        this.items[index] = place;
      }
    }
    return place;
  }

  private newMember(key: string, keep: boolean): Place {
    const info = keyInfo(key);
    const path = this.path === '' ? info.root : this.path + info.child;
    return new Place(key, info, path, placedRule(info, key, this.path), keep);
  }

  private newItem(index: number, keep: boolean): Place {
    return new Place(this.key, this.info, `${this.path}[${index}]`, itemPlaced(this.info), keep);
  }
}

/** The path-dependent rule of member `key` of the object at path `parent`. */
function placedRule(info: KeyInfo, key: string, parent: string): Placed {
  if (info.rule === Rule.Principal) {
    return parent === 'userIdentity' && key === 'principalId' ? Placed.RootPrincipal : Placed.NoPrincipal;
  }
  if (info.rule !== Rule.UserName) return Placed.None;
  if (key === 'userName') {
    if (parent.endsWith('sessionIssuer')) return Placed.RoleName;
    if (parent === 'userIdentity') return Placed.IdentityUserName;
  }
  return Placed.UserName;
}

/** The path-dependent rule of an item of an array under a key (the array's place does not matter). */
function itemPlaced(info: KeyInfo): Placed {
  if (info.rule === Rule.Principal) return Placed.NoPrincipal;
  return info.rule === Rule.UserName ? Placed.UserName : Placed.None;
}

/** Roots of the shape tree, one per record kind (their shapes differ). */
let roots = newRoots();

function newRoots(): { readonly cloudtrail: Place; readonly json: Place } {
  const info = keyInfo('');
  placeCount = 0;
  return { cloudtrail: new Place('', info, '', Placed.None, true), json: new Place('', info, '', Placed.None, true) };
}

/** The root place of a record kind, starting the tree over when it is full. */
function root(kind: 'cloudtrail' | 'json'): Place {
  if (placeCount >= PLACE_LIMIT) roots = newRoots();
  return roots[kind];
}

/**
 * One walk over a structured record. Field paths come from the places (see
 * {@link Place}); every string is first checked by length and key rule, so
 * most values cost a comparison.
 */
class Walk {
  constructor(
    private readonly base: Base,
    private readonly out: EntityMention[],
    private readonly tagger: NerTagger | undefined,
    private readonly event: CloudTrailRecord | undefined,
  ) {}

  object(obj: Readonly<Record<string, unknown>>, at: Place): void {
    let expected = at.first;
    let previous: Place | undefined;
    for (const key in obj) {
      const value = obj[key];
      // The member predicted from the last object walked here, else the one of this key.
      let place = expected;
      if (place === undefined || place.key !== key) {
        place = at.member(key);
        if (previous === undefined) at.first = place;
        else previous.next = place;
      }
      expected = place.next;
      previous = place;
      if (typeof value === 'string') {
        if (value.length === 0) continue;
        const info = place.info;
        if (info.rule === Rule.Skip || info.secret) continue;
        this.string(place, value);
      } else if (typeof value === 'object') {
        if (value === null || place.info.secret) continue;
        if (Array.isArray(value)) this.array(value, place);
        else this.object(value as Record<string, unknown>, place);
      } else if (typeof value === 'number') {
        if (place.info.type === 'aws-account-id' && Number.isInteger(value)) {
          const text = String(value);
          const r = recognizeAccountId(text);
          if (r) push(this.out, this.base, r, text, 'field', place.path);
        }
      }
    }
  }

  private array(arr: readonly unknown[], at: Place): void {
    for (let i = 0; i < arr.length; i++) {
      const value = arr[i];
      if (typeof value === 'string') {
        if (value.length > 0 && at.info.rule !== Rule.Skip) this.string(at.item(i), value);
      } else if (typeof value === 'object' && value !== null) {
        if (Array.isArray(value)) this.array(value, at.item(i));
        else this.object(value as Record<string, unknown>, at.item(i));
      }
    }
  }

  /** A string at place `at`. */
  private string(at: Place, value: string): void {
    const info = at.info;
    const rule = info.rule;
    if (rule === Rule.Scan) {
      if (value.length < 7 && value.indexOf(':') < 0) return;
      this.scan(value, at);
      return;
    }
    let r: Recognition | undefined;
    if (rule === Rule.Principal || rule === Rule.UserName) {
      r = this.placed(at.placed, value.trim());
      if (r) push(this.out, this.base, r, value, 'field', at.path);
      return;
    }
    if (info.type === 'aws-account-id' && value.length === 12 && isDigits(value)) {
      // The common case, without a cache lookup: a plain 12-digit account id.
      r = recognition('aws-account-id', value);
    } else {
      r = cachedFieldRecognition(info, value);
    }
    if (r) {
      if (rule === Rule.Host) {
        push(this.out, this.base, r, r.entity_id, 'field', at.path, 0, r.entity_id.length);
      } else {
        push(this.out, this.base, r, value, 'field', at.path);
      }
      return;
    }
    if (rule === Rule.Host || (value.length < 7 && value.indexOf(':') < 0)) return;
    this.scan(value, at);
  }

  /**
   * Rules that depend on where the value is and on the event: the
   * `principalId` of a root user is its account; `userName` under
   * `sessionIssuer` is a role name, under `userIdentity` a user name only for
   * an IAM user.
   */
  private placed(placed: Placed, v: string): Recognition | undefined {
    switch (placed) {
      case Placed.RootPrincipal:
        return this.event?.userIdentity?.type === 'Root' ? recognizeAccountId(v) : undefined;
      case Placed.RoleName:
        return recognizeAs('iam-role-name', v);
      case Placed.IdentityUserName:
        return this.event?.userIdentity?.type !== 'IAMUser' ? undefined : recognizeAs('iam-user-name', v);
      case Placed.UserName:
        return recognizeAs('iam-user-name', v);
      default:
        return undefined;
    }
  }

  /** Validating scan of a string no field rule decided. */
  private scan(value: string, at: Place): void {
    if (this.tagger && isProse(value)) {
      extractText(value, this.base, this.out, this.tagger, at.path);
      return;
    }
    if (value.length <= 256) {
      // A single token (no delimiter): recognized without the tokenizer, remembered when it may be an entity.
      const candidate = mayBeUnambiguous(value, 0, value.length);
      let single = candidate ? SINGLE_TOKENS.get(value) : undefined;
      if (single === undefined) {
        single = hasDelimiter(value) ? SEVERAL_TOKENS : candidate ? singleToken(value) : null;
        if (candidate) {
          if (SINGLE_TOKENS.size >= RULE_CACHE_LIMIT) SINGLE_TOKENS.clear();
          SINGLE_TOKENS.set(value, single);
        }
      }
      if (single === null) return;
      if (single !== SEVERAL_TOKENS) {
        const { r, end } = single;
        const whole = end === value.length;
        push(
          this.out,
          this.base,
          r,
          whole ? value : single.text,
          'recognizer',
          at.path,
          whole ? undefined : 0,
          whole ? undefined : end,
        );
        return;
      }
    }
    const tokens = tokenize(value);
    for (const token of tokens) {
      if (!token.s3Url && !mayBeUnambiguous(token.text, 0, token.text.length)) continue;
      const r = recognizeUnambiguous(token);
      if (!r) continue;
      const whole = token.start === 0 && token.end === value.length;
      push(
        this.out,
        this.base,
        r,
        token.text,
        'recognizer',
        at.path,
        whole ? undefined : token.start,
        whole ? undefined : token.end,
      );
    }
  }
}

/** What the scan found in a value without delimiters: the entity and where it ends (trailing punctuation dropped). */
interface SingleToken {
  readonly r: Recognition;
  readonly text: string;
  readonly end: number;
}

/** Marks a value the tokenizer must split. */
const SEVERAL_TOKENS: SingleToken = { r: { type: 'arn', entity_id: '', flags: [] }, text: '', end: -1 };
/** Scan outcomes of single-token values that may be entities (logs repeat ARNs and addresses). */
const SINGLE_TOKENS = new Map<string, SingleToken | null>();

/** The entity a value without delimiters is, once trailing sentence punctuation is dropped, or null. */
function singleToken(value: string): SingleToken | null {
  let end = value.length;
  while (end > 0 && isSentencePunctuation(value.charCodeAt(end - 1))) end--;
  if (end < value.length && value.endsWith('...') && /^arn:/i.test(value)) end = value.length;
  if (end === 0 || !mayBeUnambiguous(value, 0, end)) return null;
  const text = end === value.length ? value : value.slice(0, end);
  const r = recognizeUnambiguous(text);
  return r ? { r, text, end } : null;
}

/**
 * False when `text.slice(start, end)` cannot be an unambiguous entity (decided
 * from its first characters, as {@link recognizeUnambiguous} would): skips
 * its cache lookup for the common plain word.
 */
function mayBeUnambiguous(text: string, start: number, end: number): boolean {
  const n = end - start;
  if (n < 3) return false;
  const c = text.charCodeAt(start) | 0x20; // eslint-disable-line no-bitwise -- ASCII lower case
  if (c === 0x61) {
    // `arn:`, `alias/`, an access key id (20 characters once trailing punctuation is dropped), IPv6: not a UUID
    return (
      (n >= 8 && text.charCodeAt(start + 3) === 0x3a) ||
      text.startsWith('alias/', start) ||
      (n >= 20 && text.charCodeAt(start) === 0x41) ||
      hasColon(text, start, end)
    );
  }
  if (c === 0x3a) return true; // IPv6
  if (c >= 0x30 && c <= 0x39) return hasColon(text, start, end) || (n >= 7 && dottedQuadStart(text, start)); // IPv6, IPv4
  if (c >= 0x62 && c <= 0x66) return hasColon(text, start, end); // b-f: IPv6 only
  if (c === 0x76 || c === 0x73 || c === 0x65 || c === 0x69) {
    const dash = text.indexOf('-', start) - start;
    return dash > 0 && dash <= 6 && dash < n; // vpc-, vpce-, subnet-, sg-, eni-, i-
  }
  return false;
}

/** True when the first octet of an IPv4 address (one to three digits, then a dot) starts `text` at `start`. */
function dottedQuadStart(text: string, start: number): boolean {
  for (let i = start + 1; i <= start + 3; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) return true;
    if (!(c >= 0x30 && c <= 0x39)) return false;
  }
  return false;
}

function hasColon(text: string, start: number, end: number): boolean {
  const colon = text.indexOf(':', start);
  return colon >= 0 && colon < end;
}

/** Recognition of `value` by the field rule of `info` (Typed, Ip, Kms or Host), remembered per rule. */
function cachedFieldRecognition(info: KeyInfo, value: string): Recognition | undefined {
  const cache = info.cache as Map<string, Recognition | null>;
  const cached = cache.get(value);
  if (cached !== undefined) return cached === null ? undefined : cached;
  const r = info.rule === Rule.Host ? hostedBucket(value) : fieldRecognition(info.rule, info.type, value.trim());
  if (cache.size >= RULE_CACHE_LIMIT) cache.clear();
  cache.set(value, r ?? null);
  return r;
}

/** A field rule's recognition of a (trimmed) value. */
function fieldRecognition(rule: Rule, type: EntityType | undefined, v: string): Recognition | undefined {
  switch (rule) {
    case Rule.Ip:
      return recognizeIp(v);
    case Rule.Kms: {
      const arn = recognizeArn(v);
      if (arn) return arn.type === 'kms-key-arn' || arn.type === 'kms-alias-arn' ? arn : undefined;
      return recognizeKmsKeyId(v) ?? recognizeKmsAlias(v);
    }
    default: {
      const t = type as EntityType;
      return recognizeAs(t, v, LENIENT_TYPES.has(t) || t === 's3-bucket');
    }
  }
}

/** The bucket of a virtual-hosted S3 `Host` (its `entity_id` is the bucket name, at offset 0). */
function hostedBucket(value: string): Recognition | undefined {
  const m = HOSTED_BUCKET.exec(value);
  return m ? { type: 's3-bucket', entity_id: m[1], flags: [] } : undefined;
}

/** Prose is worth the tagger: several words. */
function isProse(value: string): boolean {
  let spaces = 0;
  for (let i = 0; i < value.length && spaces < 4; i++) if (value.charCodeAt(i) === 0x20) spaces++;
  return spaces >= 4;
}

function extractText(
  text: string,
  base: Base,
  out: EntityMention[],
  tagger: NerTagger | undefined,
  field: string | undefined,
): void {
  if (!tagger) {
    const spans = tokenizeInto(text, TEXT_SPANS);
    for (let k = 0; k < spans.count; k++) {
      const start = spans.start[k];
      const end = spans.end[k];
      const s3Url = spans.s3Url[k] === 1;
      if (!s3Url && !mayBeUnambiguous(text, start, end)) continue;
      const token = text.slice(start, end);
      const r = recognizeUnambiguous(s3Url ? { text: token, start, end, s3Url } : token);
      if (r) pushSpan(out, base, r, token, start, end, text, 'recognizer', field);
    }
    return;
  }
  const tagged = tagger.tagSpans(text);
  const { spans, label } = tagged;
  for (let k = 0; k < spans.count; k++) {
    const fixed = tagged.recognition[k];
    if (fixed) {
      pushSpan(
        out,
        base,
        fixed,
        text.slice(spans.start[k], spans.end[k]),
        spans.start[k],
        spans.end[k],
        text,
        'recognizer',
        field,
      );
    } else if (label[k] !== 0) {
      const token = text.slice(spans.start[k], spans.end[k]);
      const r = recognizeAs(TAG_LABELS[label[k]] as EntityType, token);
      if (r) pushSpan(out, base, r, token, spans.start[k], spans.end[k], text, 'tagger', field);
    }
  }
}

const TEXT_SPANS = new TokenSpans();

function pushSpan(
  out: EntityMention[],
  base: Base,
  r: Recognition,
  token: string,
  start: number,
  end: number,
  text: string,
  method: EntityMention['method'],
  field: string | undefined,
): void {
  const whole = field !== undefined && start === 0 && end === text.length;
  push(out, base, r, token, method, field, whole ? undefined : start, whole ? undefined : end);
}

/** Flow log columns that hold an entity; their field rules (account id, ENI, VPC, subnet, instance, IP) apply. */
const VPC_ENTITY_COLUMNS: ReadonlySet<string> = new Set([
  'account-id',
  'interface-id',
  'vpc-id',
  'subnet-id',
  'instance-id',
  'srcaddr',
  'dstaddr',
  'pkt-srcaddr',
  'pkt-dstaddr',
]);

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
    let r: Recognition | undefined;
    if (VPC_ENTITY_COLUMNS.has(column)) r = cachedFieldRecognition(keyInfo(column), value);
    else if (column.endsWith('-arn')) r = recognizeArn(value);
    if (r) push(out, base, r, value, 'field', column, start, i);
  }
}

/** Characters the tokenizer splits on (or may: non-ASCII), and `scheme://`. */
const DELIMITER = /[\x00-\x20"'`()[\]{}<>,;=|\x7f-\uffff]|:\//;

/** True when the tokenizer could split `value` (delimiters, URLs, `ip:port`, non-ASCII). */
function hasDelimiter(value: string): boolean {
  if (DELIMITER.test(value)) return true;
  const c0 = value.charCodeAt(0);
  return c0 >= 0x30 && c0 <= 0x39 && value.indexOf(':') > 0; // a.b.c.d:port
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function isSentencePunctuation(c: number): boolean {
  return c === 0x2e || c === 0x3a || c === 0x21 || c === 0x3f;
}
