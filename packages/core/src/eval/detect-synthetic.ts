import { AnomalyDetector, AnomalyDetectorOptions } from '../anomaly/anomaly-detector';
import { Finding } from '../anomaly/finding';
import { CloudTrailRecord } from '../logs/cloudtrail-record';
import { AttackLabel } from '../synthetic/attack-contract';
import { injectAttacks } from '../synthetic/attacks';
import { generateCloudTrailEvents } from '../synthetic/cloudtrail-generator';
import { deriveSeed } from '../synthetic/rng';
import { buildWorld } from '../synthetic/world';

/** Options of a synthetic detection evaluation. */
export interface SyntheticDetectionOptions {
  readonly seed: number;
  /**
   * Benign CloudTrail events.
   * @default 30000
   */
  readonly events?: number;
  /**
   * Simulated days (attacks land in the last quarter).
   * @default 14
   */
  readonly days?: number;
  /**
   * Simulated accounts.
   * @default 4
   */
  readonly accounts?: number;
  /**
   * Instances of each attack scenario.
   * @default 2
   */
  readonly perScenario?: number;
  /** Detector options (threshold, window). @default the detector's defaults */
  readonly detector?: AnomalyDetectorOptions;
}

/** Recall per attack scenario. */
export interface ScenarioRecall {
  readonly scenario: string;
  readonly instances: number;
  /** Instances with at least one flagged event. */
  readonly instancesDetected: number;
  readonly events: number;
  readonly detected: number;
  readonly recall: number;
}

/** Result of a detection evaluation on labelled events. */
export interface DetectionEvaluation {
  readonly seed?: number;
  readonly events: number;
  readonly attackEvents: number;
  readonly findings: number;
  readonly threshold: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Precision of the k highest-scored findings. */
  readonly precisionAtK: Readonly<Record<string, number>>;
  /** Findings on benign events per 1,000 benign events. */
  readonly benignFindingsPer1000: number;
  readonly perScenario: readonly ScenarioRecall[];
  /** A few benign events that were flagged, for error analysis. */
  readonly falsePositives: readonly { readonly log_id: string; readonly score: number; readonly reasons: string }[];
  /** A few attack events that were missed. */
  readonly misses: readonly { readonly log_id: string; readonly scenario: string; readonly step: string }[];
}

function r4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Scores detector findings against attack labels (events without a label are benign). */
export function scoreDetection(
  totalEvents: number,
  labels: readonly AttackLabel[],
  findings: readonly Finding[],
  threshold: number,
): DetectionEvaluation {
  const attack = new Map(labels.map((l) => [l.logId, l]));
  const flagged = new Map<string, Finding>();
  for (const f of findings) {
    if (f.risk_score < threshold) continue;
    const prior = flagged.get(f.log_id);
    if (!prior || prior.risk_score < f.risk_score) flagged.set(f.log_id, f);
  }
  let tp = 0;
  let fp = 0;
  const falsePositives: { log_id: string; score: number; reasons: string }[] = [];
  for (const [logId, f] of flagged) {
    if (attack.has(logId)) {
      tp++;
    } else {
      fp++;
      if (falsePositives.length < 25) {
        falsePositives.push({
          log_id: logId,
          score: f.risk_score,
          reasons: f.reasons.map((r) => `${r.id} +${r.contribution}`).join(', '),
        });
      }
    }
  }
  const fn = labels.length - tp;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = labels.length === 0 ? 1 : tp / labels.length;
  const ranked = [...flagged.values()].sort((a, b) => b.risk_score - a.risk_score || (a.log_id < b.log_id ? -1 : 1));
  const precisionAtK: Record<string, number> = {};
  for (const k of [10, 50, 100, 200]) {
    const top = ranked.slice(0, k);
    if (top.length === 0) continue;
    precisionAtK[String(k)] = r4(top.filter((f) => attack.has(f.log_id)).length / top.length);
  }
  const byScenario = new Map<string, { instances: Set<string>; hit: Set<string>; events: number; detected: number }>();
  const misses: { log_id: string; scenario: string; step: string }[] = [];
  for (const l of labels) {
    let row = byScenario.get(l.scenario);
    if (!row) {
      row = { instances: new Set(), hit: new Set(), events: 0, detected: 0 };
      byScenario.set(l.scenario, row);
    }
    row.instances.add(l.attackId);
    row.events++;
    if (flagged.has(l.logId)) {
      row.detected++;
      row.hit.add(l.attackId);
    } else if (misses.length < 50) {
      misses.push({ log_id: l.logId, scenario: l.scenario, step: l.step });
    }
  }
  const benign = Math.max(0, totalEvents - labels.length);
  return {
    events: totalEvents,
    attackEvents: labels.length,
    findings: flagged.size,
    threshold,
    tp,
    fp,
    fn,
    precision: r4(precision),
    recall: r4(recall),
    f1: r4(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)),
    precisionAtK,
    benignFindingsPer1000: r4(benign === 0 ? 0 : (fp / benign) * 1000),
    perScenario: [...byScenario.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([scenario, row]) => ({
        scenario,
        instances: row.instances.size,
        instancesDetected: row.hit.size,
        events: row.events,
        detected: row.detected,
        recall: r4(row.detected / row.events),
      })),
    falsePositives,
    misses,
  };
}

/** Benign events of a world with its injected attacks, merged in time order, and the labels. */
export function syntheticStream(options: SyntheticDetectionOptions): {
  readonly events: CloudTrailRecord[];
  readonly labels: readonly AttackLabel[];
} {
  const world = buildWorld(options.seed, { days: options.days ?? 14, accounts: options.accounts ?? 4 });
  const injected = injectAttacks(world, {
    seed: deriveSeed(options.seed, 'attacks'),
    perScenario: options.perScenario ?? 2,
  });
  const attacks = [...injected.events];
  const events: CloudTrailRecord[] = [];
  let a = 0;
  for (const generated of generateCloudTrailEvents(world, {
    events: options.events ?? 30_000,
    seed: deriveSeed(options.seed, 'cloudtrail'),
  })) {
    const time = String(generated.event.eventTime);
    while (a < attacks.length && String(attacks[a].eventTime) < time) events.push(attacks[a++]);
    events.push(generated.event);
  }
  while (a < attacks.length) events.push(attacks[a++]);
  return { events, labels: injected.labels };
}

/**
 * Generates a labelled synthetic corpus from a seed (benign habits plus
 * every attack scenario) and runs the detector over it online, without a
 * prior profile: the first days are its warm-up, the attacks fall in the
 * last quarter. Returns precision, recall, F1, precision@k and the
 * per-scenario table.
 */
export function evaluateSyntheticDetection(options: SyntheticDetectionOptions): DetectionEvaluation {
  const { events, labels } = syntheticStream(options);
  const detector = new AnomalyDetector(options.detector);
  const findings: Finding[] = [];
  for (const event of events) findings.push(...detector.observe(event));
  findings.push(...detector.flush());
  return { ...scoreDetection(events.length, labels, findings, detector.minScore), seed: options.seed };
}
