import { Writable } from 'node:stream';

/** Everything a command touches outside itself, so tests run it in-process. */
export interface GuardIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /**
   * Runs an external command (the `cdk deploy`/`cdk destroy` of the apply
   * path) and resolves to its exit code. Tests pass a stub: it is never run
   * for real in tests.
   * @default - spawns the command with inherited stdio
   */
  readonly runCommand?: (argv: readonly string[]) => Promise<number>;
  /**
   * The clock (model package timestamps).
   * @default () => new Date()
   */
  readonly now?: () => Date;
}

/** Exit codes of every `aad-guard` command. */
export const ExitCode = {
  /** Every check passed. */
  PASS: 0,
  /** A gate or check failed. */
  FAILED: 1,
  /** Wrong usage. */
  USAGE: 2,
} as const;

export function println(stream: Writable, text = ''): void {
  stream.write(`${text}\n`);
}

/** One `aad-guard` sub-command. */
export interface GuardCommand {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  run(args: readonly string[], io: GuardIo): Promise<number>;
}
