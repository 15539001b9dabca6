import { FindingSeverity } from '../finding';

/**
 * Tunable constants of the signal-to-points mappings. Every mapping is
 * monotone non-decreasing in its input; see ADR 0003 for the reasoning.
 */
export const SCORING = {
  /** Rarity: surprise (bits) at which a feature starts to count and at which it counts fully. */
  raritySurpriseFloor: 2,
  raritySurpriseFull: 7,
  /** Rarity: most points each feature can give. */
  rarityPoints: { action: 25, ip: 10, network: 30, region: 30, ua: 25, error: 20, resource: 20 },
  /** Rarity of a principal for a resource used by an established set of principals. */
  resourcePrincipalPoints: 25,
  /** Volume: modified z-score from which a window is an outlier, and where points saturate. */
  volumeZThreshold: 3.5,
  volumeZFull: 12,
  /**
   * Volume points: an outlier window adds between min and max points. Event
   * volume alone stays below the default threshold (it amplifies other
   * evidence); error volume can reach it on its own.
   */
  volumePointsMin: 15,
  volumePointsMax: 35,
  errorVolumePointsMin: 20,
  errorVolumePointsMax: 45,
  /** Catalogue: damping of low-severity rules when a mature principal acts from its usual network, tool and region. */
  familiarContextLowFactor: 0.75,
  /** Catalogue: decayed events a principal needs before its context counts as known. */
  matureEvents: 20,
  /** Volume: non-empty baseline windows needed before the volume signal speaks (warm-up). */
  volumeMinWindows: 5,
  /**
   * Volume: smallest excess over the median that can count (effect size).
   * People are bursty: 10 calls in an hour against a median of 2 is a busy
   * hour, not an incident; a download burst or a probing storm is far larger.
   */
  volumeMinExcessEvents: 20,
  volumeMinExcessErrors: 8,
  /** Catalogue: familiarity damping floor per severity (1 = never damped). */
  familiarityFloor: { informational: 1, low: 0.4, medium: 0.5, high: 0.75, critical: 1 },
  /** Catalogue: decayed calls of the same API by the principal at which familiarity is one half. */
  familiarityHalf: 3,
} as const;

/** Rarity points of one feature from its surprise in bits. */
export function rarityPoints(bits: number, maxPoints: number): number {
  const { raritySurpriseFloor: lo, raritySurpriseFull: hi } = SCORING;
  const fraction = Math.min(1, Math.max(0, (bits - lo) / (hi - lo)));
  return maxPoints * fraction;
}

/** Surprise (bits) of a value seen `count` times in `total` observations with `distinct` values, smoothed. */
export function surpriseBits(count: number, total: number, distinct: number): number {
  // Additive smoothing whose pseudo-count grows with the diversity of the feature:
  // a principal seen with many values is less surprised by one more. With no
  // history (total = 0) nothing is surprising.
  const beta = 1 + distinct / 2;
  const p = (Math.max(0, count) + beta) / (Math.max(0, total) + beta);
  return p >= 1 ? 0 : -Math.log2(p);
}

/** Volume points from a modified z-score (0 below the threshold); `errors` uses the error-volume range. */
export function volumePoints(z: number, errors = false): number {
  const { volumeZThreshold: lo, volumeZFull: hi } = SCORING;
  const min = errors ? SCORING.errorVolumePointsMin : SCORING.volumePointsMin;
  const max = errors ? SCORING.errorVolumePointsMax : SCORING.volumePointsMax;
  if (!(z >= lo)) return 0;
  return min + (max - min) * Math.min(1, (z - lo) / (hi - lo));
}

/** Catalogue damping for a principal that already makes this call: 1 when new, down to the floor. */
export function familiarityDamping(severity: keyof typeof SCORING.familiarityFloor, priorCalls: number): number {
  const floor = SCORING.familiarityFloor[severity];
  const familiarity = priorCalls > 0 ? priorCalls / (priorCalls + SCORING.familiarityHalf) : 0;
  return 1 - (1 - floor) * familiarity;
}

/**
 * The risk score: a noisy-OR of the contributions, each in points out of
 * 100: 100 × (1 − Π(1 − pᵢ/100)). It is monotone (raising any contribution
 * never lowers it), bounded to [0, 100], order-independent, and a single
 * signal scores exactly its own points.
 */
export function combinePoints(points: readonly number[]): number {
  let remaining = 1;
  for (const p of points) remaining *= remainingFactor(p);
  return 100 * (1 - remaining);
}

/** The factor `1 − p/100` (p clamped to 0-100) by which one contribution shrinks the remaining risk in {@link combinePoints}. */
export function remainingFactor(points: number): number {
  const clamped = Math.min(100, Math.max(0, Number.isFinite(points) ? points : 0));
  return 1 - clamped / 100;
}

/**
 * Splits a combined score into additive shares, strongest first: the first
 * reason adds its own points, each next one its noisy-OR increment. The
 * shares sum to the score, so `reasons[].contribution` explains it exactly.
 */
export function contributionShares(points: readonly number[]): number[] {
  const order = points.map((p, i) => [p, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const shares = new Array<number>(points.length).fill(0);
  let remaining = 1;
  for (const [p, i] of order) {
    const clamped = Math.min(100, Math.max(0, Number.isFinite(p) ? p : 0)) / 100;
    shares[i] = 100 * remaining * clamped;
    remaining *= 1 - clamped;
  }
  return shares;
}

/** Severity band of a risk score. */
export function severityOf(score: number): FindingSeverity {
  if (score >= 90) return 'critical';
  if (score >= 70) return 'high';
  if (score >= 55) return 'medium';
  if (score >= 40) return 'low';
  return 'informational';
}

/** Rounds to one decimal (scores and shares in findings). */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
