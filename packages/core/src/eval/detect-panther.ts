import { readFileSync } from 'node:fs';
import { AnomalyDetector } from '../anomaly/anomaly-detector';
import { Finding } from '../anomaly/finding';
import { CloudTrailRecord } from '../logs/cloudtrail-record';

/** One line of `panther-rule-cases.jsonl`: a rule's test case (see the datasets README). */
export interface PantherRuleCase {
  readonly rule_id: string;
  readonly test_name: string;
  /** That rule fires on the event (`false` does not mean benign). */
  readonly expected: boolean;
  /** Context the label needs: `threshold`, `mocks`, `enrichment`. */
  readonly label_depends_on: readonly string[];
  readonly log_type: string;
  readonly severity?: string;
  readonly event: unknown;
  /** Groups the same event used by several rules. */
  readonly event_sha1: string;
}

/** One distinct event with its merged label. */
export interface PantherEvent {
  readonly sha1: string;
  readonly logType: string;
  /** Some rule expects to fire on it. */
  readonly malicious: boolean;
  /** Malicious and at least one firing rule's label needs no context. */
  readonly contextFree: boolean;
  /** Context the firing labels need (empty for context-free ones). */
  readonly dependsOn: readonly string[];
  readonly rules: readonly string[];
  readonly test: string;
  /** Risk score of the event scored on its own, with an empty baseline. */
  readonly score: number;
  readonly reasons: readonly string[];
}

/** Recall or false-positive rate at one threshold. */
export interface PantherAtThreshold {
  readonly threshold: number;
  readonly contextFreeRecall: number;
  readonly contextDependentRecall: number;
  readonly falsePositiveRate: number;
  readonly tp: number;
  readonly fn: number;
  readonly fp: number;
  readonly tn: number;
}

/** Result of {@link evaluatePantherDetection}. */
export interface PantherDetectionEvaluation {
  readonly threshold: number;
  readonly events: number;
  readonly malicious: number;
  readonly contextFree: number;
  readonly contextDependent: number;
  readonly benign: number;
  readonly atThreshold: PantherAtThreshold;
  /** Recall of context-dependent events per kind of dependency. */
  readonly byDependency: Readonly<Record<string, { readonly events: number; readonly detected: number }>>;
  readonly sweep: readonly PantherAtThreshold[];
  readonly misses: readonly PantherEvent[];
  readonly falsePositives: readonly PantherEvent[];
}

/** Reads the Panther cases file (JSON Lines). */
export function readPantherRuleCases(path: string): PantherRuleCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as PantherRuleCase);
}

/** Scores one event on its own: a fresh detector, no baseline, no window context. */
export function scoreAlone(event: unknown): Finding | undefined {
  const detector = new AnomalyDetector({ minScore: 0, learn: false, warmupHours: 0 });
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return undefined;
  const findings = detector.observeJson(event as CloudTrailRecord);
  findings.push(...detector.flush());
  return findings.sort((a, b) => b.risk_score - a.risk_score)[0];
}

function atThreshold(events: readonly PantherEvent[], threshold: number): PantherAtThreshold {
  let tp = 0;
  let fn = 0;
  let fp = 0;
  let tn = 0;
  let depTp = 0;
  let depN = 0;
  for (const e of events) {
    const hit = e.score >= threshold;
    if (e.contextFree) {
      if (hit) tp++;
      else fn++;
    } else if (e.malicious) {
      depN++;
      if (hit) depTp++;
    } else if (hit) {
      fp++;
    } else {
      tn++;
    }
  }
  const r = (x: number): number => Math.round(x * 10000) / 10000;
  return {
    threshold,
    contextFreeRecall: r(tp + fn === 0 ? 1 : tp / (tp + fn)),
    contextDependentRecall: r(depN === 0 ? 1 : depTp / depN),
    falsePositiveRate: r(fp + tn === 0 ? 0 : fp / (fp + tn)),
    tp,
    fn,
    fp,
    tn,
  };
}

/**
 * Evaluates the detector on Panther rule test cases. Each distinct event is
 * scored on its own with an empty baseline (the cases are unrelated
 * fragments, so there is no history to learn). An event is malicious if any
 * rule expects to fire on it; context-free if one such label needs no
 * threshold, mock or enrichment; benign (for the false-positive rate) if no
 * rule fires on it.
 */
export function evaluatePantherDetection(
  cases: readonly PantherRuleCase[],
  threshold = 40,
): PantherDetectionEvaluation {
  const groups = new Map<string, PantherRuleCase[]>();
  for (const c of cases) {
    const list = groups.get(c.event_sha1) ?? [];
    list.push(c);
    groups.set(c.event_sha1, list);
  }
  const events: PantherEvent[] = [];
  for (const [sha1, list] of groups) {
    const firing = list.filter((c) => c.expected);
    const contextFree = firing.some((c) => c.label_depends_on.length === 0);
    const finding = scoreAlone(list[0].event);
    events.push({
      sha1,
      logType: list[0].log_type,
      malicious: firing.length > 0,
      contextFree,
      dependsOn: contextFree ? [] : [...new Set(firing.flatMap((c) => c.label_depends_on))].sort(),
      rules: [...new Set(list.map((c) => c.rule_id))],
      test: (firing[0] ?? list[0]).test_name,
      score: finding?.risk_score ?? 0,
      reasons: finding?.reasons.map((r) => `${r.id} +${r.contribution}`) ?? [],
    });
  }
  const byDependency: Record<string, { events: number; detected: number }> = {};
  for (const e of events) {
    if (!e.malicious || e.contextFree) continue;
    for (const d of e.dependsOn) {
      byDependency[d] ??= { events: 0, detected: 0 };
      byDependency[d].events++;
      if (e.score >= threshold) byDependency[d].detected++;
    }
  }
  return {
    threshold,
    events: events.length,
    malicious: events.filter((e) => e.malicious).length,
    contextFree: events.filter((e) => e.contextFree).length,
    contextDependent: events.filter((e) => e.malicious && !e.contextFree).length,
    benign: events.filter((e) => !e.malicious).length,
    atThreshold: atThreshold(events, threshold),
    byDependency,
    sweep: [25, 40, 55, 70, 90].map((t) => atThreshold(events, t)),
    misses: events.filter((e) => e.contextFree && e.score < threshold),
    falsePositives: events.filter((e) => !e.malicious && e.score >= threshold),
  };
}
