import { typescript } from 'projen';
import { AadPackage } from '../aad-package';
import { VERSIONS, pinned } from '../versions';

/** What core must never import: it is pure TypeScript, runnable anywhere. */
export const CORE_FORBIDDEN_PREFIXES = [
  '@aws-sdk/',
  'aws-sdk',
  'aws-cdk',
  'aws-cdk-lib',
  '@aws-cdk/',
  'cdk-nag',
  '@cdklabs/',
  '@aws-lambda-powertools/',
  '@smithy/',
];

/** `@aad/core`: parsing, entity extraction, scoring, synthetic data, config, the `aad` CLI. */
export class CorePackage extends AadPackage {
  constructor(parent: typescript.TypeScriptProject) {
    super(parent, {
      dir: 'core',
      description:
        'Log parsing, entity extraction, anomaly scoring, synthetic data, config and the aad CLI (no AWS SDK)',
      deps: [pinned('yaml', VERSIONS.yaml), 'ipaddr.js@2.5.0'],
      devDeps: [pinned('fast-check', VERSIONS.fastCheck), 'ajv@8.20.0'],
      coverage: 80,
      forbiddenDependencyPrefixes: CORE_FORBIDDEN_PREFIXES,
      bin: { aad: 'lib/cli/main.js' },
    });
    // The demo sample, config schema and model artifact ship with the package.
    this.addTask('aad', {
      description: 'Run the aad CLI from the compiled sources (pass arguments after --)',
      exec: 'node lib/cli/main.js',
      receiveArgs: true,
    });
    // Entity extraction (issue 3): training, evaluation and benchmarks. `eval` and `bench` run
    // every registered core suite (src/cli/commands/eval-suites.ts, src/bench/index.ts).
    this.addTask('ner:train', {
      description: 'Train the free-text NER tagger into models/ (same seed, byte-identical model)',
      exec: 'node lib/cli/main.js train-ner --seed 1001 --out models',
    });
    this.addTask('eval', { description: 'Evaluate every core suite (aad eval)', exec: 'node lib/cli/main.js eval' });
    this.addTask('bench', {
      description: 'Run every core benchmark suite (writes bench-results/*.json)',
      exec: 'node lib/bench/main.js',
    });
    // The 1 GB streaming peak-RSS run takes about a minute: its own task (also: node lib/bench/main.js extraction --stream).
    this.addTask('bench:stream', {
      description:
        'Extraction benchmark including the 1 GB streaming peak-RSS run (writes bench-results/extraction.json)',
      exec: 'node lib/bench/main.js extraction --stream',
    });
    this.gitignore.exclude('/eval-results/');
    // Golden and dataset fixtures include log files (projen ignores *.log by default).
    this.gitignore.include('/test/_fixtures/**/*.log');
    this.addTask('demo', {
      description: 'Run the detector demo: a simulated day with attacks, top findings with their reasons',
      exec: 'node lib/cli/main.js demo',
    });
  }
}
