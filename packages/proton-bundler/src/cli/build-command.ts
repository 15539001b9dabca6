import { join, resolve } from 'node:path';
import { Command, EXIT, EXIT_CODES_HELP, displayPath, parseCommandArgs, stringOption } from './command';
import { buildBundles, readLockIfPresent, writeBuild } from '../bundle/build-bundles';
import { formatVersion } from '../manifest/bundle-manifest';

/** Defaults shared by the commands, relative to the package directory. */
export const DEFAULTS = {
  cdkOut: join('..', 'constructs', 'cdk.out'),
  out: join('dist', 'proton'),
  lock: 'manifest.lock.json',
} as const;

export const buildCommand: Command = {
  name: 'build',
  summary: 'Build the template bundles, the Service Catalog templates and manifest.json from cdk.out',
  help: `Usage: proton-bundle build [--cdk-out DIR] [--out DIR] [--lock FILE] [--env NAME]...

Reads every stack of the cloud assembly and writes, per environment (dev, prod):
  <out>/<env stack>.tar.gz            Proton environment template bundle (e.g. aad-dev-detector)
  <out>/<service stack>.tar.gz        Proton service template bundle (e.g. aad-dev-team-pipeline)
  <out>/<name>/...                    the same bundles unpacked, for review
  <out>/service-catalog/<name>.template.yaml   plain CloudFormation for AWS Service Catalog
  <out>/manifest.json                 names, kinds, versions, sha256, inputs, outputs, sources
Versions are computed against the lock file: unchanged keeps the version, a compatible
change is the next minor version, a breaking change the next major version.
Every bundle is validated; any finding fails the build. Bundles of a previous build in
the output directory (*.tar.gz, unpacked bundles, service-catalog/) are removed first.

Options:
  --cdk-out DIR   cloud assembly (default ${DEFAULTS.cdkOut})
  --out DIR       output directory (default ${DEFAULTS.out})
  --lock FILE     accepted contract (default ${DEFAULTS.lock}; absent means every version is 1.0)
  --env NAME      only this environment (repeatable; default every environment)
  -h, --help      this help

${EXIT_CODES_HELP}`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      'cdk-out': { type: 'string' },
      out: { type: 'string' },
      lock: { type: 'string' },
      env: { type: 'string', multiple: true },
    });
    if (values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.ok;
    }
    const started = process.hrtime.bigint();
    const cdkOutArg = stringOption(values, 'cdk-out', DEFAULTS.cdkOut);
    const cdkOut = resolve(io.cwd, cdkOutArg);
    const outDir = resolve(io.cwd, stringOption(values, 'out', DEFAULTS.out));
    const lock = readLockIfPresent(resolve(io.cwd, stringOption(values, 'lock', DEFAULTS.lock)));
    const result = await buildBundles({ cdkOut, lock, environments: values.env as string[] | undefined });
    writeBuild(result, outDir);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    for (const note of result.notes) io.stderr.write(`note: ${note}\n`);
    const rel = displayPath(io.cwd, outDir);
    for (const t of result.manifest.templates) {
      io.stdout.write(
        `${t.kind.padEnd(11)} ${t.name} ${formatVersion(t.version)}  ${t.inputs.length} input(s), ` +
          `${t.outputs.length} output(s), ${t.assets.length} asset(s)  ${rel}/${t.bundle.file} sha256 ${t.bundle.sha256.slice(0, 12)}\n`,
      );
    }
    io.stdout.write(
      `${result.manifest.templates.length} template(s) from ${cdkOutArg} in ${ms.toFixed(0)} ms; wrote ${rel}/manifest.json\n`,
    );
    return EXIT.ok;
  },
};
