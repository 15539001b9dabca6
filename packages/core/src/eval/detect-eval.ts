import { join } from 'node:path';
import { CatalogueCoverage, catalogueCoverage, readReferenceList } from './detect-coverage';
import { evaluatePantherDetection, PantherDetectionEvaluation, readPantherRuleCases } from './detect-panther';
import { DetectionEvaluation, evaluateSyntheticDetection } from './detect-synthetic';
import { DEFAULT_CATALOGUE } from '../anomaly/catalogue/catalogue';

/** Seed of the held-out synthetic set: never used while developing or tuning the detector. */
export const DETECT_HELD_OUT_SEED = 20261124;

/** Quality targets of issue 4, gated in tests and checked by `aad eval detect`. */
export const DETECTION_TARGETS = {
  syntheticRecall: 0.95,
  syntheticPrecision: 0.9,
  pantherContextFreeRecall: 0.85,
} as const;

/** The datasets shipped with the package (`datasets/README.md`). */
export const DATASETS_DIR = join(__dirname, '..', '..', 'datasets');

/** Options of {@link runDetectionEvaluation}. */
export interface DetectionEvaluationOptions {
  /**
   * Seed of the synthetic set.
   * @default DETECT_HELD_OUT_SEED
   */
  readonly seed?: number;
  /**
   * Benign events of the synthetic set.
   * @default 30000
   */
  readonly events?: number;
  /**
   * Folder holding the Panther, Sigma and TrailDiscover files.
   * @default DATASETS_DIR
   */
  readonly datasetsDir?: string;
  /**
   * Emission threshold (risk score).
   * @default 40
   */
  readonly threshold?: number;
}

/** Everything `aad eval detect` measures. */
export interface DetectionReport {
  readonly synthetic: DetectionEvaluation;
  readonly panther: PantherDetectionEvaluation;
  readonly coverage: CatalogueCoverage;
  readonly targets: typeof DETECTION_TARGETS;
  /** Targets missed (empty when every target is met). */
  readonly failures: readonly string[];
}

/** Runs the synthetic, Panther and coverage evaluations and checks the targets. */
export function runDetectionEvaluation(options: DetectionEvaluationOptions = {}): DetectionReport {
  const dir = options.datasetsDir ?? DATASETS_DIR;
  const threshold = options.threshold ?? 40;
  const synthetic = evaluateSyntheticDetection({
    seed: options.seed ?? DETECT_HELD_OUT_SEED,
    events: options.events ?? 30_000,
    detector: { minScore: threshold },
  });
  const panther = evaluatePantherDetection(readPantherRuleCases(join(dir, 'panther-rule-cases.jsonl')), threshold);
  const coverage = catalogueCoverage(
    DEFAULT_CATALOGUE,
    readReferenceList(join(dir, 'sigma-aws-eventnames.jsonl')),
    readReferenceList(join(dir, 'traildiscover-eventnames.jsonl')),
  );
  const failures: string[] = [];
  if (synthetic.recall < DETECTION_TARGETS.syntheticRecall) {
    failures.push(`synthetic recall ${synthetic.recall} < ${DETECTION_TARGETS.syntheticRecall}`);
  }
  if (synthetic.precision < DETECTION_TARGETS.syntheticPrecision) {
    failures.push(`synthetic precision ${synthetic.precision} < ${DETECTION_TARGETS.syntheticPrecision}`);
  }
  if (panther.atThreshold.contextFreeRecall < DETECTION_TARGETS.pantherContextFreeRecall) {
    failures.push(
      `Panther context-free recall ${panther.atThreshold.contextFreeRecall} < ${DETECTION_TARGETS.pantherContextFreeRecall}`,
    );
  }
  return { synthetic, panther, coverage, targets: DETECTION_TARGETS, failures };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: readonly string[]): string =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** The report as readable tables. */
export function renderDetectionReport(report: DetectionReport): string {
  const s = report.synthetic;
  const p = report.panther;
  const c = report.coverage;
  const out: string[] = [];
  out.push(
    `Synthetic held-out set (seed ${s.seed}): ${s.events} events, ${s.attackEvents} attack events, threshold ${s.threshold}`,
  );
  out.push(
    table(
      ['metric', 'value', 'target'],
      [
        ['precision', s.precision, `>= ${report.targets.syntheticPrecision}`],
        ['recall', s.recall, `>= ${report.targets.syntheticRecall}`],
        ['F1', s.f1, ''],
        ...Object.entries(s.precisionAtK).map(([k, v]) => [`precision@${k}`, v, ''] as const),
        ['findings on benign events per 1,000', s.benignFindingsPer1000, ''],
      ],
    ),
  );
  out.push('');
  out.push(
    table(
      ['scenario', 'instances', 'detected', 'events', 'flagged', 'recall'],
      s.perScenario.map((r) => [r.scenario, r.instances, r.instancesDetected, r.events, r.detected, r.recall]),
    ),
  );
  out.push('');
  out.push(
    `Panther rule cases: ${p.events} distinct events, ${p.malicious} malicious (${p.contextFree} context-free, ${p.contextDependent} depending on context), ${p.benign} no rule fires on`,
  );
  out.push(
    table(
      ['threshold', 'context-free recall', 'context-dependent recall', 'false-positive rate'],
      p.sweep.map((t) => [
        t.threshold,
        pct(t.contextFreeRecall),
        pct(t.contextDependentRecall),
        `${pct(t.falsePositiveRate)} (${t.fp}/${t.fp + t.tn})`,
      ]),
    ),
  );
  out.push(
    `context-dependent labels at ${p.threshold}: ` +
      Object.entries(p.byDependency)
        .map(([d, v]) => `${d} ${v.detected}/${v.events}`)
        .join(', '),
  );
  out.push('');
  out.push(
    `Catalogue: ${c.rules} rules (` +
      Object.entries(c.bySeverity)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ') +
      ')',
  );
  out.push(
    table(
      ['list', 'entries', 'covered', 'covered by scoring rules', 'seen in incidents covered'],
      [
        [
          'Sigma (DRL 1.1)',
          c.sigma.entries,
          pct(c.sigma.covered / c.sigma.entries),
          pct(c.sigma.coveredScoring / c.sigma.entries),
          '',
        ],
        [
          'TrailDiscover (CC-BY-4.0)',
          c.traildiscover.entries,
          pct(c.traildiscover.covered / c.traildiscover.entries),
          pct(c.traildiscover.coveredScoring / c.traildiscover.entries),
          `${c.traildiscover.inTheWildCovered}/${c.traildiscover.inTheWild}`,
        ],
      ],
    ),
  );
  out.push('');
  out.push(
    report.failures.length === 0 ? 'All detection targets met.' : `Targets missed: ${report.failures.join('; ')}`,
  );
  return out.join('\n');
}
