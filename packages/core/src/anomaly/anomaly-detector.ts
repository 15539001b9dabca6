import { defaultCatalogueIndex } from './catalogue/catalogue';
import { CatalogueIndex, CatalogueMatch, firstAtPath, resolvePath } from './catalogue/rule-engine';
import { DetectionCatalogue, SEVERITY_POINTS } from './catalogue/types';
import { CLOUD_DISCOVERY, Contribution, VALID_ACCOUNTS } from './contribution';
import { EventView, fieldOf, toEventView } from './event-view';
import { flowFinding, guardDutyFinding, isFlowRecord, isGuardDutyFinding, toFlowView } from './external-signals';
import { Finding, MitreReference } from './finding';
import { buildFinding, FindingEvent, resolveAction } from './finding-builder';
import { hash53 } from './hash';
import { BaselineProfile } from './profile/baseline-profile';
import { featureHashes, featureValues, PROFILE_FEATURES } from './profile/features';
import { RarityFinding, rarityOf } from './signals/rarity';
import { modifiedZScore, robustStats, RobustStats } from './signals/robust-stats';
import { familiarityDamping, remainingFactor, SCORING, volumePoints } from './signals/scoring';
import { CloudTrailRecord } from '../logs/cloudtrail-record';
import { LogRecord } from '../logs/log-record';

/** Options of {@link AnomalyDetector}. */
export interface AnomalyDetectorOptions {
  /**
   * Baseline to score against (and to keep learning into, see `learn`).
   * @default - an empty profile: the detector learns online from its input (warm-up, see the README)
   */
  readonly profile?: BaselineProfile;
  /**
   * Volume window in minutes; must match the profile's when one is given.
   * @default the profile's, else 60
   */
  readonly windowMinutes?: number;
  /**
   * Findings below this risk score are not emitted.
   * @default 40
   */
  readonly minScore?: number;
  /**
   * Keep learning the baseline from the input.
   * @default true
   */
  readonly learn?: boolean;
  /**
   * Weight at which suspicious events (risk score of 40 or more) are learned
   * (0 = never), so an attack does not quickly become its own baseline.
   * @default 0.25
   */
  readonly flaggedLearningWeight?: number;
  /**
   * Also collect what is learned into a separate delta profile ({@link AnomalyDetector.takeDelta}).
   * @default false
   */
  readonly trackDelta?: boolean;
  /**
   * Detection catalogue.
   * @default the built-in catalogue
   */
  readonly catalogue?: CatalogueIndex | DetectionCatalogue;
  /**
   * How long a multi-step pattern stays open (sequence hints), in minutes.
   * @default the window length
   */
  readonly sequenceMinutes?: number;
  /**
   * Most events held at once while waiting for a window signal (volume, thresholds).
   * @default 50000
   */
  readonly maxPending?: number;
  /**
   * Warm-up of online learning, in hours of event time from the first event:
   * while the baseline is being learned, only findings at or above
   * `warmupMinScore` are emitted (first-seen habits are not yet known).
   * @default 24 when the detector starts without a profile, 0 with one
   */
  readonly warmupHours?: number;
  /**
   * Score a finding needs during the warm-up.
   * @default 70
   */
  readonly warmupMinScore?: number;
}

/** Counters of a detector run. */
export interface DetectorStats {
  /** CloudTrail events scored. */
  events: number;
  /** GuardDuty findings and VPC flow records looked at. */
  otherRecords: number;
  /** Records of kinds the detector does not score (free text, other JSON). */
  skipped: number;
  findings: number;
  /** Events not held for window re-scoring because `maxPending` was reached. */
  pendingDropped: number;
}

/** Optional facts about a record from the reader. */
export interface ObserveMeta {
  /** Log id from the reader (CloudTrail `eventID` or a stable line hash). */
  readonly logId?: string;
}

/**
 * What a held event keeps of its view: the finding's fields, the time (window
 * threshold) and the network (sessions). Held events outlive the young
 * generation, so they keep a small copy rather than the whole view and record.
 */
type HeldView = FindingEvent & Pick<EventView, 'timeMs' | 'network'>;

function heldView(v: HeldView): HeldView {
  return {
    logId: v.logId,
    eventTime: v.eventTime,
    timeMs: v.timeMs,
    eventName: v.eventName,
    eventSource: v.eventSource,
    region: v.region,
    sourceIp: v.sourceIp,
    network: v.network,
    recipientAccountId: v.recipientAccountId,
    errorCode: v.errorCode,
    principal: v.principal,
  };
}

interface PendingItem {
  /** The event's view; a {@link heldView} copy once the item is held. */
  view: HeldView;
  readonly base: readonly Contribution[];
  /** Contributions added after the event was seen (same session as a later high-risk finding). */
  late: Contribution[];
  readonly runtime: WindowRuntime | undefined;
  counters: RuleCounter[];
  readonly error: boolean;
  emitted: boolean;
}

interface RuleCounter {
  count: number;
  distinct?: Set<string>;
  pending: PendingItem[];
  active?: Contribution;
}

