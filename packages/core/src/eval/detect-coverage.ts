import { readFileSync } from 'node:fs';
import { CatalogueRule, CatalogueSeverity, DetectionCatalogue } from '../anomaly/catalogue/types';

/** One entry of the Sigma or TrailDiscover lists (see `datasets/README.md`). */
export interface ReferenceEntry {
  readonly rule_id: string;
  readonly title: string;
  readonly eventSource: readonly string[];
  readonly eventName: readonly string[];
  readonly level?: string | null;
  /** TrailDiscover: seen in real incidents. */
  readonly used_in_wild?: boolean;
}

/** Coverage of one reference list by the catalogue. */
export interface ListCoverage {
  readonly entries: number;
  /** Entries whose every API call is named by a catalogue rule (any severity, or linked in `sources`). */
  readonly covered: number;
  /** Entries covered by rules of low severity or above (rules that score, not only tag). */
  readonly coveredScoring: number;
  /** TrailDiscover entries seen in real incidents, and how many of those are covered. */
  readonly inTheWild?: number;
  readonly inTheWildCovered?: number;
  /** Titles of entries not covered. */
  readonly uncovered: readonly string[];
}

/** Result of {@link catalogueCoverage}. */
export interface CatalogueCoverage {
  readonly rules: number;
  readonly bySeverity: Readonly<Record<CatalogueSeverity, number>>;
  readonly sigma: ListCoverage;
  readonly traildiscover: ListCoverage;
}

const ORDER: readonly CatalogueSeverity[] = ['informational', 'low', 'medium', 'high', 'critical'];

/** Reads a reference list (JSON Lines). */
export function readReferenceList(path: string): ReferenceEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ReferenceEntry);
}

function names(rule: CatalogueRule, source: string | undefined, name: string): boolean {
  if (rule.eventSource && source && !rule.eventSource.includes(source)) return false;
  return (rule.eventNames ?? []).some((n) => (n.endsWith('*') ? name.startsWith(n.slice(0, -1)) : n === name));
}

function coverage(
  catalogue: DetectionCatalogue,
  entries: readonly ReferenceEntry[],
  prefix: string,
  minimum: CatalogueSeverity,
): { covered: Set<string> } {
  const rules = catalogue.rules.filter((r) => ORDER.indexOf(r.severity) >= ORDER.indexOf(minimum));
  const covered = new Set<string>();
  for (const entry of entries) {
    const linked = rules.some((r) => (r.sources ?? []).includes(`${prefix}${entry.rule_id}`) && prefix === 'sigma:');
    const calls = entry.eventName.filter((n) => !n.includes('*') && n === n.trim() && /^[A-Z]/.test(n));
    const sources = entry.eventSource.length > 0 ? entry.eventSource : [undefined];
    const named = calls.length > 0 && calls.every((n) => sources.some((s) => rules.some((r) => names(r, s, n))));
    if (linked || named) covered.add(entry.rule_id);
  }
  return { covered };
}

/**
 * How much of the Sigma and TrailDiscover catalogues of suspicious AWS calls
 * the detection catalogue covers: an entry is covered when every API call
 * it names is named by a catalogue rule (Sigma rules without event names
 * count when a catalogue rule lists them in `sources`). Reported for any
 * severity and for rules that score (low and above).
 */
export function catalogueCoverage(
  catalogue: DetectionCatalogue,
  sigma: readonly ReferenceEntry[],
  traildiscover: readonly ReferenceEntry[],
): CatalogueCoverage {
  const bySeverity = Object.fromEntries(ORDER.map((s) => [s, 0])) as Record<CatalogueSeverity, number>;
  for (const rule of catalogue.rules) bySeverity[rule.severity]++;
  const list = (entries: readonly ReferenceEntry[], prefix: string): ListCoverage => {
    const any = coverage(catalogue, entries, prefix, 'informational').covered;
    const scoring = coverage(catalogue, entries, prefix, 'low').covered;
    const wild = entries.filter((e) => e.used_in_wild === true);
    return {
      entries: entries.length,
      covered: any.size,
      coveredScoring: scoring.size,
      ...(prefix === 'traildiscover:'
        ? { inTheWild: wild.length, inTheWildCovered: wild.filter((e) => any.has(e.rule_id)).length }
        : {}),
      uncovered: entries.filter((e) => !any.has(e.rule_id)).map((e) => e.title || e.rule_id),
    };
  };
  return {
    rules: catalogue.rules.length,
    bySeverity,
    sigma: list(sigma, 'sigma:'),
    traildiscover: list(traildiscover, 'traildiscover:'),
  };
}
