import { BottomKCounter, SerializedCounter } from './bottom-k-counter';
import { featureValues, PROFILE_FEATURES, ProfileFeature } from './features';
import { ProfileError } from '../../errors';
import { EventView } from '../event-view';
import { hash53 } from '../hash';

/** Settings of a baseline profile. Profiles merge only when these match. */
export interface BaselineProfileOptions {
  /**
   * Half-life of the time decay: an observation counts half as much after this many days.
   * @default 14
   */
  readonly halfLifeDays?: number;
  /**
   * Length of the volume windows in minutes.
   * @default 60
   */
  readonly windowMinutes?: number;
  /**
   * Volume windows kept per principal (the most recent ones).
   * @default 168 (7 days of hourly windows)
   */
  readonly maxWindows?: number;
  /** Values kept per feature and principal (bottom-k capacity). @default see {@link DEFAULT_CAPACITIES} */
  readonly capacities?: Partial<Readonly<Record<ProfileFeature, number>>>;
  /**
   * Principals kept per resource.
   * @default 32
   */
  readonly resourcePrincipals?: number;
}

/** Default bottom-k capacities per feature. */
export const DEFAULT_CAPACITIES: Readonly<Record<ProfileFeature, number>> = {
  action: 128,
  ip: 32,
  network: 32,
  region: 16,
  ua: 16,
  error: 16,
  resource: 64,
};

const DAY_MS = 86_400_000;
/** Re-landmark when weights pass 2^LANDMARK_SPAN (exact power-of-two rescale). */
const LANDMARK_SPAN = 64;

/** What the baseline knows about one principal. */
export class PrincipalBaseline {
  /** Forward-decayed number of events (see {@link BaselineProfile.decayFactor}). */
  public weight = 0;
  public first = Number.POSITIVE_INFINITY;
  public last = Number.NEGATIVE_INFINITY;
  public readonly features: (BottomKCounter | undefined)[] = new Array(PROFILE_FEATURES.length);
  /** Volume windows packed as `[index, events, errors, …]`, index ascending (32-bit integers). */
  private win: Int32Array = EMPTY_WINDOWS;
  private winLength = 0;

  /** The counter of a feature (created on first use). */
  counter(feature: number, capacity: number): BottomKCounter {
    let counter = this.features[feature];
    if (!counter) {
      counter = new BottomKCounter(capacity);
      this.features[feature] = counter;
    }
    return counter;
  }

  /** Volume windows as a flat `[index, events, errors, …]` list, index ascending. */
  get windows(): number[] {
    return Array.from(this.win.subarray(0, this.winLength));
  }

  set windows(values: readonly number[]) {
    this.win = Int32Array.from(values);
    this.winLength = values.length;
  }

  /** Number of stored windows. */
  get windowCount(): number {
    return this.winLength / 3;
  }

  private ensure(extra: number): void {
    if (this.winLength + extra <= this.win.length) return;
    const grown = new Int32Array(Math.max(12, Math.ceil((this.win.length * 1.5) / 3) * 3, this.winLength + extra));
    grown.set(this.win.subarray(0, this.winLength));
    this.win = grown;
  }

  /** Adds one event to the window `index`, keeping at most `maxWindows` recent windows. */
  countWindow(index: number, error: boolean, maxWindows: number): void {
    const n = this.winLength;
    if (n > 0 && this.win[n - 3] === index) {
      this.win[n - 2]++;
      if (error) this.win[n - 1]++;
      return;
    }
    if (n === 0 || this.win[n - 3] < index) {
      this.ensure(3);
      this.win[n] = index;
      this.win[n + 1] = 1;
      this.win[n + 2] = error ? 1 : 0;
      this.winLength += 3;
    } else {
      let at = n - 3;
      while (at >= 0 && this.win[at] > index) at -= 3;
      if (at >= 0 && this.win[at] === index) {
        this.win[at + 1]++;
        if (error) this.win[at + 2]++;
        return;
      }
      this.ensure(3);
      this.win.copyWithin(at + 6, at + 3, n);
      this.win[at + 3] = index;
      this.win[at + 4] = 1;
      this.win[at + 5] = error ? 1 : 0;
      this.winLength += 3;
    }
    this.trimWindows(maxWindows);
  }