/** Per-principal (or per-source-IP) state of the current volume window (kept small: one per active principal). */
class WindowRuntime {
  events = 0;
  errors = 0;
  volumeEvents?: Contribution;
  volumeErrors?: Contribution;
  /** Threshold-rule counters by rule id (created on first use). */
  rules?: Map<string, RuleCounter>;
  /** Events held for re-scoring when a window signal appears. */
  pending: PendingItem[] = NO_ITEMS;
  /** The baseline windows, read on first use (see {@link history}). */
  private windows?: { readonly events: readonly number[]; readonly errors: readonly number[] };
  private eventStats?: RobustStats;
  private errorStats?: RobustStats;
  constructor(
    public readonly window: number,
    /** Principal whose baseline windows are the volume baseline ('' = none). */
    private readonly key: string,
    private readonly profile: BaselineProfile | undefined,
  ) {}

  /**
   * The principal's earlier non-empty windows, as they were when this window
   * first needed them (a late event may still change an earlier window).
   */
  private history(): { readonly events: readonly number[]; readonly errors: readonly number[] } {
    this.windows ??= this.profile?.principal(this.key)?.windowHistory(this.window) ?? { events: [], errors: [] };
    return this.windows;
  }

  /** Number of baseline windows. */
  baselineWindows(): number {
    return this.history().events.length;
  }

  /** Median and MAD of the baseline's event counts, computed once (most windows never need them). */
  eventsBaseline(): RobustStats {
    this.eventStats ??= robustStats(this.history().events);
    return this.eventStats;
  }

  /** Median and MAD of the baseline's error counts, computed once (only error bursts need them). */
  errorsBaseline(): RobustStats {
    this.errorStats ??= robustStats(this.history().errors);
    return this.errorStats;
  }
}

interface SequenceState {
  /** Last time of each tag, with a detail for the reason and the network it came from. */
  readonly tags: Map<string, { time: number; detail: string; network?: string }>;
  /** Times of suspicious enumeration or denied calls (most recent last, capped). */
  recon: number[];
  last: number;
}

interface CreatedKey {
  readonly time: number;
  readonly creator: string;
  readonly user: string;
}

/**
 * Score from which an event counts as suspicious for the detector's own state
 * (sequence tags, reduced learning weight), whatever the emission threshold:
 * scores never depend on `minScore`.
 */
export const SUSPICIOUS_SCORE = 40;
/** Score of a finding that raises the earlier events of its session (see `raiseSession`). */
const SESSION_TRIGGER_SCORE = 70;
/** Shared empty lists of items that have none (replaced by a fresh array on first push). */
const NO_CONTRIBUTIONS: Contribution[] = [];
const NO_COUNTERS: RuleCounter[] = [];
const NO_ITEMS: PendingItem[] = [];
/** Own score from which an event is held for window signals (volume 35 or session 30 can then reach 40). */
const HOLD_MIN_SCORE = 7.5;
const MAX_RULE_PENDING = 256;
const MAX_PRINCIPAL_PENDING = 512;
const SWEEP_EVERY = 20_000;
const CREATED_KEY_TTL_MS = 7 * 86_400_000;
const MAX_CREATED_KEYS = 10_000;

const RARITY_MITRE: readonly MitreReference[] = Object.freeze([VALID_ACCOUNTS]);

/**
 * The contribution of a rare feature value. Its texts are written when a
 * finding reads them: most rarity contributions belong to events that never
 * become findings.
 */
class RarityContribution implements Contribution {
  public readonly signal = 'rarity';
  public readonly id: string;
  public readonly points: number;
  public readonly observed: string;
  public readonly mitre: readonly MitreReference[] = RARITY_MITRE;
  private baselineText?: string;
  constructor(private readonly rarity: RarityFinding) {
    this.id = rarity.id;
    this.points = rarity.points;
    this.observed = rarity.value;
  }

  get message(): string {
    return this.rarity.message;
  }

  get baseline(): string {
    this.baselineText ??= `${Math.round(this.rarity.count * 10) / 10} of ${Math.round(this.rarity.total)} events`;
    return this.baselineText;
  }
}

const isString = (v: unknown): boolean => typeof v === 'string';

function mitreOf(match: CatalogueMatch): MitreReference[] {
  const rule = match.rule;
  return [rule.technique ? { tactic: rule.tactic, technique: rule.technique } : { tactic: rule.tactic }];
}

/**
 * Streaming anomaly detector: scores CloudTrail events one at a time against
 * a baseline profile (catalogue, rarity, volume and sequence signals),
 * returns findings as soon as they are known, and keeps learning.
 *
 * Window signals (volume outliers, threshold rules such as an AccessDenied
 * storm) can raise events seen earlier in the same window: those events are
 * held (bounded by `maxPending`) and emitted by a later `observe` call when
 * the window crosses its threshold. `flush()` ends the stream.
 *
 * @example
 * const detector = new AnomalyDetector({ profile: BaselineProfile.fromJSON(json), minScore: 40, trackDelta: true });
 * const findings = records.flatMap((r) => detector.observe(r));
 * findings.push(...detector.flush());
 * await store.merge(detector.takeDelta());
 */
