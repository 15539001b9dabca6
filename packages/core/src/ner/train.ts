import { createHash } from 'node:crypto';
import {
  BOS,
  candidateMask,
  contextWord,
  EOS,
  FEATURE_SET,
  FEATURE_TEMPLATES,
  intrinsicFeatures,
  LABEL_MASK,
  roleFeatures,
  TAG_LABELS,
} from './features';
import { TaggerModel } from './tagger';
import { tokenize } from './tokenizer';
import { CONTEXT_TYPES, recognizeUnambiguous } from '../entities/recognize';
import { GoldMention } from '../synthetic/gold';
import { deriveSeed, SeededRandom } from '../synthetic/rng';
import { generateTextLines } from '../synthetic/text-generator';
import { buildWorld } from '../synthetic/world';

/** Seed of the held-out evaluation split: training refuses it. */
export const HELD_OUT_SEED = 2002;
/** Seed the committed model was trained with. */
export const DEFAULT_TRAIN_SEED = 1001;

/** Options of {@link trainTagger}. */
export interface TrainTaggerOptions {
  readonly seed: number;
  /** Synthetic worlds (organisations) to draw lines from. @default 6 */
  readonly worlds?: number;
  /** Lines per world. @default 4000 */
  readonly linesPerWorld?: number;
  /** Passes over the data. @default 8 */
  readonly epochs?: number;
}

/** What `ner:train` writes next to the model. */
export interface TaggerMetadata {
  readonly format: 'aad-ner-perceptron/1';
  readonly seed: number;
  readonly heldOutSeed: number;
  /** SHA-256 of the training lines and their gold spans. */
  readonly dataSha256: string;
  readonly featureSet: string;
  readonly featureTemplates: readonly string[];
  readonly labels: readonly string[];
  readonly worlds: number;
  readonly lines: number;
  readonly tokens: number;
  readonly epochs: number;
  readonly features: number;
  /** Token accuracy on the training data after training, and span metrics on a dev split (seed derived from the training seed). */
  readonly metrics: {
    readonly trainTokenAccuracy: number;
    readonly dev: { readonly precision: number; readonly recall: number; readonly f1: number; readonly lines: number };
  };
  readonly modelSha256: string;
}

interface Example {
  /** Per token: feature ids (intrinsic + 4 context roles), or undefined when the tagger skips it. */
  readonly feats: (Int32Array | undefined)[];
  readonly masks: Int32Array;
  readonly gold: Int32Array;
}

/** Gold label index of each token of a line (context types only; other tokens `O`). */
function goldLabels(tokens: readonly { start: number; end: number }[], mentions: readonly GoldMention[]): Int32Array {
  const labels = new Int32Array(tokens.length);
  tokens.forEach((t, i) => {
    const m = mentions.find((g) => g.start === t.start && g.end === t.end);
    if (m && (CONTEXT_TYPES as readonly string[]).includes(m.entity_type)) {
      labels[i] = TAG_LABELS.indexOf(m.entity_type as (typeof TAG_LABELS)[number]);
    }
  });
  return labels;
}

/** Synthetic training lines of the given seed (several worlds). */
export function trainingLines(
  seed: number,
  worlds: number,
  linesPerWorld: number,
): { text: string; mentions: readonly GoldMention[] }[] {
  const out: { text: string; mentions: readonly GoldMention[] }[] = [];
  for (let k = 0; k < worlds; k++) {
    const worldSeed = deriveSeed(seed, `world${k}`);
    const world = buildWorld(worldSeed);
    for (const line of generateTextLines(world, { lines: linesPerWorld, seed: deriveSeed(worldSeed, 'text') })) {
      out.push(line);
    }
  }
  return out;
}

/**
 * Trains the averaged perceptron on synthetic text lines. Deterministic: the
 * same options give a byte-identical model (seeded shuffles, sorted
 * features, rounded weights, no timestamps).
 */
