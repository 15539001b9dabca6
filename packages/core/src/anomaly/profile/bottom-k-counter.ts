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
    for (const [h, w] of pairs.slice(0, capacity)) counter.data.push(h, w);
    return counter;
  }

  /** Interleaved `[hash, weight, …]`, hashes ascending (one array: small counters stay small). */
  private data: number[] = [];
  /** True once a value was dropped (more distinct values than capacity were seen). */
  private overflowed = false;
  /** Sum of every weight added, kept or not. */
  public total = 0;

  constructor(public readonly capacity: number) {}

  /** Number of stored values. */
  get size(): number {
    return this.data.length / 2;
  }

  /** True when more distinct values were seen than are stored. */
  get saturated(): boolean {
    return this.overflowed;
  }

  /** Index (in values) of the hash, or `-(insertion point) - 1`. */
  private indexOf(hash: number): number {
    const d = this.data;
    let lo = 0;
    let hi = d.length / 2 - 1;
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      const h = d[2 * mid];
      if (h === hash) return mid;
      if (h < hash) lo = mid + 1;
      else hi = mid - 1;
    }
    return -(lo + 1);
  }

  /**
   * Where the hash is: its index when stored, else `-(insertion point) - 1`.
   * A caller that reads a value ({@link weightAt}) and then adds to it
   * ({@link addAt}) searches once.
   */
  locate(hash: number): number {
    return this.indexOf(hash);
  }

  /** {@link get} at a position {@link locate} returned for `hash`. */
  weightAt(position: number, hash: number): number | undefined {
    if (position >= 0) return this.data[2 * position + 1];
    if (this.overflowed && hash > this.data[this.data.length - 2]) return undefined;
    return 0;
  }

  /**
   * {@link add} at a position {@link locate} returned for `hash`; searches
   * again when the counter changed since (the position no longer fits).
   */
  addAt(position: number, hash: number, weight: number): void {
    const d = this.data;
    let fits: boolean;
    if (position >= 0) {
      fits = 2 * position < d.length && d[2 * position] === hash;
    } else {
      const at = -position - 1;
      fits = 2 * at <= d.length && (at === 0 || d[2 * at - 2] < hash) && (2 * at === d.length || d[2 * at] > hash);
    }
    this.addFound(fits ? position : this.indexOf(hash), hash, weight);
  }

  /** Adds `weight` to the value with this hash. */
  add(hash: number, weight: number): void {
    this.addFound(this.indexOf(hash), hash, weight);
  }

  private addFound(i: number, hash: number, weight: number): void {
    this.total += weight;
    if (i >= 0) {
      this.data[2 * i + 1] += weight;
      return;
    }
    const at = -i - 1;
    const d = this.data;
    const full = d.length / 2 >= this.capacity;
    if (full) {
      this.overflowed = true;
      if (at >= d.length / 2) return;
    }
    // A new exact-size array (new values are rare): growing in place would leave slack in every sketch.
    const size = full ? d.length : d.length + 2;
    const next = new Array<number>(size);
    for (let k = 0; k < 2 * at; k++) next[k] = d[k];
    next[2 * at] = hash;
    next[2 * at + 1] = weight;
    for (let k = 2 * at; k + 2 < size; k++) next[k + 2] = d[k];
    this.data = next;
  }

  /** Weight of the value: 0 when certainly never seen, `undefined` when the sketch cannot tell. */
  get(hash: number): number | undefined {
    return this.weightAt(this.indexOf(hash), hash);
  }

  /** Distinct values seen: exact until overflow, then the bottom-k (KMV) estimate. */
  distinct(): number {
    const k = this.data.length / 2;
    if (!this.overflowed || k < 2) return k;
    const fraction = this.data[this.data.length - 2] / 2 ** 53;
    return fraction > 0 ? Math.max(k, Math.round((k - 1) / fraction)) : k;
  }

  /** Multiplies every weight (re-landmarking the forward decay; exact for powers of two). */
  scale(factor: number): void {
    this.total *= factor;
    for (let i = 1; i < this.data.length; i += 2) this.data[i] *= factor;
  }

  /** Adds another counter into this one (same capacity). */
  merge(other: BottomKCounter): void {
    const out: number[] = [];
    const a = this.data;
    const b = other.data;
    let i = 0;
    let j = 0;
    while ((i < a.length || j < b.length) && out.length / 2 < this.capacity) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) {
        out.push(a[i], a[i + 1]);
        i += 2;
      } else if (i >= a.length || b[j] < a[i]) {
        out.push(b[j], b[j + 1]);
        j += 2;
      } else {
        out.push(a[i], a[i + 1] + b[j + 1]);
        i += 2;
        j += 2;
      }
    }
    const dropped = i < a.length || j < b.length;
    this.overflowed = this.overflowed || other.overflowed || dropped;
    this.data = out;
    this.total += other.total;
  }

  clone(): BottomKCounter {
    const copy = new BottomKCounter(this.capacity);
    copy.data = [...this.data];
    copy.overflowed = this.overflowed;
    copy.total = this.total;
    return copy;
  }

  /** `{ t: total, s: 1 when saturated, e: [hash, weight, hash, weight, …] }`. */
  toJSON(): SerializedCounter {
    const e = [...this.data];
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
