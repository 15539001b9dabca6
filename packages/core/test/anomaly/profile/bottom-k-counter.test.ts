import { BottomKCounter } from '../../../src/anomaly/profile/bottom-k-counter';

describe('BottomKCounter', () => {
  it('counts weights exactly below capacity', () => {
    // Prepare
    const c = new BottomKCounter(4);
    // Act
    c.add(10, 1);
    c.add(5, 2);
    c.add(10, 0.5);
    // Assess
    expect(c.get(10)).toBe(1.5);
    expect(c.get(5)).toBe(2);
    expect(c.get(7)).toBe(0);
    expect(c.total).toBe(3.5);
    expect(c.distinct()).toBe(2);
    expect(c.saturated).toBe(false);
  });

  it('keeps the smallest hashes when full, and answers unknown above the largest kept', () => {
    const c = new BottomKCounter(2);
    for (const h of [40, 10, 30, 20]) c.add(h, 1);
    expect(c.size).toBe(2);
    expect(c.get(10)).toBe(1);
    expect(c.get(20)).toBe(1);
    expect(c.get(15)).toBe(0); // below the largest kept hash: certainly unseen
    expect(c.get(30)).toBeUndefined(); // above: cannot tell
    expect(c.saturated).toBe(true);
    expect(c.total).toBe(4);
  });

  it.each([
    ['a stored hash', 20],
    ['a new hash in the middle', 15],
    ['a new smallest hash', 1],
    ['a new largest hash', 99],
  ])('adds at a located position like add does: %s', (_name, hash) => {
    // Prepare
    const searched = new BottomKCounter(8);
    const located = new BottomKCounter(8);
    for (const h of [10, 20, 30]) {
      searched.add(h, 1);
      located.add(h, 1);
    }
    // Act
    const position = located.locate(hash);
    const weight = located.weightAt(position, hash);
    searched.add(hash, 2);
    located.addAt(position, hash, 2);
    // Assess
    expect(weight).toBe(searched.get(hash)! - 2);
    expect(located.toJSON()).toEqual(searched.toJSON());
  });

  it('searches again when a located position went stale', () => {
    // Prepare: positions taken before other hashes were inserted in front of them
    const c = new BottomKCounter(8);
    for (const h of [10, 20, 30]) c.add(h, 1);
    const stored = c.locate(30);
    const insertion = c.locate(25);
    c.add(5, 1);
    c.add(22, 1);
    // Act
    c.addAt(stored, 30, 1);
    c.addAt(insertion, 25, 1);
    c.addAt(-1, 40, 1); // a position that never fit
    // Assess
    expect(c.get(30)).toBe(2);
    expect(c.get(25)).toBe(1);
    expect(c.get(40)).toBe(1);
    expect(c.size).toBe(7);
    expect(c.total).toBe(8);
  });

  it('estimates the number of distinct values once saturated (KMV)', () => {
    const c = new BottomKCounter(64);
    for (let i = 0; i < 1000; i++) c.add(Math.floor(((i * 2654435761) % 4294967296) * 2 ** 21), 1);
    expect(c.distinct()).toBeGreaterThan(600);
    expect(c.distinct()).toBeLessThan(1600);
  });

  it('round-trips through JSON and rejects malformed input', () => {
    const c = new BottomKCounter(3);
    c.add(3, 1);
    c.add(1, 2);
    const back = BottomKCounter.fromJSON(JSON.parse(JSON.stringify(c)), 3);
    expect(back).toBeInstanceOf(BottomKCounter);
    expect((back as BottomKCounter).toJSON()).toEqual(c.toJSON());
    expect(BottomKCounter.fromJSON(null, 3)).toMatch(/object/);
    expect(BottomKCounter.fromJSON({ t: 1, e: [1] }, 3)).toMatch(/even/);
    expect(BottomKCounter.fromJSON({ t: 1, e: [1, 'x'] }, 3)).toMatch(/finite/);
  });

  it('merges into the bottom-k of the union and scales exactly', () => {
    const a = new BottomKCounter(2);
    const b = new BottomKCounter(2);
    a.add(5, 1);
    a.add(9, 1);
    b.add(5, 2);
    b.add(7, 1);
    a.merge(b);
    expect(a.get(5)).toBe(3);
    expect(a.get(7)).toBe(1);
    expect(a.get(9)).toBeUndefined();
    expect(a.saturated).toBe(true);
    a.scale(0.5);
    expect(a.get(5)).toBe(1.5);
    expect(a.total).toBe(2.5);
  });
});
