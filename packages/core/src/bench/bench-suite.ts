/** One benchmark suite of `bench` (prints its rows, returns its JSON result). */
export interface BenchSuite {
  readonly name: string;
  readonly summary: string;
  run(options: BenchOptions): Promise<BenchResult>;
}

/** Options every suite receives. */
export interface BenchOptions {
  /** Small sizes (tests and smoke runs); the targets are only meaningful without it. */
  readonly quick: boolean;
  /** Scratch folder for generated inputs (deleted afterwards). */
  readonly tmpDir: string;
  /** Prints one line of the table. */
  readonly log: (line: string) => void;
  /**
   * Flags given on the command line (e.g. `--stream`), for suites with optional, slower parts.
   * @default - none
   */
  readonly args?: readonly string[];
}

/** A suite's measurements: named metrics with the target they are checked against. */
export interface BenchResult {
  readonly suite: string;
  readonly metrics: readonly BenchMetric[];
}

export interface BenchMetric {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** `>= x` or `<= x`; absent for informational rows. */
  readonly target?: string;
  readonly met?: boolean;
}

/** A metric with a floor or ceiling. */
export function metric(
  name: string,
  value: number,
  unit: string,
  target?: { readonly min?: number; readonly max?: number },
): BenchMetric {
  if (!target) return { name, value, unit };
  const met = (target.min === undefined || value >= target.min) && (target.max === undefined || value <= target.max);
  return { name, value, unit, target: target.min !== undefined ? `>= ${target.min}` : `<= ${target.max}`, met };
}

/**
 * A JavaScript expression, for the script of a child process, that is the
 * child's own peak RSS in KiB. On Linux it reads `VmHWM` of
 * `/proc/self/status` (the peak of the program's own memory):
 * `process.resourceUsage().maxRSS` is not usable there, because the kernel
 * carries the parent's peak across fork and exec, so a child of a bench
 * holding a large corpus reports the parent's RSS. Elsewhere, `maxRSS`.
 */
export const CHILD_PEAK_RSS_KIB_EXPRESSION =
  "(() => { try { const m = /VmHWM:\\s+(\\d+) kB/.exec(require('fs').readFileSync('/proc/self/status', 'utf8')); " +
  'if (m) return Number(m[1]); } catch {} return process.resourceUsage().maxRSS; })()';