  /** Drops windows older than the newest minus `maxWindows`. */
  trimWindows(maxWindows: number): void {
    const n = this.winLength;
    if (n === 0) return;
    const newest = this.win[n - 3];
    let drop = 0;
    while (drop < n && this.win[drop] <= newest - maxWindows) drop += 3;
    if (drop > 0) {
      this.win.copyWithin(0, drop, n);
      this.winLength = n - drop;
    }
  }

  /** Events and errors of the non-empty windows before `index` (the baseline of that window). */
  windowHistory(index: number): { readonly events: number[]; readonly errors: number[] } {
    const events: number[] = [];
    const errors: number[] = [];
    for (let i = 0; i < this.winLength; i += 3) {
      if (this.win[i] >= index) break;
      events.push(this.win[i + 1]);
      errors.push(this.win[i + 2]);
    }
    return { events, errors };
  }
}

const EMPTY_WINDOWS = new Int32Array(0);

/** What the baseline knows about one resource: who uses it. */
export class ResourceBaseline {
  public weight = 0;
  public last = Number.NEGATIVE_INFINITY;
  constructor(public readonly principals: BottomKCounter) {}
}

/** Counts of a profile's contents, and its serialized size bound. */
export interface ProfileStats {
  readonly principals: number;
  readonly resources: number;
  /** Stored sketch entries (values with their weights). */
  readonly entries: number;
  /** Stored volume windows. */
  readonly windows: number;
}

/**
 * A mergeable, time-decayed, bounded baseline of behaviour per principal and
 * per resource.
 *
 * - **Decay**: forward decay (Cormode et al.): an event at time t adds
 *   2^((t − landmark)/halfLife); reading at time `now` divides by
 *   2^((now − landmark)/halfLife). Stored weights never change with time, so
 *   merging is a plain sum; landmarks sit on a half-life grid and are moved
 *   by exact power-of-two rescaling.
 * - **Bounds**: per principal, at most `capacities[f]` values per feature
 *   (bottom-k sketches) and `maxWindows` volume windows; per resource, at
 *   most `resourcePrincipals` principals. The serialized size is at most
 *   {@link maxSerializedPrincipalBytes} per principal. The number of
 *   principals is bounded by {@link prune}, an explicit step.
 * - **Merge** is associative and commutative (up to floating-point addition).
 *
 * @example
 * const profile = new BaselineProfile();
 * for (const event of history) profile.observe(toEventView(event));
 * fs.writeFileSync('profile.json', JSON.stringify(profile));
 */
