import fc from 'fast-check';
import { modifiedZScore, robustStats } from '../../../src/anomaly/signals/robust-stats';

describe('robustStats and modifiedZScore', () => {
  it.each([
    ['empty series (no baseline)', [], 42, 0],
    ['constant series (MAD = 0, mean deviation = 0): Poisson floor √median', [4, 4, 4, 4, 4], 12, 4],
    ['constant zeros: floor of 1', [0, 0, 0, 0], 5, 5],
    ['MAD = 0 but spread: mean absolute deviation fallback', [1, 1, 1, 1, 9], 9, 8 / (1.253314 * 1.6)],
    ['single outlier in the baseline is ignored by the median', [10, 11, 9, 10, 12, 10, 500], 10, 0],
    ['multiple outliers in the baseline', [10, 11, 9, 10, 12, 400, 500], 11, 0],
    ['below the median is negative (σ floored at √median)', [10, 12, 14, 16, 18], 2, (2 - 14) / Math.sqrt(14)],
    ['MAD-based scale above the floor', [2, 6, 10, 14, 18], 30, (30 - 10) / (4 / 0.6745)],
  ])('%s', (_name, series, x, expected) => {
    expect(modifiedZScore(x, robustStats(series))).toBeCloseTo(expected, 6);
  });

  it('computes median, MAD and mean absolute deviation', () => {
    expect(robustStats([1, 2, 3, 4, 100])).toEqual({ n: 5, median: 3, mad: 1, meanAbsDev: (2 + 1 + 0 + 1 + 97) / 5 });
    expect(robustStats([1, 2, 3, 4])).toEqual(expect.objectContaining({ median: 2.5, mad: 1 }));
    expect(robustStats([])).toEqual({ n: 0, median: 0, mad: 0, meanAbsDev: 0 });
  });

  it('flags "42 AccessDenied in 1 h vs median 1, MAD 1" far above the 3.5 threshold', () => {
    expect(modifiedZScore(42, robustStats([0, 1, 2, 1, 1, 2, 0]))).toBeGreaterThan(20);
  });

  it('integer series (the sorted fast path) give what the general path gives half a unit higher', () => {
    // Shifting every value by 0.5 sends the series down the general path: the median moves by 0.5,
    // the deviations do not change.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 200 }), (series) => {
        const fast = robustStats(series);
        const general = robustStats(series.map((v) => v + 0.5));
        expect(fast).toEqual({ ...general, median: general.median - 0.5 });
      }),
      { numRuns: 500 },
    );
  });
});
