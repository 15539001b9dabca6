import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateSynthetic } from '../../eval/ner-eval';
import { NerTagger } from '../../ner/tagger';
import { DEFAULT_TRAIN_SEED, serializeModel, trainTagger } from '../../ner/train';
import { deriveSeed } from '../../synthetic/rng';
import { Command } from '../command';
import { ExitCode, println } from '../io';
import { intOption } from './generate';

/** `aad train-ner`: trains the tagger (projen task `ner:train`). */
export const trainNerCommand: Command = {
  name: 'train-ner',
  summary: 'Train the free-text tagger on the synthetic corpus (reproducible)',
  help: `Usage: aad train-ner [--seed N] [--out DIR] [--epochs N] [--worlds N] [--lines N]

Trains the averaged-perceptron tagger on synthetic free text and writes
DIR/ner-tagger.json (the model) and DIR/ner-tagger.meta.json (seed, data
hash, feature set, metrics). Same options, byte-identical files.

Options:
  --seed N     training seed (default ${DEFAULT_TRAIN_SEED}; the held-out seed is refused)
  --out DIR    output folder (default models)
  --epochs N   passes over the data (default 8)
  --worlds N   synthetic organisations (default 6)
  --lines N    lines per organisation (default 4000)`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        seed: { type: 'string' },
        out: { type: 'string' },
        epochs: { type: 'string' },
        worlds: { type: 'string' },
        lines: { type: 'string' },
      },
      strict: true,
    });
    const seed = intOption('seed', values.seed, DEFAULT_TRAIN_SEED);
    const { model, metadata } = trainTagger({
      seed,
      epochs: intOption('epochs', values.epochs, 8, 1),
      worlds: intOption('worlds', values.worlds, 6, 1),
      linesPerWorld: intOption('lines', values.lines, 4000, 1),
    });
    // Dev metrics on a split derived from the training seed (never the held-out one).
    const dev = evaluateSynthetic(new NerTagger(model), {
      seed: deriveSeed(seed, 'dev'),
      events: 1,
      vpcLines: 0,
      textLines: 2000,
    }).text.extractor.micro;
    const meta = {
      ...metadata,
      metrics: { ...metadata.metrics, dev: { precision: dev.precision, recall: dev.recall, f1: dev.f1, lines: 2000 } },
    };
    const out = resolve(io.cwd, values.out ?? 'models');
    mkdirSync(out, { recursive: true });
    const text = serializeModel(model);
    writeFileSync(join(out, 'ner-tagger.json'), text);
    writeFileSync(join(out, 'ner-tagger.meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
    println(
      io.stderr,
      `trained on ${meta.lines} lines (${meta.tokens} tokens), ${meta.features} features, ${(text.length / 1024).toFixed(0)} KiB; dev F1 ${dev.f1}; sha256 ${meta.modelSha256.slice(0, 16)}…`,
    );
    return ExitCode.OK;
  },
};
