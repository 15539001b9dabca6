#!/usr/bin/env node
import { COMMANDS } from './commands';
import { CliIo, ExitCode, println, processIo } from './io';
import { AadError, ConfigError, UsageError } from '../errors';

const USAGE = () => `Usage: aad <command> [options]

Access Anomaly Detector: finds suspicious access in AWS security logs.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`).join('\n')}

Run 'aad <command> --help' for a command's options.
Exit codes: 0 ok, 1 check failed, 2 usage error, 3 some records rejected.`;

/**
 * Entry point of the `aad` CLI, callable in-process: resolves to the exit code
 * instead of exiting, so tests assert on codes and output.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    println(name === undefined ? io.stderr : io.stdout, USAGE());
    return name === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    println(io.stderr, `aad: unknown command '${name}'\n\n${USAGE()}`);
    return ExitCode.USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    println(io.stdout, command.help);
    return ExitCode.OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    return reportError(error, command.name, command.help, io);
  }
}

function reportError(error: unknown, name: string, help: string, io: CliIo): number {
  if (error instanceof UsageError || isNodeArgError(error)) {
    println(io.stderr, `aad ${name}: ${(error as Error).message}\n\n${help}`);
    return ExitCode.USAGE;
  }
  if (error instanceof ConfigError) {
    println(io.stderr, `aad ${name}: invalid configuration:\n${error.message}`);
    return ExitCode.FAILED;
  }
  if (error instanceof AadError) {
    println(io.stderr, `aad ${name}: ${error.message}`);
    return ExitCode.FAILED;
  }
  throw error;
}

/** `util.parseArgs` reports bad options with these codes. */
function isNodeArgError(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code ?? '';
  return code.startsWith('ERR_PARSE_ARGS_');
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `aad: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 70;
    },
  );
}
