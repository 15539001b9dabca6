import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NerScores, ScoreBoard, prf, Prf } from './metrics';
import { regexBaseline } from './regex-baseline';
import { EntityMention } from '../entities/entity-mention';
import { extractEntities } from '../entities/extract';
import { joinPath } from '../entities/field-path';
import { classifyJson } from '../logs/read-logs';
import { parseVpcFlowLine, VPC_FLOW_V2_FIELDS } from '../logs/vpc-flow';
import { NerTagger } from '../ner/tagger';
import { HELD_OUT_SEED } from '../ner/train';
import { generateCloudTrailEvents } from '../synthetic/cloudtrail-generator';
import { GoldMention } from '../synthetic/gold';
import { deriveSeed } from '../synthetic/rng';
import { generateTextLines } from '../synthetic/text-generator';
import { generateVpcFlowLines, VPC_FLOW_V5_FIELDS } from '../synthetic/vpc-flow-generator';
import { buildWorld } from '../synthetic/world';

/** Sizes of the held-out synthetic split. */
export interface SyntheticSplitOptions {
  /** @default HELD_OUT_SEED (2002), never used in training */
  readonly seed?: number;
  /** @default 2000 */
  readonly events?: number;
  /** @default 1000 */
  readonly vpcLines?: number;
  /** @default 2000 */
  readonly textLines?: number;
}

/** Scores of one split, for the extractor and the regex baseline. */
export interface SplitResult {
  readonly records: number;
  readonly extractor: NerScores;
  readonly baseline: NerScores;
  /** A few errors of the extractor (type|record|field|start|id). */
  readonly errors: readonly { kind: 'fp' | 'fn'; type: string; key: string }[];
}

/** Result of `aad eval ner` on synthetic data. */
export interface SyntheticNerEvaluation {
  readonly seed: number;
  readonly structured: SplitResult;
  readonly text: SplitResult;
}

function goldKey(record: number, m: GoldMention): string {
  return `${m.entity_type}|${record}|${m.field ?? ''}|${m.start ?? ''}|${m.entity_id}`;
}

function mentionKey(record: number, m: EntityMention): string {
  return `${m.entity_type}|${record}|${m.field ?? ''}|${m.start ?? ''}|${m.entity_id}`;
}