export class AnomalyDetector {
  public readonly minScore: number;
  public readonly stats: DetectorStats = { events: 0, otherRecords: 0, skipped: 0, findings: 0, pendingDropped: 0 };
  private readonly catalogue: CatalogueIndex;
  private readonly learn: boolean;
  private readonly flaggedWeight: number;
  private readonly sequenceMs: number;
  private readonly maxPending: number;
  private current: BaselineProfile;
  private delta?: BaselineProfile;
  private readonly principals = new Map<string, WindowRuntime>();
  private readonly sources = new Map<string, WindowRuntime>();
  private readonly sequences = new Map<string, SequenceState>();
  private readonly createdKeys = new Map<string, CreatedKey>();
  private readonly flowSeen = new Map<string, number>();
  /** Scratch set of the current event's sequence tags (reused: one event at a time). */
  private readonly tags = new Set<string>();
  /** Scratch hashes of the current event's feature values. */
  private readonly hashes: number[] = new Array<number>(PROFILE_FEATURES.length).fill(0);
  /** Scratch positions of those values in the profile's counters (from rarity, for learning; NaN = not looked up). */
  private readonly positions: number[] = new Array<number>(PROFILE_FEATURES.length).fill(Number.NaN);
  private pendingCount = 0;
  private watermark = Number.NEGATIVE_INFINITY;
  private readonly warmupMs: number;
  private readonly warmupMinScore: number;
  private warmupEnds = Number.NaN;
  private sinceSweep = 0;

  constructor(options: AnomalyDetectorOptions = {}) {
    const minScore = options.minScore ?? 40;
    if (!(minScore >= 0 && minScore <= 100)) {
      throw new RangeError(`\`minScore\` must be within 0-100, received ${minScore}`);
    }
    this.minScore = minScore;
    if (options.profile && options.windowMinutes !== undefined) {
      const profileMinutes = options.profile.windowMs / 60_000;
      if (profileMinutes !== options.windowMinutes) {
        throw new RangeError(
          `\`windowMinutes\` must match the profile's window (${profileMinutes}), received ${options.windowMinutes}`,
        );
      }
    }
    this.current = options.profile ?? new BaselineProfile({ windowMinutes: options.windowMinutes ?? 60 });
    this.catalogue =
      options.catalogue instanceof CatalogueIndex
        ? options.catalogue
        : options.catalogue
          ? new CatalogueIndex(options.catalogue)
          : defaultCatalogueIndex();
    this.learn = options.learn ?? true;
    const flagged = options.flaggedLearningWeight ?? 0.25;
    if (!(flagged >= 0 && flagged <= 1)) {
      throw new RangeError(`\`flaggedLearningWeight\` must be within 0-1, received ${flagged}`);
    }
    this.flaggedWeight = flagged;
    this.sequenceMs = (options.sequenceMinutes ?? this.current.windowMs / 60_000) * 60_000;
    this.maxPending = options.maxPending ?? 50_000;
    const warmupHours = options.warmupHours ?? (options.profile ? 0 : 24);
    if (!(warmupHours >= 0)) throw new RangeError(`\`warmupHours\` must be at least 0, received ${warmupHours}`);
    this.warmupMs = warmupHours * 3_600_000;
    this.warmupMinScore = Math.max(minScore, options.warmupMinScore ?? 70);
    if (options.trackDelta) this.delta = new BaselineProfile(this.current.options);
  }

  /** The baseline as learned so far (the given profile plus what was learned). */
  get profile(): BaselineProfile {
    return this.current;
  }

  /**
   * What was learned since the last call (requires `trackDelta`), as a
   * profile to merge into shared storage; starts a new delta.
   */
  takeDelta(): BaselineProfile {
    if (!this.delta) throw new RangeError('takeDelta() needs the detector to be created with `trackDelta: true`');
    const out = this.delta;
    this.delta = new BaselineProfile(this.current.options);
    return out;
  }

  /** Scores one record from a log reader (CloudTrail, GuardDuty finding JSON, VPC flow). */
  observeLog(record: LogRecord): Finding[] {
    if (record.kind === 'cloudtrail') return this.observe(record.event, { logId: record.log_id });
    if (record.kind === 'vpcflow') return this.observeFlow(record.fields, record.log_id);
    if (record.kind === 'json') return this.observeJson(record.value, record.log_id);
    this.stats.skipped++;
    return [];
  }

  /**
   * Scores a JSON object that is not a CloudTrail event: a GuardDuty finding,
   * a flow record as JSON, or a CloudTrail event with lowercase keys.
   */
  observeJson(value: Readonly<Record<string, unknown>>, logId?: string): Finding[] {
    if (isGuardDutyFinding(value)) {
      this.stats.otherRecords++;
      const finding = guardDutyFinding(value);
      return finding && finding.risk_score >= this.minScore ? this.count([finding]) : [];
    }
    if (isFlowRecord(value)) return this.observeFlow(value, logId ?? String(hash53(JSON.stringify(value))));
    if (fieldOf(value, 'eventName') !== undefined || fieldOf(value, 'eventSource') !== undefined) {
      return this.observe(value as CloudTrailRecord, { logId });
    }
    this.stats.skipped++;
    return [];
  }

  private observeFlow(fields: Readonly<Record<string, unknown>>, logId: string): Finding[] {
    this.stats.otherRecords++;
    const flow = toFlowView(fields);
    const finding = flowFinding(flow, logId);
    if (!finding || finding.risk_score < this.minScore) return [];
    // One finding per exposed (destination, port, source network) and window.
    const window = Math.floor(Date.parse(flow.start) / this.current.windowMs);
    const key = `${flow.dst}|${flow.dstPort}|${flow.src.split('.').slice(0, 3).join('.')}`;
    if (Number.isFinite(window) && this.flowSeen.get(key) === window) return [];
    if (this.flowSeen.size > 50_000) this.flowSeen.clear();
    this.flowSeen.set(key, window);
    return this.count([finding]);
  }

