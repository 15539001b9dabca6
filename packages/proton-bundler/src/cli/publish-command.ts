import { dirname, resolve } from 'node:path';
import { PublishPlanError, UsageError } from '../errors';
import { DEFAULTS } from './build-command';
import { Command, EXIT, EXIT_CODES_HELP, choiceOption, displayPath, parseCommandArgs, stringOption } from './command';
import { PROTON_END_OF_SUPPORT, readManifest } from '../manifest/bundle-manifest';
import { PUBLISH_TARGETS, PublishTarget, checkPublishOptions, planPublish } from '../publish/publish-plan';
import { renderPlanJson, renderShell } from '../publish/render-plan';

/** Why a real publish is refused. */
export const PUBLISH_REFUSED = [
  'proton-bundle never publishes: `publish --dry-run` is the only mode.',
  'It prints the exact commands (aws s3 cp, aws proton ..., aws servicecatalog ...) for a platform engineer',
  'to review and run with their own credentials; the printed script itself refuses to run without',
  '--apply and ALLOW_AWS_DEPLOY=1. Nothing in this repository calls AWS.',
].join('\n');

export const publishCommand: Command = {
  name: 'publish',
  summary: 'Print the publish commands for Proton and Service Catalog (dry run only)',
  help: `Usage: proton-bundle publish --dry-run --bucket NAME [--prefix P] [--region R]
                             [--target proton|service-catalog|all] [--format shell|json]
                             [--manifest FILE]

Prints, in order, the exact commands that publish the built bundles. Nothing is sent.
  AWS Proton (${PROTON_END_OF_SUPPORT.split(':')[0]}):
    per environment template, then per service template:
    aws s3 cp <bundle> s3://<bucket>/<prefix>/proton/<name>/<version>/<sha256>.tar.gz
    aws proton create-environment-template (new templates only)
    aws proton create-environment-template-version --source s3={bucket=...,key=...}
    aws proton wait environment-template-version-registered
    aws proton update-environment-template-version ... --status PUBLISHED
    (service templates: the same with --compatible-environment-templates)
  AWS Service Catalog: a product per template, a provisioning artifact per version:
    aws s3 cp <template> s3://<bucket>/<prefix>/service-catalog/<name>/<version>/<sha256>.template.yaml
    aws servicecatalog create-product (version 1.0) or create-provisioning-artifact (later versions)
The shell output starts with set -euo pipefail and exits unless run with --apply and
ALLOW_AWS_DEPLOY=1, so a saved copy is gated too.

Options:
  --dry-run          required: the only mode (a real publish is refused, exit 2)
  --bucket NAME      S3 bucket for bundles and templates (required)
  --prefix P         key prefix (default aad-templates)
  --region R         AWS Region (default us-east-1)
  --target T         proton, service-catalog or all (default all)
  --format F         shell (default) or json
  --manifest FILE    build manifest (default ${DEFAULTS.out}/manifest.json)
  -h, --help         this help

${EXIT_CODES_HELP}`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      'dry-run': { type: 'boolean' },
      apply: { type: 'boolean' },
      bucket: { type: 'string' },
      prefix: { type: 'string' },
      region: { type: 'string' },
      target: { type: 'string' },
      format: { type: 'string' },
      manifest: { type: 'string' },
    });
    if (values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.ok;
    }
    if (values.apply || !values['dry-run']) {
      io.stderr.write(
        `proton-bundle publish: refused.\n${PUBLISH_REFUSED}\nRun: proton-bundle publish --dry-run --bucket NAME\n`,
      );
      return EXIT.usage;
    }
    const bucket = stringOption(values, 'bucket');
    if (!bucket) throw new UsageError('--bucket is required (the S3 bucket the bundles are uploaded to)');
    const prefix = stringOption(values, 'prefix', 'aad-templates');
    const region = stringOption(values, 'region', 'us-east-1');
    try {
      checkPublishOptions(bucket, prefix, region);
    } catch (error) {
      if (error instanceof PublishPlanError) throw new UsageError(error.message);
      throw error;
    }
    const target = choiceOption(values, 'target', ['all', ...PUBLISH_TARGETS], 'all');
    const format = choiceOption(values, 'format', ['shell', 'json'], 'shell');
    const manifestArg = stringOption(values, 'manifest', `${DEFAULTS.out}/manifest.json`);
    const manifestFile = resolve(io.cwd, manifestArg);
    const plan = planPublish({
      manifest: readManifest(manifestFile),
      manifestDir: dirname(manifestFile),
      displayDir: displayPath(io.cwd, dirname(manifestFile)),
      bucket,
      prefix,
      region,
      targets: target === 'all' ? PUBLISH_TARGETS : [target as PublishTarget],
    });
    io.stdout.write(format === 'json' ? renderPlanJson(plan) : renderShell(plan));
    return EXIT.ok;
  },
};
