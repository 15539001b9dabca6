import { join } from 'node:path';
import { DEFAULT_CATALOGUE } from '../../src/anomaly/catalogue';
import { catalogueCoverage, readReferenceList } from '../../src/eval/detect-coverage';
import {
  DATASETS_DIR,
  DETECTION_TARGETS,
  DETECT_HELD_OUT_SEED,
  renderDetectionReport,
  runDetectionEvaluation,
} from '../../src/eval/detect-eval';
import { evaluatePantherDetection, readPantherRuleCases } from '../../src/eval/detect-panther';
import { scoreDetection } from '../../src/eval/detect-synthetic';

describe('detection quality gates (fixed data, fixed thresholds)', () => {
  const report = runDetectionEvaluation();

  it(`synthetic held-out set (seed ${DETECT_HELD_OUT_SEED}): recall >= 0.95 at precision >= 0.90`, () => {
    expect(report.synthetic.seed).toBe(DETECT_HELD_OUT_SEED);
    expect(report.synthetic.attackEvents).toBeGreaterThan(150);
    expect(report.synthetic.recall).toBeGreaterThanOrEqual(DETECTION_TARGETS.syntheticRecall);
    expect(report.synthetic.precision).toBeGreaterThanOrEqual(DETECTION_TARGETS.syntheticPrecision);
    expect(report.synthetic.perScenario.every((s) => s.instancesDetected === s.instances)).toBe(true);
  });

  it('Panther cases without context dependencies: recall >= 0.85, false-positive rate reported and low', () => {
    expect(report.panther.atThreshold.contextFreeRecall).toBeGreaterThanOrEqual(
      DETECTION_TARGETS.pantherContextFreeRecall,
    );
    expect(report.panther.atThreshold.falsePositiveRate).toBeLessThan(0.05);
    expect(report.panther.contextFree + report.panther.contextDependent).toBe(report.panther.malicious);
  });

  it('reports no missed target and renders readable tables', () => {
    expect(report.failures).toEqual([]);
    const text = renderDetectionReport(report);
    expect(text).toMatch(/precision@10/);
    expect(text).toMatch(/credential-exfiltration/);
    expect(text).toMatch(/context-free recall/);
    expect(text).toMatch(/TrailDiscover \(CC-BY-4\.0\)/);
    expect(text).toMatch(/All detection targets met\./);
  });
});

describe('catalogue coverage of the Sigma and TrailDiscover lists', () => {
  const coverage = catalogueCoverage(
    DEFAULT_CATALOGUE,
    readReferenceList(join(DATASETS_DIR, 'sigma-aws-eventnames.jsonl')),
    readReferenceList(join(DATASETS_DIR, 'traildiscover-eventnames.jsonl')),
  );

  it('covers every Sigma rule and most with scoring rules', () => {
    expect(coverage.sigma.covered).toBe(coverage.sigma.entries);
    expect(coverage.sigma.coveredScoring / coverage.sigma.entries).toBeGreaterThan(0.9);
  });

  it('covers the TrailDiscover calls seen in real incidents', () => {
    expect(coverage.traildiscover.inTheWildCovered).toBe(coverage.traildiscover.inTheWild);
    expect(coverage.traildiscover.coveredScoring / coverage.traildiscover.entries).toBeGreaterThan(0.75);
  });

  it('reports an uncovered entry', () => {
    const c = catalogueCoverage(
      DEFAULT_CATALOGUE,
      [{ rule_id: 'x', title: 'Teleport', eventSource: ['x.amazonaws.com'], eventName: ['Teleport'] }],
      [],
    );
    expect(c.sigma.uncovered).toEqual(['Teleport']);
  });
});

describe('scoring helpers', () => {
  it('counts precision, recall, precision@k and per-scenario recall from labels', () => {
    const labels = [
      { logId: 'a1', scenario: 's', attackId: 's-1', step: 'x' },
      { logId: 'a2', scenario: 's', attackId: 's-1', step: 'y' },
    ];
    const finding = (log_id: string, risk_score: number) =>
      ({ log_id, risk_score, reasons: [{ id: 'r', contribution: risk_score }] }) as never;
    const r = scoreDetection(10, labels, [finding('a1', 80), finding('b', 50), finding('b', 30), finding('c', 10)], 40);
    expect(r).toEqual(expect.objectContaining({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 }));
    expect(r.precisionAtK['10']).toBe(0.5);
    expect(r.perScenario[0]).toEqual(expect.objectContaining({ instances: 1, instancesDetected: 1, recall: 0.5 }));
    expect(r.misses).toEqual([{ log_id: 'a2', scenario: 's', step: 'y' }]);
  });

  it('Panther evaluation groups rule cases by event and separates context-dependent labels', () => {
    const cases = readPantherRuleCases(join(DATASETS_DIR, 'panther-rule-cases.jsonl')).slice(0, 12);
    const r = evaluatePantherDetection(cases, 40);
    expect(r.events).toBeLessThanOrEqual(12);
    expect(r.sweep.map((s) => s.threshold)).toEqual([25, 40, 55, 70, 90]);
  });
});
