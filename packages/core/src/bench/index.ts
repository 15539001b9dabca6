import { BenchSuite } from './bench-suite';
import { detectionBench } from './detection.bench';
import { extractionBench } from './extraction.bench';

export * from './bench-suite';

/** Every benchmark suite of core; `bench` runs them all. Add one line per suite (e.g. detection). */
export const BENCH_SUITES: readonly BenchSuite[] = [extractionBench, detectionBench];
