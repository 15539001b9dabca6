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
import { Token, tokenize } from './tokenizer';
import { EntityType } from '../entities/entity-types';
import { Recognition } from '../entities/recognition';
import { recognizeUnambiguous } from '../entities/recognize';
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

interface TokenInfo {
  readonly fixed?: Recognition;
  readonly mask: number;
  readonly intrinsic: Int32Array;
  /** Feature ids of this token as p1, p2, n1, n2 of its neighbours (-1 = unknown). */
  readonly roles: Int32Array;
}

/** Default location of the trained model. */
export const DEFAULT_MODEL_PATH = join(__dirname, '..', '..', 'models', 'ner-tagger.json');

const CACHE_LIMIT = 200_000;

/**
 * Greedy left-to-right averaged-perceptron tagger over token shape and
 * context features. Recognizers fix unambiguous tokens first; the model
 * labels the rest as `O` or a context type, restricted to the types the
 * token's grammar allows (a 12-digit number can only be an account id).
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
  private readonly cache = new Map<string, TokenInfo>();
  private readonly prevLabelIds: Int32Array;
  private readonly boundaryRoles: { bos: Int32Array; eos: Int32Array };
  private readonly scores: Float64Array;
  private readonly ctx = new Int32Array(5);

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
  }

  private id(feature: string): number {
    return this.featureIds.get(feature) ?? -1;
  }

  private rolesOf(word: string): Int32Array {
    return Int32Array.from(roleFeatures(word).map((f) => this.id(f)));
  }

  private info(token: Token): TokenInfo {
    const key = token.s3Url ? `\u0000${token.text}` : token.text;
    let info = this.cache.get(key);
    if (info) return info;
    const fixed = recognizeUnambiguous(token);
    const type: EntityType | undefined = fixed?.type;
    const mask = fixed ? 0 : candidateMask(token.text);
    const intrinsic = Int32Array.from(
      intrinsicFeatures(token.text, type, mask)
        .map((f) => this.id(f))
        .filter((i) => i >= 0),
    );
    info = { fixed, mask, intrinsic, roles: this.rolesOf(contextWord(token.text, type)) };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, info);
    return info;
  }

  /** Tokenizes and tags a line. */
  tagLine(text: string): TaggedToken[] {
    return this.tag(tokenize(text));
  }

  /** Tags tokens of one line. */
  tag(tokens: readonly Token[]): TaggedToken[] {
    const n = tokens.length;
    const infos: TokenInfo[] = new Array(n);
    for (let i = 0; i < n; i++) infos[i] = this.info(tokens[i]);
    const out: TaggedToken[] = new Array(n);
    const scores = this.scores;
    const L = this.nLabels;
    const w = this.w;
    const ctx = this.ctx;
    let prev = 0;
    for (let i = 0; i < n; i++) {
      const info = infos[i];
      const token = tokens[i];
      if (info.fixed || info.mask === 0) {
        out[i] = {
          text: token.text,
          start: token.start,
          end: token.end,
          s3Url: token.s3Url,
          recognition: info.fixed,
          label: 'O',
        };
        prev = 0;
        continue;
      }
      scores.fill(0);
      const intrinsic = info.intrinsic;
      for (let k = 0; k < intrinsic.length; k++) {
        const base = intrinsic[k] * L;
        for (let l = 0; l < L; l++) scores[l] += w[base + l];
      }
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
      out[i] = {
        text: token.text,
        start: token.start,
        end: token.end,
        s3Url: token.s3Url,
        recognition: undefined,
        label: TAG_LABELS[best],
      };
    }
    return out;
  }
}