export function trainTagger(options: TrainTaggerOptions): { model: TaggerModel; metadata: TaggerMetadata } {
  if (options.seed === HELD_OUT_SEED) {
    throw new Error(`seed ${HELD_OUT_SEED} is the held-out evaluation seed; train with another`);
  }
  const worlds = options.worlds ?? 6;
  const linesPerWorld = options.linesPerWorld ?? 4000;
  const epochs = options.epochs ?? 8;
  const L = TAG_LABELS.length;
  const lines = trainingLines(options.seed, worlds, linesPerWorld);
  const dataHash = createHash('sha256');
  const index = new Map<string, number>();
  const idOf = (f: string): number => {
    let id = index.get(f);
    if (id === undefined) {
      id = index.size;
      index.set(f, id);
    }
    return id;
  };
  const prevIds = TAG_LABELS.map((l) => idOf(`y1=${l}`));
  const examples: Example[] = [];
  let tokenCount = 0;
  for (const line of lines) {
    dataHash.update(line.text).update('\n').update(JSON.stringify(line.mentions)).update('\n');
    const tokens = tokenize(line.text);
    tokenCount += tokens.length;
    const fixed = tokens.map((t) => recognizeUnambiguous(t)?.type);
    const words = tokens.map((t, i) => contextWord(t.text, fixed[i]));
    const masks = Int32Array.from(tokens.map((t, i) => (fixed[i] ? 0 : candidateMask(t.text))));
    const feats = tokens.map((t, i) => {
      if (fixed[i] || masks[i] === 0) return undefined;
      const names = [
        ...intrinsicFeatures(t.text, undefined, masks[i]),
        roleFeatures(i >= 1 ? words[i - 1] : BOS)[0],
        roleFeatures(i >= 2 ? words[i - 2] : BOS)[1],
        roleFeatures(i + 1 < tokens.length ? words[i + 1] : EOS)[2],
        roleFeatures(i + 2 < tokens.length ? words[i + 2] : EOS)[3],
      ];
      return Int32Array.from(names.map(idOf));
    });
    examples.push({ feats, masks, gold: goldLabels(tokens, line.mentions) });
  }
  const nFeat = index.size;
  const w = new Float64Array(nFeat * L);
  const acc = new Float64Array(nFeat * L);
  let c = 1;
  const rng = new SeededRandom(deriveSeed(options.seed, 'shuffle'));
  const order = examples.map((_, i) => i);
  const scores = new Float64Array(L);
  const decode = (feats: Int32Array, mask: number, prev: number): number => {
    scores.fill(0);
    for (let k = 0; k < feats.length; k++) for (let l = 0; l < L; l++) scores[l] += w[feats[k] * L + l];
    for (let l = 0; l < L; l++) scores[l] += w[prevIds[prev] * L + l];
    let best = 0;
    for (let l = 1; l < L; l++) if ((mask & LABEL_MASK[l]) !== 0 && scores[l] > scores[best]) best = l; // eslint-disable-line no-bitwise -- grammar mask test
    return best;
  };
  const update = (f: number, label: number, delta: number): void => {
    w[f * L + label] += delta;
    acc[f * L + label] += c * delta;
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const e of order) {
      const ex = examples[e];
      let prev = 0;
      for (let t = 0; t < ex.feats.length; t++) {
        const feats = ex.feats[t];
        if (!feats) {
          prev = 0;
          continue;
        }
        const pred = decode(feats, ex.masks[t], prev);
        const gold = ex.gold[t];
        if (pred !== gold) {
          for (let k = 0; k < feats.length; k++) {
            update(feats[k], gold, 1);
            update(feats[k], pred, -1);
          }
          update(prevIds[prev], gold, 1);
          update(prevIds[prev], pred, -1);
        }
        c++;
        prev = pred;
      }
    }
  }
  // Average, prune, round, sort.
  const names = [...index.keys()];
  const rows: [string, ...number[]][] = [];
  for (let f = 0; f < nFeat; f++) {
    const row: number[] = [];
    let keep = false;
    for (let l = 0; l < L; l++) {
      const avg = w[f * L + l] - acc[f * L + l] / c;
      const rounded = Math.round(avg * 1000) / 1000;
      row.push(rounded === 0 ? 0 : rounded);
      if (Math.abs(rounded) >= 0.001) keep = true;
    }
    if (keep) rows.push([names[f], ...row]);
  }
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const model: TaggerModel = {
    format: 'aad-ner-perceptron/1',
    featureSet: FEATURE_SET,
    labels: [...TAG_LABELS],
    weights: rows,
  };
  // Training accuracy with the averaged weights.
  for (let f = 0; f < nFeat; f++) for (let l = 0; l < L; l++) w[f * L + l] = w[f * L + l] - acc[f * L + l] / c;
  let correct = 0;
  let total = 0;
  for (const ex of examples) {
    let prev = 0;
    for (let t = 0; t < ex.feats.length; t++) {
      const feats = ex.feats[t];
      if (!feats) {
        prev = 0;
        continue;
      }
      const pred = decode(feats, ex.masks[t], prev);
      total++;
      if (pred === ex.gold[t]) correct++;
      prev = pred;
    }
  }
  const metadata: Omit<TaggerMetadata, 'metrics' | 'modelSha256'> = {
    format: 'aad-ner-perceptron/1',
    seed: options.seed,
    heldOutSeed: HELD_OUT_SEED,
    dataSha256: dataHash.digest('hex'),
    featureSet: FEATURE_SET,
    featureTemplates: FEATURE_TEMPLATES,
    labels: [...TAG_LABELS],
    worlds,
    lines: lines.length,
    tokens: tokenCount,
    epochs,
    features: rows.length,
  };
  return {
    model,
    metadata: {
      ...metadata,
      metrics: {
        trainTokenAccuracy: round4(total === 0 ? 1 : correct / total),
        dev: { precision: 0, recall: 0, f1: 0, lines: 0 },
      },
      modelSha256: createHash('sha256').update(serializeModel(model)).digest('hex'),
    },
  };
}

/** The model as written to disk: one weight row per line, so diffs stay readable. */
export function serializeModel(model: TaggerModel): string {
  const rows = model.weights.map((r) => `    ${JSON.stringify(r)}`).join(',\n');
  return `{\n  "format": ${JSON.stringify(model.format)},\n  "featureSet": ${JSON.stringify(model.featureSet)},\n  "labels": ${JSON.stringify(model.labels)},\n  "weights": [\n${rows}\n  ]\n}\n`;
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
