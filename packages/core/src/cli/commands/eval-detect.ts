import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { numberOption } from './detect';
import { intOption } from './generate';
import { UsageError } from '../../errors';
import {
  DATASETS_DIR,
  DETECT_HELD_OUT_SEED,
  DETECTION_TARGETS,
  renderDetectionReport,
  runDetectionEvaluation,
} from '../../eval/detect-eval';
import { Command } from '../command';
import { ExitCode, println } from '../io';

/** `aad eval detect`: detection quality on a held-out synthetic set and Panther cases, plus catalogue coverage. */
export const detectEvalSuite: Command = {
  name: 'detect',
  summary:
    'Anomaly detection: held-out synthetic attacks, Panther rule cases, catalogue coverage of Sigma/TrailDiscover',
  help: `Usage: aad eval detect [options]

Measures the detector at the emission threshold:
  1. a synthetic corpus generated in memory from a seed never used in
     development: benign habits of a simulated organisation plus every attack
     scenario (two instances each), scored online from an empty baseline —
     precision, recall, F1, precision@k and a per-scenario table;
  2. Panther rule test cases, each event scored alone with an empty baseline:
     recall of the events some rule expects to fire (context-free labels, and
     separately those depending on thresholds, mocks or enrichment), and the
     false-positive rate on events no rule fires on, at several thresholds;
  3. coverage of the Sigma and TrailDiscover catalogues by the detection catalogue.

Options:
  --seed N          synthetic seed (default ${DETECT_HELD_OUT_SEED}, the held-out seed)
  --events N        benign CloudTrail events of the synthetic set (default 30000)
  --min-score N     emission threshold (default 40)
  --datasets DIR    folder with the Panther, Sigma and TrailDiscover files
                    (default: the package's datasets/)
  --json FILE       where to write the JSON result (default eval-results/detect.json)

Exit codes: 0 targets met (synthetic recall >= ${DETECTION_TARGETS.syntheticRecall} at precision >= ${DETECTION_TARGETS.syntheticPrecision},
Panther context-free recall >= ${DETECTION_TARGETS.pantherContextFreeRecall}), 1 not met, 2 usage error.`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        seed: { type: 'string' },
        events: { type: 'string' },
        'min-score': { type: 'string' },
        datasets: { type: 'string' },
        json: { type: 'string' },
      },
      strict: true,
    });
    const datasetsDir = values.datasets ? resolve(io.cwd, values.datasets) : DATASETS_DIR;
    if (!existsSync(resolve(datasetsDir, 'panther-rule-cases.jsonl'))) {
      throw new UsageError(`no panther-rule-cases.jsonl in ${datasetsDir}`);
    }
    const report = runDetectionEvaluation({
      seed: intOption('seed', values.seed, DETECT_HELD_OUT_SEED),
      events: intOption('events', values.events, 30_000, 100),
      threshold: numberOption('min-score', values['min-score'], 40, 0, 100),
      datasetsDir,
    });
    println(io.stdout, renderDetectionReport(report));
    const jsonPath = resolve(io.cwd, values.json ?? 'eval-results/detect.json');
    mkdirSync(dirname(jsonPath), { recursive: true });
    writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    println(io.stdout, `JSON result: ${jsonPath}`);
    return report.failures.length === 0 ? ExitCode.OK : ExitCode.FAILED;
  },
};
