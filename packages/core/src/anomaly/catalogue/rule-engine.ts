import { PREDICATES } from './predicates';
import { CatalogueCondition, CatalogueRule, DetectionCatalogue, Scalar } from './types';
import { CatalogueError } from '../../errors';
import { EventView, fieldOf } from '../event-view';

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

/** Values at a dotted path; arrays along the path are searched element by element. */
export function resolvePath(root: unknown, path: string): unknown[] {
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

/** Root object a condition path starts from: the record, plus `$`-prefixed views of normalized fields. */
function valuesAt(event: EventView, path: string): unknown[] {
  switch (path) {
    case '$principalType':
      return [event.principal.entityType];
    case '$ipKind':
      return [event.ipKind];
    case '$uaFamily':
      return [event.uaFamily];
    case '$sessionName':
      return [event.principal.sessionName];
    default:
      return resolvePath(event.record, path);
  }
}

/** Evaluates a condition; details of predicates that held are appended to `details`. */
export function evaluateCondition(condition: CatalogueCondition, event: EventView, details: string[]): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, event, details));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, event, details));
  if ('not' in condition) return !evaluateCondition(condition.not, event, []);
  if ('predicate' in condition) {
    const predicate = PREDICATES[condition.predicate];
    if (!predicate) return false;
    const detail = predicate(event, condition.args ?? []);
    if (detail === undefined) return false;
    details.push(detail);
    return true;
  }
  const values = valuesAt(event, condition.field);
  if ('equals' in condition) return values.some((v) => scalarEquals(v, condition.equals));
  if ('in' in condition) return values.some((v) => condition.in.some((e) => scalarEquals(v, e)));
  if ('exists' in condition) return values.some(present) === condition.exists;
  if ('matches' in condition) {
    const regex = regexFor(condition.matches);
    return values.some((v) => (typeof v === 'string' || typeof v === 'number') && regex.test(String(v)));
  }
  if ('lte' in condition) return values.some((v) => v !== '' && Number(v) <= condition.lte);
  return values.some((v) => v !== '' && Number(v) >= condition.gte);
}

function nameMatches(names: readonly string[], eventName: string): boolean {
  for (const name of names) {
    if (name.endsWith('*') ? eventName.startsWith(name.slice(0, -1)) : name === eventName) return true;
  }
  return false;
}

/**
 * Evaluates one catalogue rule against one event: event source and name,
 * outcome, then field conditions and predicates. For threshold rules this
 * says whether the event counts toward the threshold. Pure, never throws.
 */
export function evaluateRule(rule: CatalogueRule, event: EventView): RuleVerdict {
  if (rule.eventSource && !rule.eventSource.includes(event.eventSource)) return NO_MATCH;
  if (rule.eventNames && !nameMatches(rule.eventNames, event.eventName)) return NO_MATCH;
  const outcome = rule.outcome ?? 'success';
  let outcomeFactor = 1;
  if (outcome === 'success') outcomeFactor = OUTCOME_FACTORS[event.outcome];
  else if (outcome !== 'any' && outcome !== event.outcome) return NO_MATCH;
  const details: string[] = [];
  if (rule.when && !evaluateCondition(rule.when, event, details)) return NO_MATCH;
  return { matched: true, detail: details.join('; '), outcomeFactor };
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
  private readonly byName = new Map<string, CatalogueRule[]>();
  private readonly prefixed: CatalogueRule[] = [];
  private readonly anyName: CatalogueRule[] = [];

  constructor(public readonly catalogue: DetectionCatalogue) {
    validateCatalogue(catalogue);
    this.rules = catalogue.rules;
    for (const rule of catalogue.rules) {
      if (!rule.eventNames) {
        this.anyName.push(rule);
        continue;
      }
      for (const name of rule.eventNames) {
        if (name.endsWith('*')) {
          if (!this.prefixed.includes(rule)) this.prefixed.push(rule);
          continue;
        }
        const list = this.byName.get(name) ?? [];
        if (!list.includes(rule)) list.push(rule);
        this.byName.set(name, list);
      }
    }
  }

  /** Rules (event rules and threshold rules) that match the event, strongest first within a group. */
  match(event: EventView): CatalogueMatch[] {
    const matches: CatalogueMatch[] = [];
    const candidates = this.byName.get(event.eventName);
    if (candidates) this.collect(candidates, event, matches);
    if (this.prefixed.length > 0) this.collect(this.prefixed, event, matches);
    this.collect(this.anyName, event, matches);
    return matches;
  }

  private collect(rules: readonly CatalogueRule[], event: EventView, into: CatalogueMatch[]): void {
    for (const rule of rules) {
      const verdict = evaluateRule(rule, event);
      if (verdict.matched) into.push({ ...verdict, rule });
    }
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
