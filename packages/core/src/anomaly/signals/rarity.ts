import { rarityPoints, SCORING, surpriseBits } from './scoring';
import { EventView } from '../event-view';
import { hash53 } from '../hash';
import { BaselineProfile } from '../profile/baseline-profile';
import { FEATURE_LABELS, PROFILE_FEATURES, ProfileFeature } from '../profile/features';

/**
 * Services whose calls CloudTrail records in us-east-1 whatever the caller's
 * habits (global endpoints): their region says nothing about the caller.
 */
export const GLOBAL_SERVICES: ReadonlySet<string> = new Set([
  'iam',
  'sts',
  'signin',
  'organizations',
  'route53',
  'route53domains',
  'cloudfront',
  'globalaccelerator',
  'support',
  'health',
  'account',
  'budgets',
  'ce',
  'waf',
  'sso',
  'sso-directory',
  'identitystore',
]);

const REGION = PROFILE_FEATURES.indexOf('region');
const RARITY_IDS: readonly string[] = PROFILE_FEATURES.map((f) => `rarity/${f}`);
const NONE: readonly RarityFinding[] = Object.freeze([]);
/** A value with this share of a feature's history has surprise below the 2-bit floor whatever the smoothing. */
const SKIP_SHARE = 2 ** -SCORING.raritySurpriseFloor;

/** A rarity contribution: one feature value that is new or rare for the principal (or resource). */
export interface RarityFinding {
  /** `rarity/<feature>` or `rarity/resource-principal`. */
  readonly id: string;
  readonly feature: ProfileFeature | 'resource-principal';
  readonly value: string;
  readonly points: number;
  /** Smoothed surprise in bits. */
  readonly surprise: number;
  /** Decayed times the value was seen. */
  readonly count: number;
  /** Decayed observations of the feature. */
  readonly total: number;
  /** Distinct values seen (estimated once the sketch is full). */
  readonly distinct: number;
  readonly message: string;
}

function fmt(n: number): string {
  return n >= 10 ? String(Math.round(n)) : String(Math.round(n * 10) / 10);
}

/**
 * A rarity finding whose message is written on first read: most rare values
 * add a few points to events that never become findings, so their reasons
 * are never shown. Everything the message needs is captured when the value
 * is scored (the baseline keeps learning afterwards).
 */
class ScoredRarity implements RarityFinding {
  private text?: string;
  constructor(
    public readonly id: string,
    public readonly feature: ProfileFeature | 'resource-principal',
    public readonly value: string,
    public readonly points: number,
    public readonly surprise: number,
    public readonly count: number,
    public readonly total: number,
    public readonly distinct: number,
    /** Principal key of the event. */
    private readonly principalKey: string,
    /** Days of history of the principal (feature rarity only). */
    private readonly days: number,
  ) {}

  get message(): string {
    this.text ??= this.describe();
    return this.text;
  }

  private describe(): string {
    const { count, total, distinct } = this;
    if (this.feature === 'resource-principal') {
      return (
        `${this.principalKey} ${count < 0.05 ? 'never used' : `rarely uses (${fmt(count)} times)`} ${this.value}, ` +
        `which ${distinct} other principal(s) use (${fmt(total)} decayed events in its baseline)`
      );
    }
    const label = FEATURE_LABELS[this.feature];
    const seen = count < 0.05 ? `never seen` : `seen ${fmt(count)} times`;
    return (
      `${label} ${this.value} ${seen} for ${this.principalKey} in its baseline ` +
      `(${fmt(total)} decayed events over ${this.days} day(s), ${distinct} distinct ${label} value(s))`
    );
  }
}

/** Whole days between a principal's first and last event (at least 1), 0 without history. */
function historyDays(first: number, last: number): number {
  return Number.isFinite(first) ? Math.max(1, Math.round((last - first) / 86_400_000)) : 0;
}

/**
 * Rarity of an event's features against the principal's baseline, and of the
 * principal against the baseline of the resource it touches. Smoothed: with
 * little history nothing is very surprising (that is the warm-up); a value
 * seen once in a long history is nearly as surprising as a new one.
 * `positions`, when given, receives where each looked-up feature value is in
 * its counter (`BottomKCounter.locate`; entries of features not looked
 * up are left alone).
 */
export function rarityOf(
  event: EventView,
  values: readonly string[],
  profile: BaselineProfile,
  now: number,
  hashes: readonly number[] = values.map((v) => (v === '' ? 0 : hash53(v))),
  positions?: number[],
): readonly RarityFinding[] {
  const principal = profile.principal(event.principal.key);
  if (!principal) return NONE;
  let out: RarityFinding[] | undefined;
  // The decay factor costs a power of two: computed only once a value is rare enough to score.
  let decay = Number.NaN;
  for (let f = 0; f < PROFILE_FEATURES.length; f++) {
    const value = values[f];
    if (value === '') continue;
    if (f === REGION && GLOBAL_SERVICES.has(event.service)) continue;
    const counter = principal.features[f];
    if (!counter || counter.total <= 0) continue;
    const position = counter.locate(hashes[f]);
    // Handed to the learning step, which adds to the same counter without searching again.
    if (positions) positions[f] = position;
    const weight = counter.weightAt(position, hashes[f]);
    if (weight === undefined) continue;
    // Common values (a quarter of the history or more) cannot reach the surprise floor: skip them early.
    if (weight >= counter.total * SKIP_SHARE) continue;
    if (Number.isNaN(decay)) decay = profile.decayFactor(now);
    const count = weight * decay;
    const total = counter.total * decay;
    const distinct = counter.distinct();
    const surprise = surpriseBits(count, total, distinct);
    const feature = PROFILE_FEATURES[f];
    const points = rarityPoints(surprise, SCORING.rarityPoints[feature]);
    if (points <= 0) continue;
    (out ??= []).push(
      new ScoredRarity(
        RARITY_IDS[f],
        feature,
        value,
        points,
        surprise,
        count,
        total,
        distinct,
        event.principal.key,
        historyDays(principal.first, principal.last),
      ),
    );
  }
  const resource = values[PROFILE_FEATURES.length - 1];
  if (resource !== '') {
    const r = profile.resources.get(resource);
    if (r && r.principals.total > 0) {
      const weight = r.principals.get(event.principal.keyHash);
      if (weight !== undefined) {
        if (Number.isNaN(decay)) decay = profile.decayFactor(now);
        const count = weight * decay;
        const total = r.principals.total * decay;
        const distinct = r.principals.distinct();
        const surprise = surpriseBits(count, total, distinct);
        const points = rarityPoints(surprise, SCORING.resourcePrincipalPoints);
        if (points > 0) {
          (out ??= []).push(
            new ScoredRarity(
              'rarity/resource-principal',
              'resource-principal',
              resource,
              points,
              surprise,
              count,
              total,
              distinct,
              event.principal.key,
              0,
            ),
          );
        }
      }
    }
  }
  return out ?? NONE;
}
