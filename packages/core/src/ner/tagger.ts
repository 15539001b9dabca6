import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BOS,
  candidateMask,
  contextWord,
  EOS,
  FEATURE_SET,
  intrinsicFeatures,
  LABEL_MASK,
  roleFeatures,
  TAG_LABELS,
} from './features';
import { Token, tokenizeInto, TokenSpans } from './tokenizer';
import { EntityType } from '../entities/entity-types';
import { Recognition } from '../entities/recognition';
import { recognizeUnambiguousUncached } from '../entities/recognize';
import { AadError } from '../errors';

/** The serialized tagger (`models/ner-tagger.json`). */
export interface TaggerModel {
  readonly format: 'aad-ner-perceptron/1';
  readonly featureSet: string;
  readonly labels: readonly string[];
  /** `[feature, weight per label…]`, sorted by feature name. */
  readonly weights: readonly (readonly [string, ...number[]])[];
}

/** A token with what the recognizers and the tagger decided. */
export interface TaggedToken extends Token {
  /** Type fixed by a recognizer (ARN, IP, key id, EC2 id, alias, S3 URL bucket). */
  readonly recognition?: Recognition;
  /** Label the tagger chose (`O` or a context type) for tokens no recognizer fixed. */
  readonly label: string;
}

/**
 * The tokens of one line as {@link NerTagger.tagSpans} leaves them: offsets
 * in `spans`, per token the recognizer's answer (`recognition[k]`) or the
 * tagger's label index into {@link TAG_LABELS} (`label[k]`, 0 for `O`).
 * Reused: valid until the next call on the same tagger.
 */
export interface TaggedSpans {
  readonly spans: TokenSpans;
  readonly recognition: readonly (Recognition | undefined)[];
  readonly label: Int32Array;
}

interface TokenInfo {
  readonly fixed: Recognition | undefined;
  readonly mask: number;
  /**
   * Per label, the summed weights of the token's own features (added in
   * feature order, as decoding did them one by one: the same doubles).
   */
  readonly prior: readonly number[];
  /** Feature ids of this token as p1, p2, n1, n2 of its neighbours (-1 = unknown); shared per context word. */
  readonly roles: Int32Array;
}

/** Default location of the trained model. */
export const DEFAULT_MODEL_PATH = join(__dirname, '..', '..', 'models', 'ner-tagger.json');

/** Distinct tokens remembered (the cache is emptied when full). */
const CACHE_LIMIT = 200_000;

/**
 * Greedy left-to-right averaged-perceptron tagger over token shape and
 * context features. Recognizers fix unambiguous tokens first; the model
 * labels the rest as `O` or a context type, restricted to the types the
 * token's grammar allows (a 12-digit number can only be an account id).
 *
 * Per token it costs a cache lookup and, for tokens the grammar leaves
 * open, a dozen weight rows: features are computed once per distinct token.
 * Lines are tokenized into offsets ({@link TokenSpans}); strings and objects
 * are built only for what the caller asks ({@link NerTagger.tagSpans} builds
 * none).
 */
export class NerTagger {
  /** Loads a model file (default: the committed `models/ner-tagger.json`). */
  static load(path: string = DEFAULT_MODEL_PATH): NerTagger {
    let model: TaggerModel;
    try {
      model = JSON.parse(readFileSync(path, 'utf8')) as TaggerModel;
    } catch (error) {
      throw new AadError(`cannot load tagger model ${path}: ${(error as Error).message}`);
    }
    return new NerTagger(model);
  }

  private readonly featureIds = new Map<string, number>();
  private readonly w: Float32Array;
  private readonly nLabels: number;
  private readonly prevLabelIds: Int32Array;
  private readonly boundaryRoles: { bos: Int32Array; eos: Int32Array };
  private readonly scores: Float64Array;
  private readonly ctx = new Int32Array(5);
  /** Per distinct token (S3-URL buckets prefixed with NUL): its features and what the recognizers said. */
  private readonly cache = new Map<string, TokenInfo>();
  /** Role feature ids per context word. */
  private readonly roleCache = new Map<string, Int32Array>();
  /** Reused per line. */
  private readonly spans = new TokenSpans();
  private infos: TokenInfo[] = [];
  private readonly result: { spans: TokenSpans; recognition: (Recognition | undefined)[]; label: Int32Array };

  constructor(readonly model: TaggerModel) {
    if (model.format !== 'aad-ner-perceptron/1' || model.featureSet !== FEATURE_SET) {
      throw new AadError(`unsupported tagger model ${model.format}/${model.featureSet}; retrain with 'ner:train'`);
    }
    if (model.labels.join() !== TAG_LABELS.join()) {
      throw new AadError(`tagger model labels ${model.labels.join()} do not match ${TAG_LABELS.join()}`);
    }
    this.nLabels = model.labels.length;
    this.scores = new Float64Array(this.nLabels);
    this.w = new Float32Array(model.weights.length * this.nLabels);
    model.weights.forEach((row, i) => {
      this.featureIds.set(row[0], i);
      for (let l = 0; l < this.nLabels; l++) this.w[i * this.nLabels + l] = Number(row[l + 1] ?? 0);
    });
    this.prevLabelIds = Int32Array.from(TAG_LABELS.map((l) => this.id(`y1=${l}`)));
    this.boundaryRoles = { bos: this.rolesOf(BOS), eos: this.rolesOf(EOS) };
    this.result = { spans: this.spans, recognition: [], label: new Int32Array(64) };
  }

  private id(feature: string): number {
    return this.featureIds.get(feature) ?? -1;
  }

