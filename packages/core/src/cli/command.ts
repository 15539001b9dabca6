import { CliIo } from './io';

/** One `aad` sub-command. Each lives in its own file under `src/cli/commands/`. */
export interface Command {
  /** The word after `aad` (or two words, e.g. `eval ner`, handled by the command itself). */
  readonly name: string;
  /** One line for `aad --help`. */
  readonly summary: string;
  /** Full help text printed by `aad <name> --help`. */
  readonly help: string;
  /** Runs the command; resolves to its exit code. Throws `UsageError` for bad arguments. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
