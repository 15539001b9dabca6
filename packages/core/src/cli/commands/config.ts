import { parseArgs } from 'node:util';
import { loadConfig, renderConfigReference } from '../../config';
import { Command } from '../command';
import { ExitCode, println } from '../io';

/** `aad config --env dev`: prints the resolved configuration (file + AAD_* overrides) as JSON. */
export const configCommand: Command = {
  name: 'config',
  summary: 'Validate and print the resolved configuration of an environment',
  help: `Usage: aad config --env <name> [--config-dir DIR]
       aad config --docs

Loads config/<name>.yml, applies AAD_* environment overrides, validates it and
prints the result as JSON. Exit codes: 0 valid, 1 invalid (every problem is
listed on stderr with file, key path and line), 2 usage error.
With --docs, prints the configuration reference (docs/config.md) instead.`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: { env: { type: 'string' }, 'config-dir': { type: 'string' }, docs: { type: 'boolean' } },
      strict: true,
    });
    if (values.docs) {
      io.stdout.write(renderConfigReference());
      return ExitCode.OK;
    }
    const config = loadConfig(values.env ?? 'dev', { configDir: values['config-dir'], environ: io.env });
    println(io.stdout, JSON.stringify(config, null, 2));
    return ExitCode.OK;
  },
};