  private count(findings: Finding[]): Finding[] {
    this.stats.findings += findings.length;
    return findings;
  }

  /** Scores one CloudTrail event; returns the findings now known (this event's, and held ones raised by it). */
  observe(record: CloudTrailRecord, meta: ObserveMeta = {}): Finding[] {
    this.stats.events++;
    const view = toEventView(record, meta.logId && !fieldOf(record, 'eventID') ? meta.logId : undefined);
    const out: Finding[] = [];
    if (Number.isFinite(view.timeMs) && view.timeMs > this.watermark) this.watermark = view.timeMs;
    if (Number.isNaN(this.warmupEnds) && Number.isFinite(view.timeMs)) this.warmupEnds = view.timeMs + this.warmupMs;
    if (++this.sinceSweep >= SWEEP_EVERY) this.sweep();
    const values = featureValues(view);
    const hashes = this.hashes;
    featureHashes(view, values, hashes);
    const matches = this.catalogue.match(view);
    const base: Contribution[] = [];
    const positions = this.positions;
    for (let f = 0; f < positions.length; f++) positions[f] = Number.NaN;
    const rarity = rarityOf(view, values, this.current, view.timeMs, hashes, positions);
    if (matches.length > 0) {
      this.catalogueContributions(view, matches, hashes, this.familiarContext(view, rarity), base);
    }
    // A catalogue rule already weighs how often the principal makes this call (familiarity):
    // the rarity of the same call would count that evidence twice.
    // Indexed loops and no closures in the per-event path (it runs for every event).
    let ruled = false;
    for (let i = 0; i < base.length; i++) if (base[i].signal === 'catalogue') ruled = true;
    for (let i = 0; i < rarity.length; i++) {
      const r = rarity[i];
      if (ruled && r.id === 'rarity/action') continue;
      base.push(new RarityContribution(r));
    }
    const tags = this.tags;
    if (tags.size > 0) tags.clear(); // clearing allocates a new table, even for an empty set
    for (let i = 0; i < matches.length; i++) {
      const ruleTags = matches[i].rule.tags;
      if (ruleTags) for (let k = 0; k < ruleTags.length; k++) tags.add(ruleTags[k]);
    }
    if (view.outcome === 'denied') tags.add('denied');
    this.sequenceContributions(view, tags, rarity, base);

    // Window signals: volume and threshold rules.
    const runtime = this.principalRuntime(view);
    const item: PendingItem = {
      view,
      base,
      late: NO_CONTRIBUTIONS,
      runtime,
      counters: NO_COUNTERS,
      error: view.outcome !== 'success',
      emitted: false,
    };
    let raised: RuleCounter[] | undefined;
    let volumeRaised = false;
    if (runtime) {
      volumeRaised = this.countVolume(view, runtime);
      for (let i = 0; i < matches.length; i++) {
        const m = matches[i];
        const threshold = m.rule.threshold;
        if (!threshold) continue;
        if (m.rule.outcome !== 'denied' && m.rule.outcome !== 'any' && m.outcomeFactor < 1) continue;
        const owner = threshold.per === 'source-ip' ? this.sourceRuntime(view) : runtime;
        if (!owner) continue;
        const { counter, crossed } = this.countRule(view, m, owner);
        if (item.counters === NO_COUNTERS) item.counters = [];
        item.counters.push(counter);
        if (crossed) (raised ??= []).push(counter);
      }
    }
    const score = this.scoreOf(item);
    if (score >= this.threshold(view)) {
      out.push(this.emit(item));
    } else if (runtime) {
      this.hold(item);
    }
    for (const counter of raised ?? []) this.rescore(counter.pending, out);
    if (volumeRaised && runtime) this.rescore(runtime.pending, out);
    if (runtime && score >= SESSION_TRIGGER_SCORE) this.raiseSession(view, rarity, runtime, out);
    this.remember(view, tags, rarity, score);
    if (this.learn) {
      const weight = score >= SUSPICIOUS_SCORE ? this.flaggedWeight : 1;
      if (weight > 0) {
        this.current.observe(view, weight, values, hashes, positions);
        this.delta?.observe(view, weight, values, hashes);
      }
    }
    return out;
  }

  /** Ends the stream: held events that no window signal raised are released; returns any last findings. */
  flush(): Finding[] {
    const out: Finding[] = [];
    this.principals.clear();
    this.sources.clear();
    this.pendingCount = 0;
    return out;
  }

  /** The emission threshold of an event: raised during the warm-up of online learning. */
  private threshold(view: { readonly timeMs: number }): number {
    return this.warmupMs > 0 && view.timeMs < this.warmupEnds ? this.warmupMinScore : this.minScore;
  }

  /** True while the detector is still in its warm-up (no event yet, or before its end). */
  get warmingUp(): boolean {
    return this.warmupMs > 0 && !(this.watermark >= this.warmupEnds);
  }

  private emit(item: PendingItem): Finding {
    item.emitted = true;
    this.stats.findings++;
    return buildFinding(item.view, this.applicable(item));
  }