  private rolesOf(word: string): Int32Array {
    let roles = this.roleCache.get(word);
    if (roles === undefined) {
      roles = Int32Array.from(roleFeatures(word).map((f) => this.id(f)));
      if (this.roleCache.size >= CACHE_LIMIT) this.roleCache.clear();
      this.roleCache.set(word, roles);
    }
    return roles;
  }

  /** What the tagger knows of the token `text.slice(start, end)` (cached per distinct token). */
  private info(text: string, start: number, end: number, s3Url: number): TokenInfo {
    const token = text.slice(start, end);
    const key = s3Url === 1 ? `\u0000${token}` : token;
    let info = this.cache.get(key);
    if (info === undefined) {
      info = this.compute(token, s3Url === 1);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(key, info);
    }
    return info;
  }

  private compute(token: string, s3Url: boolean): TokenInfo {
    const fixed = recognizeUnambiguousUncached(token, s3Url);
    const type: EntityType | undefined = fixed?.type;
    const mask = fixed ? 0 : candidateMask(token);
    const roles = this.rolesOf(contextWord(token, type));
    if (fixed || mask === 0) return { fixed, mask, prior: NO_PRIOR, roles };
    const L = this.nLabels;
    const prior: number[] = new Array<number>(L).fill(0);
    for (const feature of intrinsicFeatures(token, type, mask)) {
      const id = this.featureIds.get(feature);
      if (id === undefined) continue;
      for (let l = 0; l < L; l++) prior[l] += this.w[id * L + l];
    }
    return { fixed, mask, prior, roles };
  }

  /** Tokenizes and tags a line. */
  tagLine(text: string): TaggedToken[] {
    const { spans, recognition, label } = this.tagSpans(text);
    const out: TaggedToken[] = new Array(spans.count);
    for (let k = 0; k < spans.count; k++) {
      const start = spans.start[k];
      const end = spans.end[k];
      out[k] = {
        text: text.slice(start, end),
        start,
        end,
        s3Url: spans.s3Url[k] === 1 ? true : undefined,
        recognition: recognition[k],
        label: TAG_LABELS[label[k]],
      };
    }
    return out;
  }

  /** Tags tokens of one line. */
  tag(tokens: readonly Token[]): TaggedToken[] {
    const n = tokens.length;
    const infos = this.infosFor(n);
    for (let i = 0; i < n; i++) {
      const t = tokens[i];
      infos[i] = this.info(t.text, 0, t.text.length, t.s3Url ? 1 : 0);
    }
    const label = this.labelBuffer(n);
    this.decode(n, infos, label);
    const out: TaggedToken[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const t = tokens[i];
      out[i] = {
        text: t.text,
        start: t.start,
        end: t.end,
        s3Url: t.s3Url,
        recognition: infos[i].fixed,
        label: TAG_LABELS[label[i]],
      };
    }
    return out;
  }

  /**
   * Tokenizes and tags a line without building a token object or string:
   * the fast path of extraction. The result is reused by the next call.
   */
  tagSpans(text: string): TaggedSpans {
    const spans = tokenizeInto(text, this.spans);
    const n = spans.count;
    const infos = this.infosFor(n);
    for (let i = 0; i < n; i++) infos[i] = this.info(text, spans.start[i], spans.end[i], spans.s3Url[i]);
    const label = this.labelBuffer(n);
    this.decode(n, infos, label);
    const recognition = this.result.recognition;
    recognition.length = n;
    for (let i = 0; i < n; i++) recognition[i] = infos[i].fixed;
    return this.result;
  }

  private infosFor(n: number): TokenInfo[] {
    if (this.infos.length < n) this.infos = new Array<TokenInfo>(n);
    return this.infos;
  }

  private labelBuffer(n: number): Int32Array {
    if (this.result.label.length < n) this.result.label = new Int32Array(Math.max(n, this.result.label.length * 2));
    return this.result.label;
  }

  /** Greedy left-to-right decoding of `n` tokens into `label` (0 = `O`, also for fixed tokens). */
  private decode(n: number, infos: readonly TokenInfo[], label: Int32Array): void {
    const scores = this.scores;
    const L = this.nLabels;
    const w = this.w;
    const ctx = this.ctx;
    let prev = 0;
    for (let i = 0; i < n; i++) {
      const info = infos[i];
      if (info.fixed || info.mask === 0) {
        label[i] = 0;
        prev = 0;
        continue;
      }
      const prior = info.prior;
      for (let l = 0; l < L; l++) scores[l] = prior[l];
      ctx[0] = i >= 1 ? infos[i - 1].roles[0] : this.boundaryRoles.bos[0];
      ctx[1] = i >= 2 ? infos[i - 2].roles[1] : this.boundaryRoles.bos[1];
      ctx[2] = i + 1 < n ? infos[i + 1].roles[2] : this.boundaryRoles.eos[2];
      ctx[3] = i + 2 < n ? infos[i + 2].roles[3] : this.boundaryRoles.eos[3];
      ctx[4] = this.prevLabelIds[prev];
      for (let k = 0; k < 5; k++) {
        const f = ctx[k];
        if (f < 0) continue;
        const base = f * L;
        for (let l = 0; l < L; l++) scores[l] += w[base + l];
      }
      let best = 0;
      let bestScore = scores[0];
      for (let l = 1; l < L; l++) {
        if ((info.mask & LABEL_MASK[l]) === 0) continue; // eslint-disable-line no-bitwise -- grammar mask test
        if (scores[l] > bestScore) {
          best = l;
          bestScore = scores[l];
        }
      }
      prev = best;
      label[i] = best;
    }
  }
}

const NO_PRIOR: readonly number[] = [];
