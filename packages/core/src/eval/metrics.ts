/** Counts of one entity type. */
export interface TypeCounts {
  tp: number;
  fp: number;
  fn: number;
}

/** Precision, recall and F1 of one type or of all (micro). */
export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

/** Per-type and micro-averaged scores. */
export interface NerScores {
  readonly micro: Prf;
  readonly perType: Readonly<Record<string, Prf>>;
}

/** P/R/F1 from counts (1 when there is nothing to find and nothing was found). */
export function prf(c: TypeCounts): Prf {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    precision: r4(precision),
    recall: r4(recall),
    f1: r4(f1),
    support: c.tp + c.fn,
    tp: c.tp,
    fp: c.fp,
    fn: c.fn,
  };
}

function r4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Accumulates matches of predicted against gold keys, per type. */
export class ScoreBoard {
  private readonly counts = new Map<string, TypeCounts>();
  /** A few misses and false alarms per type, for error analysis. */
  readonly examples: { kind: 'fp' | 'fn'; type: string; key: string }[] = [];

  private of(type: string): TypeCounts {
    let c = this.counts.get(type);
    if (!c) {
      c = { tp: 0, fp: 0, fn: 0 };
      this.counts.set(type, c);
    }
    return c;
  }

  /** Compares one record's gold and predicted keys (`type` is the part before the first `|`). */
  add(gold: readonly string[], predicted: readonly string[]): void {
    const g = new Map<string, number>();
    for (const k of gold) g.set(k, (g.get(k) ?? 0) + 1);
    for (const k of predicted) {
      const type = k.slice(0, k.indexOf('|'));
      const left = g.get(k) ?? 0;
      if (left > 0) {
        this.of(type).tp++;
        g.set(k, left - 1);
      } else {
        this.of(type).fp++;
        if (this.examples.length < 200) this.examples.push({ kind: 'fp', type, key: k });
      }
    }
    for (const [k, left] of g) {
      if (left === 0) continue;
      const type = k.slice(0, k.indexOf('|'));
      this.of(type).fn += left;
      if (this.examples.length < 200) this.examples.push({ kind: 'fn', type, key: k });
    }
  }

  scores(): NerScores {
    const total: TypeCounts = { tp: 0, fp: 0, fn: 0 };
    const perType: Record<string, Prf> = {};
    for (const type of [...this.counts.keys()].sort()) {
      const c = this.of(type);
      total.tp += c.tp;
      total.fp += c.fp;
      total.fn += c.fn;
      perType[type] = prf(c);
    }
    return { micro: prf(total), perType };
  }
}
