import { PREDICATES } from './predicates';
import { CatalogueCondition, CatalogueRule, DetectionCatalogue, Scalar } from './types';
import { CatalogueError } from '../../errors';
import { CallNames, EventView, fieldOf } from '../event-view';

/** Verdict of one rule on one event (the cdk-nag "rule as a pure function" shape). */
export interface RuleVerdict {
  readonly matched: boolean;
  /** Details from the rule's predicates (e.g. which statement opens the resource). */
  readonly detail: string;
  /** Weight of the outcome: 1 for a successful call, less for a denied or failed attempt. */
  readonly outcomeFactor: number;
}

/** Weight of a failed attempt relative to a successful call, for `outcome: success` rules. */
export const OUTCOME_FACTORS = { success: 1, denied: 0.4, failed: 0.25 } as const;

const NO_MATCH: RuleVerdict = { matched: false, detail: '', outcomeFactor: 0 };
const NO_MATCHES: readonly CatalogueMatch[] = Object.freeze([]);
/** Details collected while one rule is evaluated (rules are evaluated one at a time). */
const SCRATCH_DETAILS: string[] = [];
/** Details of negated conditions (never reported). */
const DISCARDED_DETAILS: string[] = [];

/** Values at a dotted path; arrays along the path are searched element by element. */
export function resolvePath(root: unknown, path: string): unknown[] {
  if (!path.includes('.')) {
    const value = fieldOf(root, path);
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? value.flatMap((v) => (Array.isArray(v) ? v : [v])) : [value];
  }
  let current: unknown[] = [root];
  for (const segment of path.split('.')) {
    const next: unknown[] = [];
    for (const value of current) {
      const child = fieldOf(value, segment);
      if (child === undefined || child === null) continue;
      if (Array.isArray(child)) next.push(...child);
      else next.push(child);
    }
    if (next.length === 0) return [];
    current = next;
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

/**
 * True when `test` holds for one of the values {@link resolvePath} would
 * return for the path's segments, found without building the list (the
 * same values, visited in the same order, stopping at the first hit).
 */
function someAtPath(
  value: unknown,
  segments: readonly string[],
  index: number,
  test: (v: unknown) => boolean,
): boolean {
  const child = fieldOf(value, segments[index]);
  if (child === undefined || child === null) return false;
  if (index === segments.length - 1) {
    if (!Array.isArray(child)) return test(child);
    for (const item of child) {
      if (Array.isArray(item)) {
        for (const v of item) if (test(v)) return true;
      } else if (test(item)) {
        return true;
      }
    }
    return false;
  }
  if (!Array.isArray(child)) return someAtPath(child, segments, index + 1, test);
  for (const item of child) if (someAtPath(item, segments, index + 1, test)) return true;
  return false;
}

function scalarEquals(value: unknown, expected: Scalar): boolean {
  if (expected === null) return value === null;
  if (typeof expected === 'string') {
    return (
      (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') &&
      String(value).toLowerCase() === expected.toLowerCase()
    );
  }
  if (typeof expected === 'boolean') {
    return value === expected || (typeof value === 'string' && value.toLowerCase() === String(expected));
  }
  return value === expected || (typeof value === 'string' && value.trim() !== '' && Number(value) === expected);
}

function present(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return false;
  return true;
}

const regexCache = new Map<string, RegExp>();

function regexFor(pattern: string): RegExp {
  let regex = regexCache.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern, 'i');
    regexCache.set(pattern, regex);
  }
  return regex;
}

/** True when a test holds for one of the values of a condition's field. */
type Some = (event: EventView, test: (v: unknown) => boolean) => boolean;
type ScalarGetter = (event: EventView) => string;

/** Normalized fields read without allocating (empty string when absent). */
function scalarGetterFor(path: string): ScalarGetter | undefined {
  switch (path) {
    case '$principalType':
      return (e) => e.principal.entityType;
    case '$ipKind':
      return (e) => e.ipKind;
    case '$uaFamily':
      return (e) => e.uaFamily;
    case '$sessionName':
      return (e) => e.principal.sessionName;
    case 'eventName':
      return (e) => e.eventName;
    case 'eventSource':
      return (e) => e.eventSource;
    case 'eventType':
      return (e) => e.eventType;
    case 'userAgent':
      return (e) => e.userAgent;
    case 'errorCode':
      return (e) => e.errorCode;
    case 'vpcEndpointId':
      return (e) => e.vpcEndpointId;
    default:
      return undefined;
  }
}

const PATH_SEGMENTS = new Map<string, readonly string[]>();
let firstFound: unknown;
let firstAccept: (v: unknown) => boolean = () => false;
const captureFirst = (v: unknown): boolean => {
  if (!firstAccept(v)) return false;
  firstFound = v;
  return true;
};

/**
 * The first value {@link resolvePath} would return that `accept` takes
 * (`undefined` when none does), found without building the list: for
 * per-event reads such as a threshold rule's distinct field.
 */
export function firstAtPath(root: unknown, path: string, accept: (v: unknown) => boolean): unknown {
  let segments = PATH_SEGMENTS.get(path);
  if (segments === undefined) {
    segments = path.split('.');
    if (PATH_SEGMENTS.size < 1_000) PATH_SEGMENTS.set(path, segments);
  }
  firstFound = undefined;
  firstAccept = accept;
  someAtPath(root, segments, 0, captureFirst);
  return firstFound;
}

/** Tests a condition path's values: a normalized field when there is one, else a record path. */
function someFor(path: string): Some {
  const scalar = scalarGetterFor(path);
  if (scalar) {
    return (e, test) => {
      const v = scalar(e);
      return v !== '' && test(v);
    };
  }
  const segments = path.split('.');
  return (e, test) => someAtPath(e.record, segments, 0, test);
}

/** A condition compiled once: patterns built, value lists turned into sets, paths resolved to getters. */
type CompiledCondition = (event: EventView, details: string[]) => boolean;

function compileCondition(condition: CatalogueCondition): CompiledCondition {
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (e, d) => {
      for (const p of parts) if (!p(e, d)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (e, d) => {
      for (const p of parts) if (p(e, d)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not);
    return (e) => {
      const held = inner(e, DISCARDED_DETAILS);
      if (DISCARDED_DETAILS.length !== 0) DISCARDED_DETAILS.length = 0;
      return !held;
    };
  }
  if ('predicate' in condition) {
    const predicate = PREDICATES[condition.predicate];
    const args = condition.args ?? [];
    if (!predicate) return () => false;
    return (e, d) => {
      const detail = predicate(e, args);
      if (detail === undefined) return false;
      d.push(detail);
      return true;
    };
  }
  const scalar = scalarGetterFor(condition.field);
  if (scalar) {
    const fast = compileScalar(condition, scalar);
    if (fast) return fast;
  }
  // Each test is built once: evaluating a condition allocates nothing.
  const some = someFor(condition.field);
  if ('equals' in condition) {
    const expected = condition.equals;
    const test = (v: unknown): boolean => scalarEquals(v, expected);
    return (e) => some(e, test);
  }
  if ('in' in condition) {
    const strings = new Set(condition.in.filter((x) => typeof x === 'string').map((x) => (x as string).toLowerCase()));
    const others = condition.in.filter((x) => typeof x !== 'string');
    const test = (v: unknown): boolean =>
      (typeof v === 'string' && strings.has(v.toLowerCase())) ||
      ((typeof v === 'number' || typeof v === 'boolean') && strings.has(String(v).toLowerCase())) ||
      others.some((o) => scalarEquals(v, o));
    return (e) => some(e, test);
  }
  if ('exists' in condition) {
    const want = condition.exists;
    return (e) => some(e, present) === want;
  }
  if ('matches' in condition) {
    const regex = regexFor(condition.matches);
    const test = (v: unknown): boolean => (typeof v === 'string' || typeof v === 'number') && regex.test(String(v));
    return (e) => some(e, test);
  }
  if ('lte' in condition) {
    const limit = condition.lte;
    const test = (v: unknown): boolean => v !== '' && Number(v) <= limit;
    return (e) => some(e, test);
  }
  const limit = condition.gte;
  const test = (v: unknown): boolean => v !== '' && Number(v) >= limit;
  return (e) => some(e, test);
}

/** Conditions on normalized string fields, evaluated without allocating. */
function compileScalar(condition: CatalogueCondition, get: ScalarGetter): CompiledCondition | undefined {
  if ('equals' in condition && typeof condition.equals === 'string') {
    const expected = condition.equals.toLowerCase();
    return (e) => {
      const v = get(e);
      return v !== '' && v.toLowerCase() === expected;
    };
  }
  if ('in' in condition && condition.in.every((x) => typeof x === 'string')) {
    const set = new Set(condition.in.map((x) => (x as string).toLowerCase()));
    // Remembered per value (event names, principal types: few distinct values), bounded.
    const seen = new Map<string, boolean>();
    return (e) => {
      const v = get(e);
      if (v === '') return false;
      let hit = seen.get(v);
      if (hit === undefined) {
        hit = set.has(v.toLowerCase());
        if (seen.size < 10_000) seen.set(v, hit);
      }
      return hit;
    };
  }
  if ('exists' in condition) {
    const want = condition.exists;
    return (e) => (get(e) !== '') === want;
  }
  if ('matches' in condition) {
    const regex = regexFor(condition.matches);
    const seen = new Map<string, boolean>();
    return (e) => {
      const v = get(e);
      if (v === '') return false;
      let hit = seen.get(v);
      if (hit === undefined) {
        hit = regex.test(v);
        if (seen.size < 10_000) seen.set(v, hit);
      }
      return hit;
    };
  }
  return undefined;
}

/** Evaluates a condition; details of predicates that held are appended to `details`. */
export function evaluateCondition(condition: CatalogueCondition, event: EventView, details: string[]): boolean {
  return compileCondition(condition)(event, details);
}

function nameMatches(names: readonly string[], eventName: string): boolean {
  for (const name of names) {
    if (name.endsWith('*') ? eventName.startsWith(name.slice(0, -1)) : name === eventName) return true;
  }
  return false;
}

/** A rule with its conditions compiled. */
interface CompiledRule {
  readonly rule: CatalogueRule;
  readonly sources: ReadonlySet<string> | undefined;
  readonly when: CompiledCondition | undefined;
  /** The rule's outcome (default `success`), read here rather than from rules of many shapes. */
  readonly outcome: NonNullable<CatalogueRule['outcome']>;
}

/** Candidate rules of one call, by the outcome of the event (rules of another outcome left out). */
interface CallCandidates {
  readonly success: readonly CompiledRule[];
  readonly denied: readonly CompiledRule[];
  readonly failed: readonly CompiledRule[];
}

const compiled = new WeakMap<CatalogueRule, CompiledRule>();

/**
 * Weight of an event of this outcome for the rule: the attempt factor for a
 * `success` rule, 1 for an `any` rule or a matching outcome, 0 when the rule
 * does not apply to the outcome.
 */
function outcomeWeight(c: CompiledRule, outcome: EventView['outcome']): number {
  if (c.outcome === 'success') return OUTCOME_FACTORS[outcome];
  return c.outcome === 'any' || c.outcome === outcome ? 1 : 0;
}

function compileRule(rule: CatalogueRule): CompiledRule {
  let c = compiled.get(rule);
  if (!c) {
    c = {
      rule,
      sources: rule.eventSource ? new Set(rule.eventSource) : undefined,
      when: rule.when ? compileCondition(rule.when) : undefined,
      outcome: rule.outcome ?? 'success',
    };
    compiled.set(rule, c);
  }
  return c;
}

function evaluateCompiled(c: CompiledRule, event: EventView, checkSourceAndName: boolean): RuleVerdict {
  const rule = c.rule;
  if (checkSourceAndName) {
    if (c.sources && !c.sources.has(event.eventSource)) return NO_MATCH;
    if (rule.eventNames && !nameMatches(rule.eventNames, event.eventName)) return NO_MATCH;
  }
  const outcomeFactor = outcomeWeight(c, event.outcome);
  if (outcomeFactor === 0) return NO_MATCH;
  if (!c.when) return { matched: true, detail: '', outcomeFactor };
  SCRATCH_DETAILS.length = 0;
  if (!c.when(event, SCRATCH_DETAILS)) return NO_MATCH;
  return { matched: true, detail: SCRATCH_DETAILS.join('; '), outcomeFactor };
}

/**
 * Evaluates one catalogue rule against one event: event source and name,
 * outcome, then field conditions and predicates. For threshold rules this
 * says whether the event counts toward the threshold. Pure, never throws.
 */
export function evaluateRule(rule: CatalogueRule, event: EventView): RuleVerdict {
  return evaluateCompiled(compileRule(rule), event, true);
}

/** A rule that matched an event. */
export interface CatalogueMatch extends RuleVerdict {
  readonly rule: CatalogueRule;
}

/**
 * The catalogue, validated and indexed by event name so that matching one
 * event costs a map lookup plus the few rules that name it.
 */
export class CatalogueIndex {
  public readonly rules: readonly CatalogueRule[];
  private readonly byName = new Map<string, CompiledRule[]>();
  private readonly prefixed: CompiledRule[] = [];
  private readonly anyName: CompiledRule[] = [];
  private readonly candidateCache = new Map<string, Map<string, CallCandidates>>();
  /** The same lists by the view's cached call names (one identity lookup instead of two string lookups). */
  private readonly byCall = new Map<CallNames, CallCandidates>();

  constructor(public readonly catalogue: DetectionCatalogue) {
    validateCatalogue(catalogue);
    this.rules = catalogue.rules;
    for (const rule of catalogue.rules) {
      const c = compileRule(rule);
      if (!rule.eventNames) {
        this.anyName.push(c);
        continue;
      }
      if (rule.eventNames.some((name) => name.endsWith('*'))) {
        this.prefixed.push(c);
        continue;
      }
      for (const name of rule.eventNames) {
        const list = this.byName.get(name) ?? [];
        if (!list.includes(c)) list.push(c);
        this.byName.set(name, list);
      }
    }
  }

  /**
   * Rules whose event source and name fit an event, resolved once per
   * (source, name) pair and remembered: matching an event then only
   * evaluates these rules' outcome and conditions.
   */
  private candidates(eventSource: string, eventName: string): CallCandidates {
    let bySource = this.candidateCache.get(eventSource);
    if (!bySource) {
      if (this.candidateCache.size >= 1_000) this.candidateCache.clear();
      bySource = new Map();
      this.candidateCache.set(eventSource, bySource);
    }
    let list = bySource.get(eventName);
    if (!list) {
      const fits = (c: CompiledRule): boolean =>
        (!c.sources || c.sources.has(eventSource)) && (!c.rule.eventNames || nameMatches(c.rule.eventNames, eventName));
      const fitting = [...(this.byName.get(eventName) ?? []), ...this.prefixed, ...this.anyName].filter(fits);
      const of = (outcome: EventView['outcome']): CompiledRule[] =>
        fitting.filter((c) => outcomeWeight(c, outcome) !== 0);
      list = { success: of('success'), denied: of('denied'), failed: of('failed') };
      if (bySource.size >= 5_000) bySource.clear();
      bySource.set(eventName, list);
    }
    return list;
  }

  /** Rules (event rules and threshold rules) that match the event. */
  match(event: EventView): readonly CatalogueMatch[] {
    let matches: CatalogueMatch[] | undefined;
    // The cached call names, unless a hand-made view changed the call they name.
    const call = event.callInfo !== undefined && event.callInfo.action === event.action ? event.callInfo : undefined;
    let list = call === undefined ? undefined : this.byCall.get(call);
    if (list === undefined) {
      list = this.candidates(event.eventSource, event.eventName);
      if (call !== undefined) {
        if (this.byCall.size >= 10_000) this.byCall.clear();
        this.byCall.set(call, list);
      }
    }
    const outcome = event.outcome;
    const rules = outcome === 'success' ? list.success : outcome === 'denied' ? list.denied : list.failed;
    for (let i = 0; i < rules.length; i++) {
      const c = rules[i];
      const outcomeFactor = outcomeWeight(c, outcome);
      let detail = '';
      if (c.when) {
        if (SCRATCH_DETAILS.length !== 0) SCRATCH_DETAILS.length = 0;
        if (!c.when(event, SCRATCH_DETAILS)) continue;
        if (SCRATCH_DETAILS.length > 0) detail = SCRATCH_DETAILS.join('; ');
      }
      (matches ??= []).push({ matched: true, detail, outcomeFactor, rule: c.rule });
    }
    return matches ?? NO_MATCHES;
  }
}

const SEVERITIES = new Set(['informational', 'low', 'medium', 'high', 'critical']);
const OUTCOMES = new Set(['success', 'denied', 'failed', 'any']);

function checkCondition(condition: CatalogueCondition, where: string, problems: string[]): void {
  if ('all' in condition || 'any' in condition) {
    const list = 'all' in condition ? condition.all : condition.any;
    if (!Array.isArray(list) || list.length === 0) problems.push(`${where}: empty all/any list`);
    else list.forEach((c, i) => checkCondition(c, `${where}[${i}]`, problems));
    return;
  }
  if ('not' in condition) return checkCondition(condition.not, `${where}.not`, problems);
  if ('predicate' in condition) {
    if (!PREDICATES[condition.predicate]) problems.push(`${where}: unknown predicate '${condition.predicate}'`);
    return;
  }
  if (typeof condition.field !== 'string' || condition.field === '') {
    problems.push(`${where}: a condition needs a field`);
    return;
  }
  if ('matches' in condition) {
    try {
      new RegExp(condition.matches, 'i');
    } catch (error) {
      problems.push(`${where}: bad pattern ${condition.matches}: ${(error as Error).message}`);
    }
  }
}

/** Throws {@link CatalogueError} listing every problem (duplicate ids, unknown predicates, bad patterns). */
export function validateCatalogue(catalogue: DetectionCatalogue): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  if (!Array.isArray(catalogue.rules)) throw new CatalogueError('catalogue: `rules` must be a list');
  catalogue.rules.forEach((rule, i) => {
    const where = `rules[${i}] (${rule.id ?? 'no id'})`;
    if (!rule.id || !/^[a-z0-9-]+\/[a-z0-9-]+$/.test(rule.id)) problems.push(`${where}: id must be <tactic>/<name>`);
    if (seen.has(rule.id)) problems.push(`${where}: duplicate id`);
    seen.add(rule.id);
    if (!rule.title) problems.push(`${where}: missing title`);
    if (!SEVERITIES.has(rule.severity)) {
      problems.push(`${where}: severity must be one of ${[...SEVERITIES].join(', ')}`);
    }
    if (!rule.tactic) problems.push(`${where}: missing MITRE tactic`);
    if (!Array.isArray(rule.references) || rule.references.length === 0) problems.push(`${where}: no reference`);
    if (rule.outcome !== undefined && !OUTCOMES.has(rule.outcome)) problems.push(`${where}: bad outcome`);
    if (rule.threshold && !(rule.threshold.count >= 1)) problems.push(`${where}: threshold.count must be at least 1`);
    if (rule.when) checkCondition(rule.when, `${where}.when`, problems);
  });
  if (problems.length > 0) throw new CatalogueError(`invalid detection catalogue:\n${problems.join('\n')}`);
}
