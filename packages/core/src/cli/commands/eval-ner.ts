import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../errors';
import { NerScores, Prf } from '../../eval/metrics';
import {
  evaluatePanther,
  evaluateSynthetic,
  loadPantherCases,
  PANTHER_FIXTURE,
  sharedPantherPath,
} from '../../eval/ner-eval';
import { NerTagger } from '../../ner/tagger';
import { HELD_OUT_SEED } from '../../ner/train';
import { Command } from '../command';
import { CliIo, ExitCode, println } from '../io';
import { intOption } from './generate';

/** Quality floors of the issue (also gated in the test suite). */
export const NER_THRESHOLDS = { structuredF1: 0.99, textF1: 0.97, pantherRecall: 0.99 } as const;

function row(name: string, p: Prf): string {
  return `${name.padEnd(20)} ${p.precision.toFixed(4).padStart(9)} ${p.recall.toFixed(4).padStart(9)} ${p.f1.toFixed(4).padStart(9)} ${String(p.support).padStart(8)}`;
}

function table(io: CliIo, title: string, scores: NerScores, baseline?: NerScores): void {
  println(io.stdout, `\n${title}`);
  println(
    io.stdout,
    `${'type'.padEnd(20)} ${'precision'.padStart(9)} ${'recall'.padStart(9)} ${'f1'.padStart(9)} ${'support'.padStart(8)}${baseline ? '   regex-baseline f1' : ''}`,
  );
  for (const [type, p] of Object.entries(scores.perType)) {
    const b = baseline?.perType[type];
    println(io.stdout, `${row(type, p)}${baseline ? `   ${b ? b.f1.toFixed(4) : '-'}` : ''}`);
  }
  println(io.stdout, `${row('micro', scores.micro)}${baseline ? `   ${baseline.micro.f1.toFixed(4)}` : ''}`);
}

/** `aad eval ner`: extraction quality on the held-out synthetic split and on real Panther events. */
export const nerEvalSuite: Command = {
  name: 'ner',
  summary: 'Entity extraction: held-out synthetic split + Panther p_any_* and identity fields, vs a regex baseline',
  help: `Usage: aad eval ner [options]

Scores extraction (per type and micro precision, recall, F1) against
  1. a synthetic split generated in memory from a seed the tagger never saw
     (structured: CloudTrail events + VPC flow lines; free text), and
  2. real events from Panther rule tests: recall of the entities listed in
     p_any_* (where their value occurs in the event) and of the identity fields.
A plain-regex baseline is scored on the same data.

Options:
  --seed N          held-out seed (default ${HELD_OUT_SEED}; training refuses it)
  --events N        CloudTrail events (default 2000)
  --vpc-lines N     VPC flow lines (default 1000)
  --text-lines N    free-text lines (default 2000)
  --panther FILE    Panther cases JSONL (default: ../shared/datasets when present, else the committed fixture)
  --model FILE      tagger model (default: the bundled model)
  --json FILE       where to write the JSON result (default eval-results/ner.json)

Exit codes: 0 thresholds met (structured F1 ≥ ${NER_THRESHOLDS.structuredF1}, text F1 ≥ ${NER_THRESHOLDS.textF1}, Panther recall ≥ ${NER_THRESHOLDS.pantherRecall}), 1 not met, 2 usage error.`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        seed: { type: 'string' },
        events: { type: 'string' },
        'vpc-lines': { type: 'string' },
        'text-lines': { type: 'string' },
        panther: { type: 'string' },
        model: { type: 'string' },
        json: { type: 'string' },
      },
      strict: true,
    });
    const tagger = NerTagger.load(values.model ? resolve(io.cwd, values.model) : undefined);
    const synthetic = evaluateSynthetic(tagger, {
      seed: intOption('seed', values.seed, HELD_OUT_SEED),
      events: intOption('events', values.events, 2000),
      vpcLines: intOption('vpc-lines', values['vpc-lines'], 1000),
      textLines: intOption('text-lines', values['text-lines'], 2000),
    });
    const pantherPath = values.panther ? resolve(io.cwd, values.panther) : (sharedPantherPath() ?? PANTHER_FIXTURE);
    if (!existsSync(pantherPath)) throw new UsageError(`no such file: ${pantherPath}`);
    const panther = evaluatePanther(loadPantherCases(pantherPath), tagger);
    const untagged = evaluateSynthetic(undefined, {
      seed: synthetic.seed,
      events: 1,
      vpcLines: 0,
      textLines: intOption('text-lines', values['text-lines'], 2000),
    });
    table(
      io,
      `Structured (CloudTrail + VPC flow), held-out seed ${synthetic.seed}, ${synthetic.structured.records} records`,
      synthetic.structured.extractor,
      synthetic.structured.baseline,
    );
    table(
      io,
      `Free text, held-out seed ${synthetic.seed}, ${synthetic.text.records} lines`,
      synthetic.text.extractor,
      synthetic.text.baseline,
    );
    println(
      io.stdout,
      `\nFree text without the tagger (recognizers only): micro F1 ${untagged.text.extractor.micro.f1.toFixed(4)}; with the tagger ${synthetic.text.extractor.micro.f1.toFixed(4)}`,
    );
    println(
      io.stdout,
      `\nPanther (${panther.events} unique events from ${pantherPath.replace(/.*\/(shared|test)\//, '$1/')})`,
    );
    for (const [field, p] of Object.entries(panther.pAny.perField)) println(io.stdout, row(field, p));
    println(
      io.stdout,
      `${row('p_any (all)', panther.pAny.overall)}   regex-baseline recall ${panther.baselinePAny.recall.toFixed(4)}`,
    );
    println(io.stdout, `${row('identity fields', panther.identity.overall)}`);
    println(io.stdout, `listed values absent from their event (not scored): ${panther.pAny.absent.length}`);
    for (const m of panther.pAny.missed) println(io.stdout, `  missed: ${m}`);
    const passed =
      synthetic.structured.extractor.micro.f1 >= NER_THRESHOLDS.structuredF1 &&
      synthetic.text.extractor.micro.f1 >= NER_THRESHOLDS.textF1 &&
      panther.pAny.overall.recall >= NER_THRESHOLDS.pantherRecall;
    const result = {
      suite: 'ner',
      passed,
      thresholds: NER_THRESHOLDS,
      synthetic,
      textWithoutTagger: untagged.text.extractor,
      panther,
    };
    const jsonPath = resolve(io.cwd, values.json ?? 'eval-results/ner.json');
    mkdirSync(dirname(jsonPath), { recursive: true });
    writeFileSync(jsonPath, `${JSON.stringify(result, null, 2)}\n`);
    println(
      io.stdout,
      `\n${passed ? 'PASS' : 'FAIL'}: thresholds ${JSON.stringify(NER_THRESHOLDS)}; JSON in ${jsonPath}`,
    );
    return passed ? ExitCode.OK : ExitCode.FAILED;
  },
};