  /**
   * Holds an event that a window signal could still raise: errors, events
   * that count toward a threshold rule, and events whose own evidence is
   * enough for a volume (35) or session (30) signal to lift them to 40.
   * The item keeps a {@link heldView} of its event (no raw record: findings
   * are built from the normalized view).
   */
  private hold(item: PendingItem): void {
    const runtime = item.runtime;
    if (!runtime) return;
    const own = item.base.length === 0 ? 0 : 100 * (1 - remainingOf(item.base, 1));
    const interesting = item.error || item.counters.length > 0 || own >= HOLD_MIN_SCORE;
    if (!interesting) return;
    if (this.pendingCount >= this.maxPending) {
      this.stats.pendingDropped++;
      return;
    }
    item.view = heldView(item.view);
    if (runtime.pending.length < MAX_PRINCIPAL_PENDING) {
      if (runtime.pending === NO_ITEMS) runtime.pending = [];
      runtime.pending.push(item);
      this.pendingCount++;
    }
    for (const counter of item.counters) {
      if (counter.pending.length < MAX_RULE_PENDING) counter.pending.push(item);
    }
  }

  private rescore(items: PendingItem[], out: Finding[]): void {
    for (const item of items) {
      if (item.emitted) continue;
      if (this.scoreOf(item) >= this.threshold(item.view)) out.push(this.emit(item));
    }
  }

  /** Risk score of an item now (the noisy-OR of {@link applicable}, computed without building the list). */
  private scoreOf(item: PendingItem): number {
    if (item.base.length === 0 && item.late.length === 0 && item.counters.length === 0) {
      const runtime = item.runtime;
      if (!runtime?.volumeEvents && !(item.error && runtime?.volumeErrors)) return 0;
    }
    // The noisy-OR of {@link applicable}, in the same order, without building the list.
    let remaining = remainingOf(item.late, remainingOf(item.base, 1));
    const runtime = item.runtime;
    if (runtime?.volumeEvents) remaining *= remainingFactor(runtime.volumeEvents.points);
    if (item.error && runtime?.volumeErrors) remaining *= remainingFactor(runtime.volumeErrors.points);
    for (const counter of item.counters) if (counter.active) remaining *= remainingFactor(counter.active.points);
    return 100 * (1 - remaining);
  }

  /**
   * A high-risk finding from a network or tool new to the principal makes its
   * earlier events of this window from the same network part of one session:
   * they are raised too (the reconnaissance before the damage).
   */
  private raiseSession(
    view: EventView,
    rarity: readonly RarityFinding[],
    runtime: WindowRuntime,
    out: Finding[],
  ): void {
    const novel = rarity.find((r) => (r.id === 'rarity/network' || r.id === 'rarity/ua') && r.points > 0);
    if (!novel || view.network === '') return;
    const held = runtime.pending.filter((p) => !p.emitted && p.view.network === view.network);
    if (held.length === 0) return;
    const contribution: Contribution = {
      signal: 'sequence',
      id: 'sequence/session-of-high-risk-finding',
      points: 30,
      message: `same session (${view.network}, new ${novel.feature === 'ua' ? 'tool' : 'network'} for ${view.principal.key}) as the high-risk ${view.eventName} that followed`,
      observed: view.network,
      baseline: view.eventName,
      mitre: [VALID_ACCOUNTS],
    };
    for (const item of held) {
      if (item.late === NO_CONTRIBUTIONS) item.late = [];
      item.late.push(contribution);
    }
    this.rescore(held, out);
  }

  /** Base contributions plus the window signals that apply to the item now. */
  private applicable(item: PendingItem): Contribution[] {
    const all = [...item.base, ...item.late];
    const runtime = item.runtime;
    if (runtime?.volumeEvents) all.push(runtime.volumeEvents);
    if (item.error && runtime?.volumeErrors) all.push(runtime.volumeErrors);
    for (const counter of item.counters) if (counter.active) all.push(counter.active);
    return all;
  }

  /**
   * True when a mature principal acts from its usual network, tool and region
   * (none of them rare): a low-severity sensitive call is then likely routine.
   */
  private familiarContext(view: EventView, rarity: readonly RarityFinding[]): boolean {
    const principal = this.current.principal(view.principal.key);
    if (!principal) return false;
    const n = principal.weight * this.current.decayFactor(view.timeMs);
    if (n < SCORING.matureEvents) return false;
    for (let i = 0; i < rarity.length; i++) {
      const id = rarity[i].id;
      if (id === 'rarity/network' || id === 'rarity/ua' || id === 'rarity/region' || id === 'rarity/ip') return false;
    }
    return true;
  }

