/**
 * Weighted counts of the values of one feature, bounded to the `capacity`
 * values with the smallest hashes (a bottom-k sketch). Bottom-k is exactly
 * mergeable: the k smallest hashes of a union are the k smallest of the
 * union of each part's k smallest, and a kept value was kept in every part
 * that saw it, so its weight is exact. Merging is therefore associative and
 * commutative (up to floating-point addition), which lets shards learn in
 * parallel.
 *
 * A lookup is exact for any value whose hash is below the largest kept hash
 * (it is either stored or was never seen); above it, once the sketch has
 * overflowed, the answer is "unknown" — and the feature is high-cardinality,
 * so a new value would not be surprising anyway.
 */
export class BottomKCounter {
  /** Reads a serialized counter; returns a reason string when it is malformed. */
  static fromJSON(json: unknown, capacity: number): BottomKCounter | string {
    if (typeof json !== 'object' || json === null) return 'counter must be an object';
    const { t, s, e } = json as Partial<SerializedCounter>;
    if (typeof t !== 'number' || !Array.isArray(e) || e.length % 2 !== 0) return 'counter needs t and an even e list';
    const counter = new BottomKCounter(capacity);
    counter.total = t;
    counter.overflowed = s === 1 || e.length / 2 > capacity;
    const pairs: [number, number][] = [];
    for (let i = 0; i < e.length; i += 2) {
      const h = e[i];
      const w = e[i + 1];
      if (typeof h !== 'number' || typeof w !== 'number' || !Number.isFinite(h) || !Number.isFinite(w)) {
        return 'counter entries must be finite numbers';
      }
      pairs.push([h, w]);
    }
    pairs.sort((x, y) => x[0] - y[0]);
    for (const [h, w] of pairs.slice(0, capacity)) {
      counter.hashes.push(h);
      counter.weights.push(w);
    }
    return counter;
  }

  /** Sorted ascending. */
  private hashes: number[] = [];
  private weights: number[] = [];
  /** True once a value was dropped (more distinct values than capacity were seen). */
  private overflowed = false;
  /** Sum of every weight added, kept or not. */
  public total = 0;

  constructor(public readonly capacity: number) {}

  /** Number of stored values. */
  get size(): number {
    return this.hashes.length;
  }

  /** True when more distinct values were seen than are stored. */
  get saturated(): boolean {
    return this.overflowed;
  }

  private indexOf(hash: number): number {
    let lo = 0;
    let hi = this.hashes.length - 1;
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      const h = this.hashes[mid];
      if (h === hash) return mid;
      if (h < hash) lo = mid + 1;
      else hi = mid - 1;
    }
    return -(lo + 1);
  }

  /** Adds `weight` to the value with this hash. */
  add(hash: number, weight: number): void {
    this.total += weight;
    const i = this.indexOf(hash);
    if (i >= 0) {
      this.weights[i] += weight;
      return;
    }
    const at = -i - 1;
    if (this.hashes.length >= this.capacity) {
      this.overflowed = true;
      if (at >= this.hashes.length) return;
      this.hashes.pop();
      this.weights.pop();
    }
    this.hashes.splice(at, 0, hash);
    this.weights.splice(at, 0, weight);
  }

  /** Weight of the value: 0 when certainly never seen, `undefined` when the sketch cannot tell. */
  get(hash: number): number | undefined {
    const i = this.indexOf(hash);
    if (i >= 0) return this.weights[i];
    if (this.overflowed && hash > this.hashes[this.hashes.length - 1]) return undefined;
    return 0;
  }

  /** Distinct values seen: exact until overflow, then the bottom-k (KMV) estimate. */
  distinct(): number {
    const k = this.hashes.length;
    if (!this.overflowed || k < 2) return k;
    const fraction = this.hashes[k - 1] / 2 ** 53;
    return fraction > 0 ? Math.max(k, Math.round((k - 1) / fraction)) : k;
  }

  /** Multiplies every weight (re-landmarking the forward decay; exact for powers of two). */
  scale(factor: number): void {
    this.total *= factor;
    for (let i = 0; i < this.weights.length; i++) this.weights[i] *= factor;
  }

  /** Adds another counter into this one (same capacity). */
  merge(other: BottomKCounter): void {
    const hashes: number[] = [];
    const weights: number[] = [];
    let i = 0;
    let j = 0;
    const a = this.hashes;
    const b = other.hashes;
    while ((i < a.length || j < b.length) && hashes.length < this.capacity) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) {
        hashes.push(a[i]);
        weights.push(this.weights[i++]);
      } else if (i >= a.length || b[j] < a[i]) {
        hashes.push(b[j]);
        weights.push(other.weights[j++]);
      } else {
        hashes.push(a[i]);
        weights.push(this.weights[i++] + other.weights[j++]);
      }
    }
    const dropped = i < a.length || j < b.length;
    this.overflowed = this.overflowed || other.overflowed || dropped;
    this.hashes = hashes;
    this.weights = weights;
    this.total += other.total;
  }

  clone(): BottomKCounter {
    const copy = new BottomKCounter(this.capacity);
    copy.hashes = [...this.hashes];
    copy.weights = [...this.weights];
    copy.overflowed = this.overflowed;
    copy.total = this.total;
    return copy;
  }

  /** `{ t: total, s: 1 when saturated, e: [hash, weight, hash, weight, …] }`. */
  toJSON(): SerializedCounter {
    const e: number[] = new Array<number>(this.hashes.length * 2);
    for (let i = 0; i < this.hashes.length; i++) {
      e[2 * i] = this.hashes[i];
      e[2 * i + 1] = this.weights[i];
    }
    return this.overflowed ? { t: this.total, s: 1, e } : { t: this.total, e };
  }
}

/** JSON form of a {@link BottomKCounter}. */
export interface SerializedCounter {
  /** Total weight added. */
  readonly t: number;
  /** 1 when more values were seen than kept. */
  readonly s?: number;
  /** Flattened `[hash, weight]` pairs, hashes ascending. */
  readonly e: readonly number[];
}