export class BaselineProfile {
  /** Reads a serialized profile. Throws {@link ProfileError} naming what is wrong. */
  static fromJSON(json: unknown): BaselineProfile {
    if (typeof json !== 'object' || json === null) throw new ProfileError('profile: not a JSON object');
    const s = json as Partial<SerializedProfile>;
    if (s.format !== PROFILE_FORMAT) {
      throw new ProfileError(`profile: \`format\` must be '${PROFILE_FORMAT}', received ${JSON.stringify(s.format)}`);
    }
    if (s.version !== PROFILE_VERSION) {
      throw new ProfileError(`profile: \`version\` must be ${PROFILE_VERSION}, received ${JSON.stringify(s.version)}`);
    }
    const profile = new BaselineProfile({
      halfLifeDays: s.halfLifeDays,
      windowMinutes: s.windowMinutes,
      maxWindows: s.maxWindows,
      capacities: s.capacities,
      resourcePrincipals: s.resourcePrincipals,
    });
    profile.landmark = typeof s.landmark === 'number' ? s.landmark : Number.NaN;
    profile.latest = typeof s.latest === 'number' ? s.latest : Number.NEGATIVE_INFINITY;
    for (const [key, value] of Object.entries(s.principals ?? {})) {
      const p = new PrincipalBaseline();
      if (typeof value?.w !== 'number' || !Array.isArray(value.win) || typeof value.f !== 'object') {
        throw new ProfileError(`profile: principal ${key}: needs w, f and win`);
      }
      p.weight = value.w;
      p.first = typeof value.first === 'number' ? value.first : Number.POSITIVE_INFINITY;
      p.last = typeof value.last === 'number' ? value.last : Number.NEGATIVE_INFINITY;
      if (value.win.length % 3 !== 0 || value.win.some((n) => typeof n !== 'number')) {
        throw new ProfileError(`profile: principal ${key}: win must hold [index, events, errors] triples`);
      }
      p.windows = [...value.win];
      PROFILE_FEATURES.forEach((name, i) => {
        const raw = value.f?.[name];
        if (raw === undefined) return;
        const counter = BottomKCounter.fromJSON(raw, profile.capacities[name]);
        if (typeof counter === 'string') throw new ProfileError(`profile: principal ${key}: ${name}: ${counter}`);
        p.features[i] = counter;
      });
      profile.principals.set(key, p);
    }
    for (const [key, value] of Object.entries(s.resources ?? {})) {
      const counter = BottomKCounter.fromJSON(value?.p, profile.resourcePrincipals);
      if (typeof counter === 'string' || typeof value?.w !== 'number') {
        throw new ProfileError(`profile: resource ${key}: ${typeof counter === 'string' ? counter : 'needs w'}`);
      }
      const r = new ResourceBaseline(counter);
      r.weight = value.w;
      r.last = typeof value.last === 'number' ? value.last : Number.NEGATIVE_INFINITY;
      profile.resources.set(key, r);
    }
    return profile;
  }
  /** A new profile holding `a` merged with `b` (neither is changed). */
  static merge(a: BaselineProfile, b: BaselineProfile): BaselineProfile {
    return BaselineProfile.fromJSON(a.toJSON()).mergeFrom(b);
  }
  public readonly halfLifeMs: number;
  public readonly windowMs: number;
  public readonly maxWindows: number;
  public readonly capacities: Readonly<Record<ProfileFeature, number>>;
  public readonly resourcePrincipals: number;
  /** Landmark of the forward decay (epoch ms, a multiple of the half-life); NaN until the first event. */
  public landmark = Number.NaN;
  public readonly principals = new Map<string, PrincipalBaseline>();
  public readonly resources = new Map<string, ResourceBaseline>();
  /** Latest event time observed (epoch ms). */
  public latest = Number.NEGATIVE_INFINITY;
  /** Last {@link decayFactor} computed, with the time and landmark it was computed for. */
  private readonly decayMemo = { time: Number.NaN, landmark: Number.NaN, factor: 1 };
  /** Last weight {@link weightAt} computed, with the time and landmark it was computed for. */
  private readonly weightMemo = { time: Number.NaN, landmark: Number.NaN, weight: 1 };
  /** `capacities` in {@link PROFILE_FEATURES} order (the learning loop reads them by index). */
  private readonly capacityOf: readonly number[];

  constructor(options: BaselineProfileOptions = {}) {
    const halfLifeDays = options.halfLifeDays ?? 14;
    const windowMinutes = options.windowMinutes ?? 60;
    const maxWindows = options.maxWindows ?? 168;
    if (!(halfLifeDays >= 1)) throw new ProfileError(`\`halfLifeDays\` must be at least 1, received ${halfLifeDays}`);
    if (!(windowMinutes >= 1) || !Number.isInteger(windowMinutes)) {
      throw new ProfileError(`\`windowMinutes\` must be a whole number of at least 1, received ${windowMinutes}`);
    }
    if (!(maxWindows >= 3) || !Number.isInteger(maxWindows)) {
      throw new ProfileError(`\`maxWindows\` must be a whole number of at least 3, received ${maxWindows}`);
    }
    this.halfLifeMs = halfLifeDays * DAY_MS;
    this.windowMs = windowMinutes * 60_000;
    this.maxWindows = maxWindows;
    this.capacities = { ...DEFAULT_CAPACITIES, ...options.capacities };
    this.capacityOf = PROFILE_FEATURES.map((f) => this.capacities[f]);
    this.resourcePrincipals = options.resourcePrincipals ?? 32;
  }

  /** The options this profile was made with (for a compatible empty profile). */
  get options(): BaselineProfileOptions {
    return {
      halfLifeDays: this.halfLifeMs / DAY_MS,
      windowMinutes: this.windowMs / 60_000,
      maxWindows: this.maxWindows,
      capacities: this.capacities,
      resourcePrincipals: this.resourcePrincipals,
    };
  }

  /** Window index of a time. */
  windowIndex(timeMs: number): number {
    return Math.floor(timeMs / this.windowMs);
  }

  /** Factor converting stored weights into decayed counts at `timeMs`. */
  decayFactor(timeMs: number): number {
    if (Number.isNaN(this.landmark)) return 1;
    const t = Number.isFinite(timeMs) ? timeMs : this.latest;
    if (!Number.isFinite(t)) return 1;
    // The detector asks several times per event at the same time: remember the last answer.
    if (t !== this.decayMemo.time || this.landmark !== this.decayMemo.landmark) {
      this.decayMemo.time = t;
      this.decayMemo.landmark = this.landmark;
      this.decayMemo.factor = 2 ** (-(t - this.landmark) / this.halfLifeMs);
    }
    return this.decayMemo.factor;
  }