  private catalogueContributions(
    view: EventView,
    matches: readonly CatalogueMatch[],
    hashes: readonly number[],
    familiarContext: boolean,
    out: Contribution[],
  ): void {
    if (matches.length === 0) return;
    // Informational rules give no points and threshold rules count elsewhere: nothing to weigh.
    let scoring = false;
    for (const m of matches) if (!m.rule.threshold && m.rule.severity !== 'informational') scoring = true;
    if (!scoring) return;
    const best = new Map<string, { match: CatalogueMatch; points: number; prior: number }>();
    const principal = this.current.principal(view.principal.key);
    const decay = this.current.decayFactor(view.timeMs);
    const prior = principal ? (principal.features[0]?.get(hashes[0]) ?? 0) * decay : 0;
    const network = principal && hashes[2] !== 0 ? (principal.features[2]?.get(hashes[2]) ?? 0) * decay : 0;
    for (const m of matches) {
      const rule = m.rule;
      if (rule.threshold) continue;
      if (rule.suppressIfFamiliar?.includes('network') && network >= 3) continue;
      const context = familiarContext && rule.severity === 'low' ? SCORING.familiarContextLowFactor : 1;
      const points =
        SEVERITY_POINTS[rule.severity] * m.outcomeFactor * familiarityDamping(rule.severity, prior) * context;
      const group = rule.group ?? rule.id;
      const existing = best.get(group);
      if (!existing || points > existing.points) best.set(group, { match: m, points, prior });
    }
    const chosen = [...best.values()];
    const strong = chosen.some((c) => c.match.rule.severity !== 'informational');
    for (const { match, points, prior: calls } of chosen) {
      const rule = match.rule;
      if (strong && rule.severity === 'informational') continue;
      if (points <= 0) continue;
      const attempt = match.outcomeFactor < 1 ? ` (attempt, ${view.errorCode || 'failed'})` : '';
      const detail = match.detail ? `: ${match.detail}` : '';
      const familiarity =
        principal && calls >= 0.05
          ? `; the principal made this call ${Math.round(calls * 10) / 10} times in its baseline`
          : '';
      out.push({
        signal: 'catalogue',
        id: rule.id,
        ruleId: rule.id,
        points,
        message: `${rule.title} (${rule.severity})${attempt}${detail}${familiarity}`,
        observed: view.eventName,
        ...(principal ? { baseline: Math.round(calls * 10) / 10 } : {}),
        mitre: mitreOf(match),
        ...(rule.recommendedAction && rule.severity !== 'informational'
          ? { action: resolveAction(rule.recommendedAction, view) }
          : {}),
        tags: rule.tags,
      });
    }
    out.sort((a, b) => b.points - a.points);
  }

  private principalRuntime(view: EventView): WindowRuntime | undefined {
    if (!Number.isFinite(view.timeMs)) return undefined;
    const window = this.current.windowIndex(view.timeMs);
    const key = view.principal.key;
    const existing = this.principals.get(key);
    if (existing && existing.window === window) return existing;
    if (existing && existing.window > window) return undefined; // late event: no window signals
    if (existing) this.pendingCount -= existing.pending.length;
    const runtime = new WindowRuntime(window, key, this.current);
    this.principals.set(key, runtime);
    return runtime;
  }

  private sourceRuntime(view: EventView): WindowRuntime | undefined {
    if (!Number.isFinite(view.timeMs) || view.sourceIp === '') return undefined;
    const window = this.current.windowIndex(view.timeMs);
    const existing = this.sources.get(view.sourceIp);
    if (existing && existing.window === window) return existing;
    if (existing && existing.window > window) return undefined;
    const runtime = new WindowRuntime(window, '', undefined);
    this.sources.set(view.sourceIp, runtime);
    return runtime;
  }

  /** The volume window's length as reasons write it: `1 h`, `15 min`. */
  private windowSpan(): string {
    const minutes = Math.round(this.current.windowMs / 60_000);
    return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
  }

  /** Counts the event in its window; returns true when a volume signal was raised or grew. */
  private countVolume(view: EventView, runtime: WindowRuntime): boolean {
    runtime.events++;
    const error = view.outcome !== 'success';
    if (error) runtime.errors++;
    let raised = false;
    if (runtime.events >= SCORING.volumeMinExcessEvents && runtime.baselineWindows() >= SCORING.volumeMinWindows) {
      const stats = runtime.eventsBaseline();
      const z =
        runtime.events - stats.median >= SCORING.volumeMinExcessEvents ? modifiedZScore(runtime.events, stats) : 0;
      const points = volumePoints(z);
      if (points > 0 && (!runtime.volumeEvents || points >= runtime.volumeEvents.points + 5)) {
        raised = true;
        runtime.volumeEvents = {
          signal: 'volume',
          id: 'volume/events',
          points,
          message:
            `${runtime.events} events by ${view.principal.key} in the ${this.windowSpan()} window vs median ${round(stats.median)}, ` +
            `MAD ${round(stats.mad)} over ${stats.n} active windows (modified z ${round(z)})`,
          observed: runtime.events,
          baseline: `median ${round(stats.median)}, MAD ${round(stats.mad)}`,
          mitre: [VALID_ACCOUNTS],
        };
      }
    }
    if (
      error &&
      runtime.errors >= SCORING.volumeMinExcessErrors &&
      runtime.baselineWindows() >= SCORING.volumeMinWindows
    ) {
      const stats = runtime.errorsBaseline();
      const z =
        runtime.errors - stats.median >= SCORING.volumeMinExcessErrors ? modifiedZScore(runtime.errors, stats) : 0;
      const points = volumePoints(z, true);
      if (points > 0 && (!runtime.volumeErrors || points >= runtime.volumeErrors.points + 5)) {
        raised = true;
        runtime.volumeErrors = {
          signal: 'volume',
          id: 'volume/errors',
          points,
          message:
            `${runtime.errors} failed calls by ${view.principal.key} in the ${this.windowSpan()} window vs median ${round(stats.median)}, ` +
            `MAD ${round(stats.mad)} (modified z ${round(z)})`,
          observed: runtime.errors,
          baseline: `median ${round(stats.median)}, MAD ${round(stats.mad)}`,
          mitre: [CLOUD_DISCOVERY],
        };
      }
    }
    return raised;
  }

