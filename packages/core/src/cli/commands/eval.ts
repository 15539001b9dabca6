import { Command } from '../command';
import { ExitCode, println } from '../io';
import { EVAL_SUITES } from './eval-suites';

/** `aad eval [suite] …`: dispatches to the registered evaluation suites. */
export const evalCommand: Command = {
  name: 'eval',
  summary: 'Evaluate quality: entity extraction (ner) and the other registered suites',
  get help(): string {
    return `Usage: aad eval [SUITE] [options]

Runs one evaluation suite, or every suite when SUITE is omitted (each with its
defaults). Each prints a table and writes its JSON result.

Suites:
${EVAL_SUITES.map((s) => `  ${s.name.padEnd(10)} ${s.summary}`).join('\n')}

Run 'aad eval SUITE --help' for a suite's options.
Exit codes: 0 every suite passed its thresholds, 1 a suite failed them, 2 usage error.

${EVAL_SUITES.map((s) => s.help).join('\n\n')}`;
  },
  async run(args, io) {
    const [first, ...rest] = args;
    const suite = first !== undefined && !first.startsWith('-') ? EVAL_SUITES.find((s) => s.name === first) : undefined;
    if (first !== undefined && !first.startsWith('-') && !suite) {
      println(io.stderr, `aad eval: unknown suite '${first}' (known: ${EVAL_SUITES.map((s) => s.name).join(', ')})`);
      return ExitCode.USAGE;
    }
    if (suite) {
      if (rest.includes('--help') || rest.includes('-h')) {
        println(io.stdout, suite.help);
        return ExitCode.OK;
      }
      return suite.run(rest, io);
    }
    let worst: number = ExitCode.OK;
    for (const s of EVAL_SUITES) {
      println(io.stdout, `== eval ${s.name} ==`);
      const code = await s.run(args, io);
      worst = Math.max(worst, code);
    }
    return worst;
  },
};
