#!/usr/bin/env node
import { ExitCode, GuardCommand, GuardIo, println } from './io';
import { GuardrailError, UsageError } from '../errors';

/**
 * Commands load lazily: `aad-guard no-deploy` runs from sources in the
 * `guard` task before anything is compiled, so it must not pull in modules
 * that need the compiled workspace.
 */
const COMMANDS: Readonly<Record<string, { summary: string; load: () => Promise<GuardCommand> }>> = {
  'no-deploy': {
    summary: 'Fail on any deploy command not behind --apply and ALLOW_AWS_DEPLOY=1',
    load: async () => (await import('./commands/no-deploy')).noDeployCommand,
  },
  audit: {
    summary: 'Deploy-readiness audit of a synthesized CDK app (inventory, findings, summary)',
    load: async () => (await import('./commands/audit')).auditCommand,
  },
  cost: {
    summary: 'Offline monthly cost estimate of an environment against its budget',
    load: async () => (await import('./commands/cost')).costCommand,
  },
  deploy: {
    summary: 'Deploy plan and gate (dry-run unless --apply and ALLOW_AWS_DEPLOY=1)',
    load: async () => (await import('./commands/deploy')).deployCommand,
  },
  destroy: {
    summary: 'Teardown plan of dev: deleted vs retained (dry-run unless --apply)',
    load: async () => (await import('./commands/destroy')).destroyCommand,
  },
  model: {
    summary: 'Model package upload plan / current.txt rollback (dry-run unless --apply)',
    load: async () => (await import('./commands/model')).modelCommand,
  },
  secrets: {
    summary: 'Secret scan of the repository (secretlint + reasoned allowlist)',
    load: async () => (await import('./commands/secrets')).secretsCommand,
  },
  pii: {
    summary: 'Personal data in entity lists, training data, fixtures and model artifacts',
    load: async () => (await import('./commands/pii')).piiCommand,
  },
};

const USAGE = () => `Usage: aad-guard <command> [options]

Guardrails between a synthesized template and a real AWS account. Every
command is dry-run by default; nothing reaches AWS without --apply and
ALLOW_AWS_DEPLOY=1.

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`)
  .join('\n')}

Exit codes: 0 pass, 1 a gate or check failed, 2 usage error.`;

function processIo(): GuardIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Entry point of `aad-guard`, callable in-process; resolves to the exit code. */
export async function main(argv: readonly string[], io: GuardIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    println(name === undefined ? io.stderr : io.stdout, USAGE());
    return name === undefined ? ExitCode.USAGE : ExitCode.PASS;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    println(io.stderr, `aad-guard: unknown command '${name}'\n\n${USAGE()}`);
    return ExitCode.USAGE;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    println(io.stdout, command.help);
    return ExitCode.PASS;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (error instanceof UsageError || code.startsWith('ERR_PARSE_ARGS_')) {
      println(io.stderr, `aad-guard ${name}: ${(error as Error).message}\n\n${command.help}`);
      return ExitCode.USAGE;
    }
    // Bad input (config, template, allowlist, package inputs): a clear message, no stack trace.
    if (error instanceof GuardrailError || (error as Error).name === 'ConfigError') {
      println(io.stderr, `aad-guard ${name}: ${(error as Error).message}`);
      return ExitCode.USAGE;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `aad-guard: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 70;
    },
  );
}
