import fc from 'fast-check';
import {
  combinePoints,
  contributionShares,
  familiarityDamping,
  rarityPoints,
  severityOf,
  surpriseBits,
  volumePoints,
} from '../../../src/anomaly/signals/scoring';

describe('score combination', () => {
  it.each([
    [[], 0],
    [[55], 55],
    [[50, 50], 75],
    [[100, 10], 100],
    [[-5, Number.NaN, 30], 30],
    [[150], 100],
  ])('combinePoints(%j) = %d', (points, expected) => {
    expect(combinePoints(points)).toBeCloseTo(expected, 9);
  });

  it('shares sum to the combined score, strongest first', () => {
    const shares = contributionShares([20, 60, 10]);
    expect(shares[1]).toBeCloseTo(60);
    expect(shares[0]).toBeCloseTo(8);
    expect(shares[0] + shares[1] + shares[2]).toBeCloseTo(combinePoints([20, 60, 10]), 9);
  });

  it('is bounded, order-independent and monotone (property)', () => {
    const points = fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 8 });
    fc.assert(
      fc.property(points, fc.nat({ max: 7 }), fc.double({ min: 0, max: 100, noNaN: true }), (ps, i, extra) => {
        const score = combinePoints(ps);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        expect(combinePoints([...ps].reverse())).toBeCloseTo(score, 9);
        expect(combinePoints([...ps, extra])).toBeGreaterThanOrEqual(score - 1e-9);
        if (ps.length > 0) {
          const k = i % ps.length;
          const stronger = ps.map((p, j) => (j === k ? Math.min(100, p + extra) : p));
          expect(combinePoints(stronger)).toBeGreaterThanOrEqual(score - 1e-9);
        }
        const shares = contributionShares(ps);
        expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(score, 6);
      }),
    );
  });
});

describe('signal mappings', () => {
  it.each([
    [0, 0, 0, 0],
    [0, 200, 1, 7.07],
    [0, 100, 30, 2.86],
    [50, 100, 2, 0.97],
    [1, 1000, 5, 7.8],
  ])('surpriseBits(count %d, total %d, distinct %d) ≈ %d bits', (count, total, distinct, bits) => {
    expect(surpriseBits(count, total, distinct)).toBeCloseTo(bits, 1);
  });

  it('maps surprise, z-scores and familiarity monotonically', () => {
    expect(rarityPoints(1, 30)).toBe(0);
    expect(rarityPoints(4.5, 30)).toBeCloseTo(15);
    expect(rarityPoints(20, 30)).toBe(30);
    expect(volumePoints(3)).toBe(0);
    expect(volumePoints(Number.NaN)).toBe(0);
    expect(volumePoints(3.5)).toBe(15);
    expect(volumePoints(3.5, true)).toBe(20);
    expect(volumePoints(100)).toBe(35);
    expect(volumePoints(100, true)).toBe(45);
    expect(familiarityDamping('critical', 100)).toBe(1);
    expect(familiarityDamping('medium', 0)).toBe(1);
    expect(familiarityDamping('medium', 3)).toBeCloseTo(0.75);
    expect(familiarityDamping('low', 1e9)).toBeCloseTo(0.4);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(rarityPoints(hi, 25)).toBeGreaterThanOrEqual(rarityPoints(lo, 25));
        expect(volumePoints(hi)).toBeGreaterThanOrEqual(volumePoints(lo));
        expect(familiarityDamping('high', hi)).toBeLessThanOrEqual(familiarityDamping('high', lo));
      }),
    );
  });

  it.each([
    [95, 'critical'],
    [70, 'high'],
    [55, 'medium'],
    [40, 'low'],
    [39.9, 'informational'],
  ])('severityOf(%d) = %s', (score, severity) => {
    expect(severityOf(score)).toBe(severity);
  });
});
