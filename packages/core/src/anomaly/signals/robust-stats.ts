/** Median, MAD and mean absolute deviation of a series (the volume baseline of one principal). */
export interface RobustStats {
  /** Number of values. */
  readonly n: number;
  readonly median: number;
  /** Median absolute deviation from the median. */
  readonly mad: number;
  /** Mean absolute deviation from the median (the fallback when MAD is 0). */
  readonly meanAbsDev: number;
}

/** Median of values sorted ascending. */
function medianOfSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Robust location and scale of a series; an empty series gives zeros with `n = 0`. */
export function robustStats(values: readonly number[]): RobustStats {
  const n = values.length;
  if (n === 0) return { n: 0, median: 0, mad: 0, meanAbsDev: 0 };
  if (values.every(isSmallInteger)) return integerStats(values);
  const sorted = [...values].sort((a, b) => a - b);
  const median = medianOfSorted(sorted);
  const deviations = sorted.map((v) => Math.abs(v - median)).sort((a, b) => a - b);
  const mad = medianOfSorted(deviations);
  const meanAbsDev = deviations.reduce((s, d) => s + d, 0) / n;
  return { n, median, mad, meanAbsDev };
}

function isSmallInteger(v: number): boolean {
  return Number.isInteger(v) && Math.abs(v) < 2 ** 28 && !Object.is(v, -0);
}

/**
 * {@link robustStats} of integers (window counts), sorted as 32-bit integers
 * (typed arrays sort natively, without a comparator call per step). The
 * absolute deviations from the median are not sorted again: in the sorted
 * series they fall on both sides of the median, each side ordered, so the
 * middle deviations are found by walking both sides outward (a merge).
 * Deviations are doubled (a median may end in .5), so every step is exact
 * and the results are those of the general path.
 */
function integerStats(values: readonly number[]): RobustStats {
  const n = values.length;
  const sorted = Int32Array.from(values).sort();
  const median = medianOfSorted(sorted);
  const twice = 2 * median;
  let sum = 0;
  let right = 0;
  for (let i = 0; i < n; i++) {
    const d = 2 * sorted[i] - twice;
    if (d < 0) right = i + 1;
    sum += Math.abs(d) / 2;
  }
  // The k-th smallest doubled deviation for k up to the middle: left side walked down, right side up.
  const mid = Math.floor(n / 2);
  let left = right - 1;
  let below = 0;
  let at = 0;
  for (let k = 0; k <= mid; k++) {
    let d: number;
    if (right >= n || (left >= 0 && twice - 2 * sorted[left] <= 2 * sorted[right] - twice)) {
      d = twice - 2 * sorted[left--];
    } else {
      d = 2 * sorted[right++] - twice;
    }
    if (k === mid - 1) below = d;
    at = d;
  }
  const mad = (n % 2 === 1 ? at : (below + at) / 2) / 2;
  return { n, median, mad, meanAbsDev: sum / n };
}

/** 0.6745 = Φ⁻¹(0.75): MAD / 0.6745 estimates the standard deviation of normal data. */
const MAD_TO_SIGMA = 1 / 0.6745;
/** √(π/2): mean absolute deviation × 1.2533 estimates the standard deviation (Iglewicz & Hoaglin). */
const MEANAD_TO_SIGMA = 1.253314;

/**
 * Modified z-score of `x` against a baseline (Iglewicz & Hoaglin):
 * (x − median) / σ̂ with σ̂ = MAD / 0.6745. When MAD is 0 (more than half the
 * windows equal), σ̂ = 1.2533 × mean absolute deviation; whatever the
 * estimate, σ̂ is floored at √max(median, 1), the spread of a Poisson count
 * with that mean, so a constant series does not make every small change
 * infinitely surprising. Returns 0 for an empty baseline.
 */
export function modifiedZScore(x: number, stats: RobustStats): number {
  if (stats.n === 0) return 0;
  const sigma = Math.max(
    stats.mad > 0 ? stats.mad * MAD_TO_SIGMA : stats.meanAbsDev * MEANAD_TO_SIGMA,
    Math.sqrt(Math.max(stats.median, 1)),
  );
  return (x - stats.median) / sigma;
}
