import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { ModelPackageError, UsageError } from '../../errors';
import {
  buildModelPackage,
  packageLocation,
  packageName,
  packageTimestamp,
  timestampToIso,
} from '../../model/model-package';
import { publishModelPackage, rollbackModelPackage } from '../../model/publisher';
import {
  cdkOutDir,
  environmentStacks,
  findRepoRoot,
  gatesFor,
  loadEnvConfig,
  printGates,
  printRefusal,
  requireEnv,
} from '../context';
import { ExitCode, GuardCommand, GuardIo, println } from '../io';

const HELP = `Usage: aad-guard model package --env dev|prod [--apply] [--ner-model FILE] [--baseline-profile FILE]
                                [--timestamp TS] [--out DIR] [--json]
       aad-guard model rollback --env dev|prod --to TS [--apply] [--json]

package   Builds model_package-<TS>.zip (TS is UTC like 20261123T184500Z, default now):
          manifest.json (format aad-model-package/v1, env, createdAt, sha256 and size of each
          file) + ner-model.json + baseline-profile.json; same inputs and TS give the same
          bytes. Writes it to --out (default dist/model-packages) and prints the upload plan:
            s3://<buckets.models>/model-packages/<env>/model_package-<TS>.zip
            s3://<buckets.models>/model-packages/<env>/current.txt  (contains the zip's file name)
          --apply uploads the zip, then rewrites current.txt, through @aws-sdk/client-s3.
rollback  Points current.txt at an earlier package (model_package-<TS>.zip, which must exist).

Inputs (package):
  --ner-model FILE         NER model artifact (default packages/core/models/ner-model.json)
  --baseline-profile FILE  baseline profile from 'aad profile build' (default packages/core/models/baseline-profile.json)

--apply passes the same gates as 'aad-guard deploy' (ALLOW_AWS_DEPLOY=1, audit, cost, kms-cmk,
identity) against the synthesized app (--cdk-out, default packages/constructs/cdk.out).
Dry-run makes no AWS call.

Exit codes: 0 plan printed or applied, 1 a gate refused or the upload failed, 2 usage error.`;

async function applyGates(
  env: string,
  io: GuardIo,
  values: { 'cdk-out'?: string; 'config-dir'?: string },
): Promise<boolean> {
  const config = await loadEnvConfig(env, io, values['config-dir']);
  const assembly = environmentStacks(cdkOutDir(io, values['cdk-out']), config);
  const { gates } = await gatesFor(env, config, assembly, io, values['config-dir']);
  printGates(io, gates);
  const failed = gates.filter((g) => !g.passed);
  if (failed.length > 0) printRefusal(io, 'model', failed);
  return failed.length === 0;
}

/** `aad-guard model package|rollback`: model packaging and the `current.txt` alias. Dry-run by default. */
export const modelCommand: GuardCommand = {
  name: 'model',
  summary: 'Package the NER model + baseline profile for S3, or roll current.txt back (dry-run unless --apply)',
  help: HELP,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'package' && sub !== 'rollback') {
      throw new UsageError(
        sub === undefined ? 'a sub-command is required: package or rollback' : `unknown sub-command '${sub}'`,
      );
    }
    const { values } = parseArgs({
      args: rest,
      options: {
        env: { type: 'string' },
        apply: { type: 'boolean', default: false },
        'ner-model': { type: 'string' },
        'baseline-profile': { type: 'string' },
        timestamp: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string', default: 'dist/model-packages' },
        'cdk-out': { type: 'string' },
        'config-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    });
    const env = requireEnv(values.env, ['dev', 'prod']);
    const config = await loadEnvConfig(env, io, values['config-dir']);
    const s3 = (): S3Client => new S3Client({ region: config.region });

    if (sub === 'rollback') {
      if (!values.to) throw new UsageError('--to <TS> is required (the timestamp of the package to go back to)');
      timestampToIsoOrUsage(values.to);
      const name = packageName(values.to);
      const at = packageLocation(config.buckets.models, env, name);
      const plan = { env, mode: values.apply ? 'apply' : 'dry-run', alias: at.aliasUri, target: at.uri, writes: name };
      if (values.json) {
        println(io.stdout, JSON.stringify(plan, null, 2));
      } else {
        println(
          io.stdout,
          `model rollback ${env} (${plan.mode}): rewrite ${at.aliasUri} to '${name}' (after checking ${at.uri} exists)`,
        );
      }
      if (!values.apply) return ExitCode.PASS;
      if (!(await applyGates(env, io, values))) return ExitCode.FAILED;
      let previous: string | undefined;
      try {
        previous = await rollbackModelPackage(s3(), at, name);
      } catch (error) {
        if (!(error instanceof ModelPackageError)) throw error;
        println(io.stderr, `aad-guard model rollback: ${error.message}`);
        return ExitCode.FAILED;
      }
      println(io.stdout, `model rollback: current.txt now names ${name} (was ${previous ?? 'unset'})`);
      return ExitCode.PASS;
    }

    const root = findRepoRoot(io.cwd);
    const ts = values.timestamp ?? packageTimestamp((io.now ?? (() => new Date()))());
    timestampToIsoOrUsage(ts);
    const pkg = buildModelPackage(
      {
        nerModel: resolve(io.cwd, values['ner-model'] ?? join(root, 'packages', 'core', 'models', 'ner-model.json')),
        baselineProfile: resolve(
          io.cwd,
          values['baseline-profile'] ?? join(root, 'packages', 'core', 'models', 'baseline-profile.json'),
        ),
      },
      env,
      ts,
    );
    const outDir = resolve(io.cwd, values.out);
    mkdirSync(outDir, { recursive: true });
    const localFile = join(outDir, pkg.name);
    writeFileSync(localFile, pkg.zip);
    const at = packageLocation(config.buckets.models, env, pkg.name);
    if (values.json) {
      println(
        io.stdout,
        JSON.stringify(
          {
            env,
            mode: values.apply ? 'apply' : 'dry-run',
            file: localFile,
            sha256: pkg.sha256,
            bytes: pkg.zip.length,
            manifest: pkg.manifest,
            upload: at.uri,
            alias: at.aliasUri,
          },
          null,
          2,
        ),
      );
    } else {
      println(io.stdout, `model package ${env} (${values.apply ? 'apply' : 'dry-run'}): ${localFile}`);
      println(io.stdout, `  sha256 ${pkg.sha256}, ${pkg.zip.length} bytes`);
      for (const f of pkg.manifest.files) println(io.stdout, `  ${f.path}  ${f.bytes} bytes  sha256 ${f.sha256}`);
      println(io.stdout, `  upload: ${at.uri}`);
      println(io.stdout, `  then:   ${at.aliasUri} := ${pkg.name}`);
    }
    if (!values.apply) return ExitCode.PASS;
    if (!(await applyGates(env, io, values))) return ExitCode.FAILED;
    await publishModelPackage(s3(), pkg, at);
    println(io.stdout, `model package: uploaded ${at.uri}; current.txt now names ${pkg.name}`);
    return ExitCode.PASS;
  },
};

function timestampToIsoOrUsage(ts: string): void {
  try {
    timestampToIso(ts);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