  private weightAt(timeMs: number): number {
    if (Number.isNaN(this.landmark)) {
      const t = Number.isFinite(timeMs) ? timeMs : 0;
      this.landmark = Math.floor(t / this.halfLifeMs) * this.halfLifeMs;
    }
    const t = Number.isFinite(timeMs) ? timeMs : Number.isFinite(this.latest) ? this.latest : this.landmark;
    // Events come in bursts at the same second: remember the last weight (a power of two costs more than the check).
    const memo = this.weightMemo;
    if (t === memo.time && this.landmark === memo.landmark) return memo.weight;
    let exponent = (t - this.landmark) / this.halfLifeMs;
    if (exponent > LANDMARK_SPAN) {
      this.moveLandmark(this.landmark + Math.floor(exponent - LANDMARK_SPAN / 2) * this.halfLifeMs);
      exponent = (t - this.landmark) / this.halfLifeMs;
    }
    memo.time = t;
    memo.landmark = this.landmark;
    memo.weight = 2 ** exponent;
    return memo.weight;
  }

  /** Moves the landmark forward to `to` (a half-life multiple), rescaling every weight by a power of two. */
  private moveLandmark(to: number): void {
    if (Number.isNaN(this.landmark)) {
      this.landmark = to;
      return;
    }
    const factor = 2 ** (-(to - this.landmark) / this.halfLifeMs);
    for (const p of this.principals.values()) {
      p.weight *= factor;
      for (const c of p.features) c?.scale(factor);
    }
    for (const r of this.resources.values()) {
      r.weight *= factor;
      r.principals.scale(factor);
    }
    this.landmark = to;
  }

  /** The baseline of a principal, if any. */
  principal(key: string): PrincipalBaseline | undefined {
    return this.principals.get(key);
  }

  /**
   * Learns one event: its principal's features, volume window and the
   * resource it touched. `weight` < 1 learns an event partially (the
   * detector learns flagged events at a reduced weight). `positions` are
   * where {@link rarityOf} found the values in this profile's counters just
   * before (NaN where it did not look): each is checked, then used instead
   * of a second search.
   */
  observe(
    event: EventView,
    weight = 1,
    values: readonly string[] = featureValues(event),
    hashes: readonly number[] = values.map((v) => (v === '' ? 0 : hash53(v))),
    positions?: readonly number[],
  ): void {
    const time = event.timeMs;
    const w = this.weightAt(time) * weight;
    if (Number.isFinite(time) && time > this.latest) this.latest = time;
    const key = event.principal.key;
    let p = this.principals.get(key);
    if (!p) {
      p = new PrincipalBaseline();
      this.principals.set(key, p);
    }
    p.weight += w;
    if (Number.isFinite(time)) {
      if (time < p.first) p.first = time;
      if (time > p.last) p.last = time;
      p.countWindow(this.windowIndex(time), event.outcome !== 'success', this.maxWindows);
    }
    for (let f = 0; f < PROFILE_FEATURES.length; f++) {
      const value = values[f];
      if (value === '') continue;
      const counter = p.counter(f, this.capacityOf[f]);
      const position = positions ? positions[f] : Number.NaN;
      if (Number.isNaN(position)) counter.add(hashes[f], w);
      else counter.addAt(position, hashes[f], w);
    }
    const resource = values[PROFILE_FEATURES.length - 1];
    if (resource !== '') {
      let r = this.resources.get(resource);
      if (!r) {
        r = new ResourceBaseline(new BottomKCounter(this.resourcePrincipals));
        this.resources.set(resource, r);
      }
      r.weight += w;
      if (Number.isFinite(time) && time > r.last) r.last = time;
      r.principals.add(event.principal.keyHash, w);
    }
  }