  /** Counts an event toward a threshold rule; `crossed` when this event made the rule fire. */
  private countRule(
    view: EventView,
    match: CatalogueMatch,
    owner: WindowRuntime,
  ): { counter: RuleCounter; crossed: boolean } {
    const rule = match.rule;
    const threshold = rule.threshold!;
    owner.rules ??= new Map();
    let counter = owner.rules.get(rule.id);
    if (!counter) {
      counter = { count: 0, pending: [], ...(threshold.distinct ? { distinct: new Set<string>() } : {}) };
      owner.rules.set(rule.id, counter);
    }
    if (counter.distinct) {
      const value =
        threshold.distinct === 'action'
          ? view.action
          : threshold.distinct === 'eventName'
            ? view.eventName
            : String(firstAtPath(view.record, threshold.distinct!, isString) ?? '');
      if (value !== '' && counter.distinct.size < threshold.count * 4) counter.distinct.add(value);
      counter.count = counter.distinct.size;
    } else {
      counter.count++;
    }
    let crossed = false;
    if (counter.count >= threshold.count) {
      crossed = counter.active === undefined;
      const per = threshold.per === 'source-ip' ? `source ${view.sourceIp}` : view.principal.key;
      const unit = threshold.distinct
        ? `distinct ${threshold.distinct === 'action' ? 'API calls' : threshold.distinct}`
        : 'events';
      counter.active = {
        signal: 'catalogue',
        id: rule.id,
        ruleId: rule.id,
        points: SEVERITY_POINTS[rule.severity],
        message: `${rule.title} (${rule.severity}): ${counter.count} ${unit} from ${per} in one window (threshold ${threshold.count})`,
        observed: counter.count,
        baseline: `threshold ${threshold.count}`,
        mitre: mitreOf(match),
        ...(rule.recommendedAction ? { action: resolveAction(rule.recommendedAction, view) } : {}),
        tags: rule.tags,
      };
    }
    return { counter, crossed };
  }

  private sequenceContributions(
    view: EventView,
    tags: ReadonlySet<string>,
    rarity: readonly { id: string; points: number }[],
    out: Contribution[],
  ): void {
    const now = view.timeMs;
    const key = view.principal.key;
    const state = this.sequences.size > 0 ? this.sequences.get(key) : undefined;
    if (state && Number.isFinite(now)) {
      const minutes = Math.round(this.sequenceMs / 60_000);
      const sequenceMs = this.sequenceMs;
      // Counted only for the calls it can raise (the list holds up to 64 times).
      let reconCount = 0;
      if (tags.has('credential') || tags.has('privilege-escalation') || tags.has('persistence')) {
        for (const t of state.recon) if (now - t <= sequenceMs && now >= t) reconCount++;
      }
      if (reconCount >= 10) {
        out.push({
          signal: 'sequence',
          id: 'sequence/recon-then-credential-or-escalation',
          points: 40,
          message: `${reconCount} unusual enumeration or denied calls by ${key} in the ${minutes} min before ${view.eventName}`,
          observed: view.eventName,
          baseline: `${reconCount} enumeration/denied calls`,
          mitre: [CLOUD_DISCOVERY],
        });
      }
      const network = state.tags.get('new-network');
      if (
        isRecent(network?.time, now, sequenceMs) &&
        network?.detail === view.network &&
        (tags.has('defense-evasion') || tags.has('impact') || tags.has('exfiltration'))
      ) {
        out.push({
          signal: 'sequence',
          id: 'sequence/new-network-then-high-impact',
          points: 35,
          message: `${view.eventName} ${Math.round((now - network!.time) / 60_000)} min after ${key} first acted from new network ${network!.detail}`,
          observed: view.eventName,
          baseline: network!.detail,
          mitre: [VALID_ACCOUNTS],
        });
      }
      const write = view.readOnly === false || (view.readOnly === undefined && !isReadName(view.eventName));
      const evasion = state.tags.get('flagged-defense-evasion');
      if (
        isRecent(evasion?.time, now, sequenceMs) &&
        evasion?.network === view.network &&
        (write || tags.has('exfiltration'))
      ) {
        out.push({
          signal: 'sequence',
          id: 'sequence/activity-after-defense-evasion',
          points: 30,
          message: `${view.eventName} ${Math.round((now - evasion!.time) / 60_000)} min after ${key} impaired defenses (${evasion!.detail})`,
          observed: view.eventName,
          baseline: evasion!.detail,
          mitre: [{ tactic: 'TA0005 Defense Evasion' }],
        });
      }
      const escalation = state.tags.get('flagged-privilege-escalation');
      if (
        isRecent(escalation?.time, now, sequenceMs) &&
        escalation?.network === view.network &&
        write &&
        !tags.has('privilege-escalation')
      ) {
        out.push({
          signal: 'sequence',
          id: 'sequence/activity-after-privilege-escalation',
          points: 25,
          message: `${view.eventName} ${Math.round((now - escalation!.time) / 60_000)} min after ${key} escalated privileges (${escalation!.detail})`,
          observed: view.eventName,
          baseline: escalation!.detail,
          mitre: [{ tactic: 'TA0004 Privilege Escalation' }],
        });
      }
    }
    const keyId = view.principal.accessKeyId;
    const created = keyId && this.createdKeys.size > 0 ? this.createdKeys.get(keyId) : undefined;
    if (created && created.creator !== key && Number.isFinite(now) && now - created.time <= CREATED_KEY_TTL_MS) {
      out.push({
        signal: 'sequence',
        id: 'sequence/key-created-by-another-principal-in-use',
        points: rarity.some((r) => r.id === 'rarity/network' && r.points > 0) ? 45 : 30,
        message: `access key ${keyId} was created ${Math.round((now - created.time) / 60_000)} min earlier by ${created.creator} for ${created.user}`,
        observed: keyId,
        baseline: `created by ${created.creator}`,
        mitre: [
          { tactic: 'TA0003 Persistence', technique: 'T1098.001 Account Manipulation: Additional Cloud Credentials' },
        ],
      });
    }
  }

