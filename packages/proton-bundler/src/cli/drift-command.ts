import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderManifest } from '../bundle/build-bundles';
import { DriftReport, checkDrift, renderDriftJson, renderDriftMarkdown, renderDriftText } from '../drift/drift-check';
import { ManifestError } from '../errors';
import { DEFAULTS } from './build-command';
import { Command, EXIT, choiceOption, displayPath, parseCommandArgs, stringOption } from './command';
import { BundleManifest, MANIFEST_FORMAT, readManifest } from '../manifest/bundle-manifest';

const EMPTY_LOCK: BundleManifest = {
  format: MANIFEST_FORMAT,
  generator: '@aad/proton-bundler',
  notice: '',
  assetKeyPrefix: '',
  templates: [],
};

export const driftCommand: Command = {
  name: 'drift',
  summary: 'Compare the built manifest with the committed lock file; exit 1 on drift',
  help: `Usage: proton-bundle drift [--manifest FILE] [--lock FILE] [--format text|markdown|json]
                           [--report FILE] [--update]

Compares the manifest of the last build (run proton-bundle build first) with the
committed lock file, template by template: the contract sha256 (bundle files and
Service Catalog template with asset hashes normalized), inputs against the schema
(added, removed, type, required, default), environment outputs read, outputs
(critical ones flagged), compatibility and versions. Removing an input or output,
adding a required input or changing a type is breaking (next major version);
anything else is compatible (next minor version).

Lambda code is not the contract: a build whose only difference is new asset
content hashes (asset key defaults, bundle, template and source sha256) is not
drift; those changes are printed as "Code assets changed: not a contract change".

To accept a new contract after a constructs change:
  npx projen drift:update          (in packages/proton-bundler: build, then drift --update)
and commit manifest.lock.json with the change.

Options:
  --manifest FILE   built manifest (default ${DEFAULTS.out}/manifest.json)
  --lock FILE       committed lock file (default ${DEFAULTS.lock})
  --format F        text (default), markdown or json
  --report FILE     also write the Markdown report to FILE (used by the nightly workflow)
  --update          accept: write the built manifest to the lock file, exit 0
  -h, --help        this help

Exit codes: 0 no drift (or lock updated), 1 drift or missing manifest/lock, 2 usage error.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      manifest: { type: 'string' },
      lock: { type: 'string' },
      format: { type: 'string' },
      report: { type: 'string' },
      update: { type: 'boolean' },
    });
    if (values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.ok;
    }
    const format = choiceOption(values, 'format', ['text', 'markdown', 'json'], 'text');
    const manifestFile = resolve(io.cwd, stringOption(values, 'manifest', `${DEFAULTS.out}/manifest.json`));
    const lockFile = resolve(io.cwd, stringOption(values, 'lock', DEFAULTS.lock));
    const show = (file: string): string => displayPath(io.cwd, file);
    let fresh: BundleManifest;
    try {
      fresh = readManifest(manifestFile);
    } catch (error) {
      if (error instanceof ManifestError) {
        throw new ManifestError(`${error.message}; run proton-bundle build first`);
      }
      throw error;
    }
    let lock: BundleManifest;
    if (existsSync(lockFile)) {
      lock = readManifest(lockFile, 'lock file');
    } else if (values.update) {
      lock = EMPTY_LOCK;
    } else {
      throw new ManifestError(`${lockFile}: no lock file here; create it with: npx projen drift:update`);
    }
    const report: DriftReport = checkDrift(lock, fresh, show(lockFile), show(manifestFile));
    const render = {
      text: (r: DriftReport) => renderDriftText(r, values.update === true),
      markdown: renderDriftMarkdown,
      json: renderDriftJson,
    }[format];
    io.stdout.write(render(report));
    const reportFile = stringOption(values, 'report');
    if (reportFile) {
      const path = resolve(io.cwd, reportFile);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, renderDriftMarkdown(report));
    }
    if (values.update) {
      writeFileSync(lockFile, renderManifest(fresh));
      let message = `Lock file ${show(lockFile)} updated: ${report.templates.length} template change(s) accepted. Commit it.`;
      if (report.templates.length === 0) {
        message =
          report.codeChanges.length === 0
            ? `Lock file ${show(lockFile)} already matches; rewritten unchanged.`
            : `Lock file ${show(lockFile)}: no contract change; rewritten with the new asset and bundle hashes of ` +
              `${report.codeChanges.length} template(s) (committing it is optional).`;
      }
      io.stdout.write(`${message}\n`);
      return EXIT.ok;
    }
    return report.templates.length === 0 ? EXIT.ok : EXIT.failed;
  },
};
