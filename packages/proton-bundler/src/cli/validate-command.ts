import { resolve } from 'node:path';
import { formatIssue } from '../errors';
import { DEFAULTS } from './build-command';
import { Command, EXIT, EXIT_CODES_HELP, choiceOption, parseCommandArgs, stringOption } from './command';
import { loadBundles, validateBundleSet } from '../validate/bundle-loader';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Validate existing bundles (a dist directory, tarballs, or one unpacked bundle)',
  help: `Usage: proton-bundle validate [DIR] [--environment DIR] [--format text|json]

Checks every bundle in DIR (default ${DEFAULTS.out}): a directory with manifest.json
(tarballs checked against their sha256), a directory of *.tar.gz files or unpacked
bundles, or one unpacked bundle (a directory with schema/schema.yaml).
Each error names the bundle, the file and the key path:
  - every file parses as YAML
  - schema/schema.yaml: schema.format.openapi is 3.0.0, the input type key is present
    and names a type under schema.types; each input has a type, a description, and a
    default when optional
  - the infrastructure manifest lists a file in the bundle, rendering_engine jinja,
    template_language cloudformation
  - each {{ placeholder }} resolves to a schema input, an environment output or a
    Proton built-in; every required input is used
  - no reference to the CDK bootstrap stack; critical outputs exist;
    CloudFormation limits (1 MB template, 500 resources, 200 parameters/outputs)

Options:
  --environment DIR   environment bundles to resolve {{ environment.outputs.X }} against
                      when DIR holds only service bundles
  --format FORMAT     text (default) or json
  -h, --help          this help

${EXIT_CODES_HELP}`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { environment: { type: 'string' }, format: { type: 'string' } },
      true,
    );
    if (values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.ok;
    }
    const format = choiceOption(values, 'format', ['text', 'json'], 'text');
    if (positionals.length > 1) {
      io.stderr.write(`proton-bundle validate: expected at most one directory, received ${positionals.length}\n`);
      return EXIT.usage;
    }
    const dir = resolve(io.cwd, positionals[0] ?? DEFAULTS.out);
    const set = await loadBundles(dir);
    const envDir = stringOption(values, 'environment');
    const extra = envDir ? (await loadBundles(resolve(io.cwd, envDir))).bundles : [];
    const issues = validateBundleSet(set, extra);
    if (format === 'json') {
      io.stdout.write(
        `${JSON.stringify({ valid: issues.length === 0, bundles: set.bundles.map((b) => b.name), issues }, null, 2)}\n`,
      );
    } else {
      for (const issue of issues) io.stdout.write(`${formatIssue(issue)}\n`);
      io.stdout.write(
        issues.length === 0
          ? `${set.bundles.length} bundle(s) valid: ${set.bundles.map((b) => b.name).join(', ')}\n`
          : `${issues.length} error(s) in ${set.bundles.length} bundle(s)\n`,
      );
    }
    return issues.length === 0 ? EXIT.ok : EXIT.failed;
  },
};
