#!/usr/bin/env node
import { BundleValidationError, BundlerError, UsageError } from '../errors';
import { buildCommand } from './build-command';
import { BundlerIo, Command, EXIT, EXIT_CODES_HELP } from './command';
import { driftCommand } from './drift-command';
import { publishCommand } from './publish-command';
import { validateCommand } from './validate-command';
import { PROTON_END_OF_SUPPORT } from '../manifest/bundle-manifest';

export { BundlerIo } from './command';

/** Printed by every command (on stderr, so stdout stays machine-readable). */
export const PROTON_NOTICE = `note: ${PROTON_END_OF_SUPPORT}`;

const COMMANDS: readonly Command[] = [buildCommand, validateCommand, publishCommand, driftCommand];

const USAGE = `Usage: proton-bundle <command> [options]

Turns the synthesized stacks of @aad/constructs into AWS Proton template bundles and
AWS Service Catalog templates, and never publishes anything itself.
${PROTON_END_OF_SUPPORT}

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}
  help CMD   Help on a command (also: proton-bundle CMD --help)

${EXIT_CODES_HELP}`;

/**
 * Entry point of `proton-bundle`; resolves to the exit code.
 *
 * @example await main(['build', '--cdk-out', 'cdk.out'], { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() })
 */
export async function main(argv: readonly string[], io: BundlerIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h') {
    io.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (name === 'help') {
    const command = COMMANDS.find((c) => c.name === rest[0]);
    if (rest.length > 0 && !command) {
      io.stderr.write(`proton-bundle: unknown command '${rest[0]}'\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    io.stdout.write(`${command ? command.help : USAGE}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`${name === undefined ? '' : `proton-bundle: unknown command '${name}'\n\n`}${USAGE}\n`);
    return EXIT.usage;
  }
  try {
    const code = await command.run(rest, io);
    if (!rest.includes('--help') && !rest.includes('-h')) io.stderr.write(`${PROTON_NOTICE}\n`);
    return code;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`proton-bundle ${command.name}: ${error.message}\n\n${command.help}\n`);
      return EXIT.usage;
    }
    if (error instanceof BundleValidationError) {
      io.stderr.write(`proton-bundle ${command.name}: ${error.message}\n`);
      return EXIT.failed;
    }
    if (error instanceof BundlerError) {
      io.stderr.write(`proton-bundle ${command.name}: ${error.message}\n`);
      return EXIT.failed;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `proton-bundle: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 70;
    },
  );
}