  private assertCompatible(other: BaselineProfile): void {
    const mismatch: string[] = [];
    if (other.halfLifeMs !== this.halfLifeMs) mismatch.push('halfLifeDays');
    if (other.windowMs !== this.windowMs) mismatch.push('windowMinutes');
    if (other.maxWindows !== this.maxWindows) mismatch.push('maxWindows');
    if (other.resourcePrincipals !== this.resourcePrincipals) mismatch.push('resourcePrincipals');
    for (const f of PROFILE_FEATURES) if (other.capacities[f] !== this.capacities[f]) mismatch.push(`capacities.${f}`);
    if (mismatch.length > 0) throw new ProfileError(`cannot merge profiles with different ${mismatch.join(', ')}`);
  }

  /** Adds another profile into this one (in place). Associative and commutative. */
  mergeFrom(other: BaselineProfile): this {
    this.assertCompatible(other);
    if (Number.isNaN(other.landmark)) return this;
    let scaleOther = 1;
    if (Number.isNaN(this.landmark) || other.landmark > this.landmark) this.moveLandmark(other.landmark);
    if (other.landmark < this.landmark) scaleOther = 2 ** (-(this.landmark - other.landmark) / this.halfLifeMs);
    if (other.latest > this.latest) this.latest = other.latest;
    for (const [key, theirs] of other.principals) {
      let mine = this.principals.get(key);
      if (!mine) {
        mine = new PrincipalBaseline();
        this.principals.set(key, mine);
      }
      mine.weight += theirs.weight * scaleOther;
      mine.first = Math.min(mine.first, theirs.first);
      mine.last = Math.max(mine.last, theirs.last);
      for (let f = 0; f < PROFILE_FEATURES.length; f++) {
        const counter = theirs.features[f];
        if (!counter) continue;
        const copy = counter.clone();
        if (scaleOther !== 1) copy.scale(scaleOther);
        mine.counter(f, this.capacities[PROFILE_FEATURES[f]]).merge(copy);
      }
      mine.windows = mergeWindows(mine.windows, theirs.windows);
      mine.trimWindows(this.maxWindows);
    }
    for (const [key, theirs] of other.resources) {
      let mine = this.resources.get(key);
      if (!mine) {
        mine = new ResourceBaseline(new BottomKCounter(this.resourcePrincipals));
        this.resources.set(key, mine);
      }
      mine.weight += theirs.weight * scaleOther;
      mine.last = Math.max(mine.last, theirs.last);
      const copy = theirs.principals.clone();
      if (scaleOther !== 1) copy.scale(scaleOther);
      mine.principals.merge(copy);
    }
    return this;
  }

  /** A deep copy. */
  clone(): BaselineProfile {
    return BaselineProfile.fromJSON(this.toJSON());
  }

  /**
   * A profile with only the given principals (and no resources): a
   * per-principal shard, e.g. one DynamoDB item per principal.
   */
  slice(principalKeys: Iterable<string>): BaselineProfile {
    const json = this.toJSON();
    const keep = new Set(principalKeys);
    const principals: Record<string, SerializedPrincipal> = {};
    for (const [key, value] of Object.entries(json.principals)) if (keep.has(key)) principals[key] = value;
    return BaselineProfile.fromJSON({ ...json, principals, resources: {} });
  }

  /**
   * Drops principals and resources last seen before `before`, then the least
   * recently seen ones beyond `maxPrincipals`. An explicit step (not part of
   * merge): run it on the merged profile.
   */
  prune(options: {
    readonly before?: number;
    readonly maxPrincipals?: number;
    readonly maxResources?: number;
  }): number {
    let removed = 0;
    const before = options.before ?? Number.NEGATIVE_INFINITY;
    for (const [key, p] of this.principals) if (p.last < before) removed += Number(this.principals.delete(key));
    for (const [key, r] of this.resources) if (r.last < before) this.resources.delete(key);
    const cap = (map: Map<string, { last: number }>, max: number | undefined): number => {
      if (max === undefined || map.size <= max) return 0;
      const order = [...map.entries()].sort((x, y) => x[1].last - y[1].last || (x[0] < y[0] ? -1 : 1));
      const drop = order.slice(0, map.size - max);
      for (const [key] of drop) map.delete(key);
      return drop.length;
    };
    removed += cap(this.principals, options.maxPrincipals);
    cap(this.resources, options.maxResources);
    return removed;
  }

  stats(): ProfileStats {
    let entries = 0;
    let windows = 0;
    for (const p of this.principals.values()) {
      for (const c of p.features) entries += c?.size ?? 0;
      windows += p.windowCount;
    }
    for (const r of this.resources.values()) entries += r.principals.size;
    return { principals: this.principals.size, resources: this.resources.size, entries, windows };
  }