/** Regex baseline keys over every string of a JSON value (field path + offsets). */
function baselineStructured(value: unknown, path: string, record: number, out: string[]): void {
  if (typeof value === 'string') {
    for (const m of regexBaseline(value)) {
      const whole = m.start === 0 && m.end === value.length;
      out.push(`${m.type}|${record}|${path}|${whole ? '' : m.start}|${m.text}`);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => baselineStructured(v, `${path}[${i}]`, record, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) baselineStructured(v, joinPath(path, k), record, out);
  }
}

/**
 * Evaluates extraction on a synthetic split generated in memory from a seed
 * the tagger never saw: structured (CloudTrail events and VPC flow lines,
 * v2 and v5) and free text. Gold comes from the generator.
 */
export function evaluateSynthetic(
  tagger: NerTagger | undefined,
  options: SyntheticSplitOptions = {},
): SyntheticNerEvaluation {
  const seed = options.seed ?? HELD_OUT_SEED;
  const world = buildWorld(seed);
  const structured = new ScoreBoard();
  const structuredBase = new ScoreBoard();
  let record = 0;
  for (const g of generateCloudTrailEvents(world, {
    events: options.events ?? 2000,
    seed: deriveSeed(seed, 'cloudtrail'),
  })) {
    record++;
    const rec = classifyJson(g.event, 'heldout', record, undefined);
    if (typeof rec === 'string') continue;
    const predicted = extractEntities(rec, { tagger }).map((m) => mentionKey(record, m));
    structured.add(
      g.mentions.map((m) => goldKey(record, m)),
      predicted,
    );
    const base: string[] = [];
    baselineStructured(g.event, '', record, base);
    structuredBase.add(
      g.mentions.map((m) => goldKey(record, m)),
      base,
    );
  }
  const vpcLines = options.vpcLines ?? 1000;
  for (const version of [2, 5] as const) {
    const columns = version === 2 ? VPC_FLOW_V2_FIELDS : VPC_FLOW_V5_FIELDS;
    for (const line of generateVpcFlowLines(world, {
      lines: Math.ceil(vpcLines / 2),
      seed: deriveSeed(seed, `vpc${version}`),
      version,
    })) {
      record++;
      const parsed = parseVpcFlowLine(line.text, columns);
      if ('error' in parsed) continue;
      const predicted = extractEntities({
        kind: 'vpcflow',
        fields: parsed.fields,
        columns,
        text: line.text,
        log_id: String(record),
        location: { source: 'heldout', line: record },
      }).map((m) => mentionKey(record, m));
      structured.add(
        line.mentions.map((m) => goldKey(record, m)),
        predicted,
      );
      structuredBase.add(
        line.mentions.map((m) => goldKey(record, m)),
        regexBaseline(line.text).map(
          (m) => `${m.type}|${record}|${columnAt(line.text, columns, m.start)}|${m.start}|${m.text}`,
        ),
      );
    }
  }
  const text = new ScoreBoard();
  const textBase = new ScoreBoard();
  let lines = 0;
  for (const line of generateTextLines(world, { lines: options.textLines ?? 2000, seed: deriveSeed(seed, 'text') })) {
    record++;
    lines++;
    const predicted = extractEntities(
      { kind: 'text', text: line.text, log_id: String(record), location: { source: 'heldout', line: record } },
      { tagger },
    ).map((m) => mentionKey(record, m));
    text.add(
      line.mentions.map((m) => goldKey(record, m)),
      predicted,
    );
    textBase.add(
      line.mentions.map((m) => goldKey(record, m)),
      regexBaseline(line.text).map((m) => `${m.type}|${record}||${m.start}|${m.text}`),
    );
  }
  return {
    seed,
    structured: {
      records: record - lines,
      extractor: structured.scores(),
      baseline: structuredBase.scores(),
      errors: structured.examples.slice(0, 20),
    },
    text: { records: lines, extractor: text.scores(), baseline: textBase.scores(), errors: text.examples.slice(0, 20) },
  };
}

function columnAt(line: string, columns: readonly string[], offset: number): string {
  let c = 0;
  for (let i = 0; i < offset; i++) if (line[i] === ' ' && line[i + 1] !== ' ') c++;
  return columns[c] ?? '';
}

/** One Panther test event (copied from panther-analysis with its attribution fields). */
export interface PantherCase {
  readonly rule_id: string;
  readonly test_name: string;
  readonly log_type: string;
  readonly event: Record<string, unknown>;
  readonly event_sha1?: string;
  readonly panther_fields?: Record<string, unknown>;
}

/** Panther `p_any_*` fields and the entity types that answer them. */
export const PANTHER_FIELD_TYPES: Readonly<Record<string, readonly string[]>> = {
  p_any_ip_addresses: ['ipv4', 'ipv6'],
  p_any_aws_account_ids: ['aws-account-id'],
  p_any_aws_arns: ['arn', 'iam-role-arn', 'iam-user-arn', 'assumed-role-arn', 'kms-key-arn', 'kms-alias-arn'],
  p_any_aws_instance_ids: ['instance-id'],
  p_any_trace_ids: ['access-key-id'],
};

/** Identity fields checked on every CloudTrail event: path → accepted types. */
const IDENTITY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'userIdentity.arn': ['arn', 'iam-role-arn', 'iam-user-arn', 'assumed-role-arn'],
  'userIdentity.accountId': ['aws-account-id'],
  'userIdentity.sessionContext.sessionIssuer.arn': ['arn', 'iam-role-arn', 'iam-user-arn'],
  recipientAccountId: ['aws-account-id'],
  sourceIPAddress: ['ipv4', 'ipv6'],
};

/** Result of the evaluation on real Panther events. */
export interface PantherEvaluation {
  readonly events: number;
  /**
   * Recall (and precision over the same categories) of the `p_any_*` entities
   * whose value occurs in the event, per field and overall. Panther fills
   * `p_any_*` by its own enrichment: some test cases list values that are not
   * in the event at all (`testinstanceid`, an empty GreyNoise event); those are
   * counted in `absent` and listed, not scored.
   */
  readonly pAny: {
    readonly overall: Prf;
    readonly perField: Readonly<Record<string, Prf>>;
    readonly missed: readonly string[];
    readonly absent: readonly string[];
  };
  /** Identity fields (user ARN, account, session issuer, recipient account, source IP when it is an IP). */
  readonly identity: { readonly overall: Prf; readonly missed: readonly string[] };
  readonly baselinePAny: Prf;
}

/** Loads unique Panther cases (by `event_sha1`) from a JSON Lines file. */
export function loadPantherCases(path: string): PantherCase[] {
  const seen = new Set<string>();
  const out: PantherCase[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as PantherCase;
    const key = row.event_sha1 ?? JSON.stringify(row.event);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(row);
  }
  return out;
}