  /** Updates the sequence state after an event was scored. */
  private remember(
    view: EventView,
    tags: ReadonlySet<string>,
    rarity: readonly { id: string; points: number; value: string }[],
    score: number,
  ): void {
    if (!Number.isFinite(view.timeMs)) return;
    const key = view.principal.key;
    let network: (typeof rarity)[number] | undefined;
    let unusualAction = false;
    for (let i = 0; i < rarity.length; i++) {
      const r = rarity[i];
      if (network === undefined && r.id === 'rarity/network' && r.points >= 15) network = r;
      if ((r.id === 'rarity/action' || r.id === 'rarity/network') && r.points >= 5) unusualAction = true;
    }
    const recon = tags.has('denied') || (tags.has('recon') && unusualAction);
    const flagged = score >= SUSPICIOUS_SCORE;
    const interesting =
      network || recon || (flagged && (tags.has('defense-evasion') || tags.has('privilege-escalation')));
    if (interesting) {
      let state = this.sequences.get(key);
      if (!state) {
        state = { tags: new Map(), recon: [], last: view.timeMs };
        this.sequences.set(key, state);
      }
      state.last = Math.max(state.last, view.timeMs);
      if (network) state.tags.set('new-network', { time: view.timeMs, detail: network.value });
      if (recon) {
        state.recon.push(view.timeMs);
        if (state.recon.length > 64) state.recon = state.recon.slice(-32);
      }
      if (flagged && tags.has('defense-evasion')) {
        state.tags.set('flagged-defense-evasion', { time: view.timeMs, detail: view.eventName, network: view.network });
      }
      if (flagged && tags.has('privilege-escalation')) {
        state.tags.set('flagged-privilege-escalation', {
          time: view.timeMs,
          detail: view.eventName,
          network: view.network,
        });
      }
    }
    if (view.eventName === 'CreateAccessKey' && view.outcome === 'success') {
      const created = resolvePath(view.record, 'responseElements.accessKey.accessKeyId')[0];
      const user = resolvePath(view.record, 'responseElements.accessKey.userName')[0];
      if (typeof created === 'string') {
        if (this.createdKeys.size >= MAX_CREATED_KEYS) {
          const oldest = this.createdKeys.keys().next().value;
          if (oldest !== undefined) this.createdKeys.delete(oldest);
        }
        this.createdKeys.set(created, { time: view.timeMs, creator: key, user: typeof user === 'string' ? user : '' });
      }
    }
  }

  /** Drops state of windows and sequences that the watermark has left behind. */
  private sweep(): void {
    this.sinceSweep = 0;
    if (!Number.isFinite(this.watermark)) return;
    const window = this.current.windowIndex(this.watermark);
    for (const [key, runtime] of this.principals) {
      if (runtime.window < window - 1) {
        this.pendingCount -= runtime.pending.length;
        this.principals.delete(key);
      }
    }
    for (const [key, runtime] of this.sources) if (runtime.window < window - 1) this.sources.delete(key);
    for (const [key, state] of this.sequences) {
      if (state.last < this.watermark - this.sequenceMs) this.sequences.delete(key);
    }
    for (const [key, created] of this.createdKeys) {
      if (created.time < this.watermark - CREATED_KEY_TTL_MS) this.createdKeys.delete(key);
    }
  }
}

/** True when `time` is within `span` milliseconds before `now` (or at it). */
function isRecent(time: number | undefined, now: number, span: number): boolean {
  return time !== undefined && now - time <= span && now >= time;
}

/** The name of a read call (`Get…`, `List…`, `Describe…`, `Head…`). */
function isReadName(eventName: string): boolean {
  return (
    eventName.startsWith('Get') ||
    eventName.startsWith('List') ||
    eventName.startsWith('Describe') ||
    eventName.startsWith('Head')
  );
}

/** `remaining` times the {@link remainingFactor} of each contribution, in order. */
function remainingOf(contributions: readonly Contribution[], remaining: number): number {
  for (const c of contributions) remaining *= remainingFactor(c.points);
  return remaining;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Feature order used by the profile, re-exported for documentation. */
export const DETECTOR_FEATURES = PROFILE_FEATURES;