  /** Upper bound of one principal's serialized size in bytes with these capacities. */
  maxSerializedPrincipalBytes(): number {
    const values = PROFILE_FEATURES.reduce((sum, f) => sum + this.capacities[f], 0);
    // ≤ 40 bytes per [hash, weight] pair, ≤ 24 per window triple, 400 of keys, counters and times.
    return values * 40 + this.maxWindows * 24 + 400 + PROFILE_FEATURES.length * 40;
  }

  private principalJSON(p: PrincipalBaseline): SerializedPrincipal {
    const f: Partial<Record<ProfileFeature, SerializedCounter>> = {};
    PROFILE_FEATURES.forEach((name, i) => {
      const counter = p.features[i];
      if (counter) f[name] = counter.toJSON();
    });
    return {
      w: p.weight,
      first: Number.isFinite(p.first) ? p.first : null,
      last: Number.isFinite(p.last) ? p.last : null,
      f,
      win: p.windows,
    };
  }

  /**
   * Size in bytes of the serialized profile, computed one principal at a
   * time (no whole-profile string is built: usable on very large profiles).
   */
  serializedBytes(): number {
    let bytes = 600;
    for (const [key, p] of this.principals) {
      bytes += Buffer.byteLength(JSON.stringify(key)) + Buffer.byteLength(JSON.stringify(this.principalJSON(p))) + 2;
    }
    for (const [key, r] of this.resources) {
      const json = { w: r.weight, last: Number.isFinite(r.last) ? r.last : null, p: r.principals.toJSON() };
      bytes += Buffer.byteLength(JSON.stringify(key)) + Buffer.byteLength(JSON.stringify(json)) + 2;
    }
    return bytes;
  }

  toJSON(): SerializedProfile {
    const principals: Record<string, SerializedPrincipal> = {};
    for (const key of [...this.principals.keys()].sort()) {
      principals[key] = this.principalJSON(this.principals.get(key)!);
    }
    const resources: Record<string, SerializedResource> = {};
    for (const key of [...this.resources.keys()].sort()) {
      const r = this.resources.get(key)!;
      resources[key] = { w: r.weight, last: Number.isFinite(r.last) ? r.last : null, p: r.principals.toJSON() };
    }
    return {
      format: PROFILE_FORMAT,
      version: PROFILE_VERSION,
      halfLifeDays: this.halfLifeMs / DAY_MS,
      windowMinutes: this.windowMs / 60_000,
      maxWindows: this.maxWindows,
      capacities: { ...this.capacities },
      resourcePrincipals: this.resourcePrincipals,
      landmark: Number.isNaN(this.landmark) ? null : this.landmark,
      latest: Number.isFinite(this.latest) ? this.latest : null,
      principals,
      resources,
    };
  }
}

function mergeWindows(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) {
      out.push(a[i], a[i + 1], a[i + 2]);
      i += 3;
    } else if (i >= a.length || b[j] < a[i]) {
      out.push(b[j], b[j + 1], b[j + 2]);
      j += 3;
    } else {
      out.push(a[i], a[i + 1] + b[j + 1], a[i + 2] + b[j + 2]);
      i += 3;
      j += 3;
    }
  }
  return out;
}

export const PROFILE_FORMAT = 'aad-baseline-profile';
export const PROFILE_VERSION = 1;

/** JSON form of one principal. */
export interface SerializedPrincipal {
  readonly w: number;
  readonly first: number | null;
  readonly last: number | null;
  readonly f: Partial<Record<ProfileFeature, SerializedCounter>>;
  readonly win: readonly number[];
}

/** JSON form of one resource. */
export interface SerializedResource {
  readonly w: number;
  readonly last: number | null;
  readonly p: SerializedCounter;
}

/** JSON form of a {@link BaselineProfile} (`aad profile build --out`). */
export interface SerializedProfile {
  readonly format: typeof PROFILE_FORMAT;
  readonly version: typeof PROFILE_VERSION;
  readonly halfLifeDays: number;
  readonly windowMinutes: number;
  readonly maxWindows: number;
  readonly capacities: Readonly<Record<ProfileFeature, number>>;
  readonly resourcePrincipals: number;
  readonly landmark: number | null;
  readonly latest: number | null;
  readonly principals: Readonly<Record<string, SerializedPrincipal>>;
  readonly resources: Readonly<Record<string, SerializedResource>>;
}