function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/**
 * Evaluates on real events from Panther rule tests: recall of the entities
 * Panther lists in `p_any_*` (entity-id level per event) and of the identity
 * fields (field path and type).
 */
export function evaluatePanther(cases: readonly PantherCase[], tagger: NerTagger | undefined): PantherEvaluation {
  const perField = new Map<string, { tp: number; fp: number; fn: number }>();
  const overall = { tp: 0, fp: 0, fn: 0 };
  const base = { tp: 0, fp: 0, fn: 0 };
  const identity = { tp: 0, fp: 0, fn: 0 };
  const missed: string[] = [];
  const absent: string[] = [];
  const identityMissed: string[] = [];
  cases.forEach((c, i) => {
    const record = classifyJson(c.event, `panther:${c.rule_id}`, i + 1, undefined);
    if (typeof record === 'string') return;
    const mentions = extractEntities(record, { tagger });
    const strings: string[] = [];
    collectStrings(c.event, strings);
    const eventText = strings.join('\n');
    const baseline = strings.flatMap((s) => regexBaseline(s));
    for (const [field, types] of Object.entries(PANTHER_FIELD_TYPES)) {
      const listed = c.panther_fields?.[field];
      if (!Array.isArray(listed)) continue;
      const gold = new Set(listed.map((v) => String(v).trim()));
      const predicted = new Set(mentions.filter((m) => types.includes(m.entity_type)).map((m) => m.entity_id));
      const baseIds = new Set(baseline.filter((m) => types.includes(m.type)).map((m) => m.text));
      const counts = perField.get(field) ?? { tp: 0, fp: 0, fn: 0 };
      for (const g of gold) {
        if (!occursAsToken(eventText, g)) {
          absent.push(`${c.rule_id} / ${c.test_name}: ${field} ${g}`);
          continue;
        }
        const hit = predicted.has(g) || predicted.has(g.toLowerCase());
        counts[hit ? 'tp' : 'fn']++;
        overall[hit ? 'tp' : 'fn']++;
        base[baseIds.has(g) ? 'tp' : 'fn']++;
        if (!hit) missed.push(`${c.rule_id} / ${c.test_name}: ${field} ${g}`);
      }
      for (const p of predicted) {
        if (gold.has(p)) continue;
        counts.fp++;
        overall.fp++;
      }
      for (const b of baseIds) if (!gold.has(b)) base.fp++;
      perField.set(field, counts);
    }
    if (record.kind === 'cloudtrail') {
      for (const [path, types] of Object.entries(IDENTITY_FIELDS)) {
        const value = getPath(c.event, path);
        if (typeof value !== 'string' || value === '') continue;
        if (path === 'sourceIPAddress' && !/^[0-9a-fA-F:.]+$/.test(value)) continue; // service names, "AWS Internal"
        const hit = mentions.some((m) => m.field === path && types.includes(m.entity_type));
        identity[hit ? 'tp' : 'fn']++;
        if (!hit) identityMissed.push(`${c.rule_id} / ${c.test_name}: ${path}=${value}`);
      }
    }
  });
  const fields: Record<string, Prf> = {};
  for (const [k, v] of [...perField].sort()) fields[k] = prf(v);
  return {
    events: cases.length,
    pAny: { overall: prf(overall), perField: fields, missed, absent },
    identity: { overall: prf(identity), missed: identityMissed },
    baselinePAny: prf(base),
  };
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number') out.push(String(value));
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, out));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => collectStrings(v, out));
}

/** Where the shared Panther dataset is, when this checkout has `../shared` beside it. */
export function sharedPantherPath(): string | undefined {
  const candidates = [
    join(__dirname, '..', '..', '..', '..', '..', 'shared', 'datasets', 'panther-rule-cases.jsonl'),
    join(__dirname, '..', '..', '..', '..', 'shared', 'datasets', 'panther-rule-cases.jsonl'),
  ];
  return candidates.find((p) => existsSync(p));
}

/** The committed copy of the Panther cases that carry `p_any_*` fields or are CloudTrail (see test/_fixtures). */
export const PANTHER_FIXTURE = join(__dirname, '..', '..', 'test', '_fixtures', 'panther', 'panther-cases.jsonl');

/** True when `value` occurs in `text` not glued to other letters or digits. */
function occursAsToken(text: string, value: string): boolean {
  for (let i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + 1)) {
    const before = i === 0 ? '' : text[i - 1];
    const after = text[i + value.length] ?? '';
    if (!/[A-Za-z0-9]/.test(before) && !/[A-Za-z0-9]/.test(after)) return true;
  }
  return false;
}
