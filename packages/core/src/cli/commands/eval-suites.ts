import { detectEvalSuite } from './eval-detect';
import { nerEvalSuite } from './eval-ner';
import { Command } from '../command';

/**
 * Evaluation suites of `aad eval <suite>`; `aad eval` with no suite runs them
 * all. Add one line per suite (e.g. the detection suite: `detectEvalSuite`).
 */
export const EVAL_SUITES: readonly Command[] = [nerEvalSuite, detectEvalSuite];
