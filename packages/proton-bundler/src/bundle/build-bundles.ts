import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BundleValidationError, CloudAssemblyError, ValidationIssue } from '../errors';
import { compareText } from './cfn-template';
import { SynthesizedStack, readCloudAssembly } from './cloud-assembly';
import { contractFingerprint } from './contract-fingerprint';
import { ASSET_KEY_PREFIX } from './detach-from-cdk';
import { TemplateBundle, buildTemplateBundle, sha256 } from './template-bundle';
import {
  BundleManifest,
  MANIFEST_FORMAT,
  ManifestTemplate,
  PROTON_END_OF_SUPPORT,
  readManifest,
} from '../manifest/bundle-manifest';
import { diffTemplates, nextVersion } from '../manifest/contract-diff';
import { validateBundle } from '../validate/bundle-validator';

/** The environment stack of each environment is named `<prefix>-detector` (e.g. `aad-dev-detector`). */
export const ENVIRONMENT_STACK_SUFFIX = '-detector';

/** Folder of the Service Catalog templates inside the output directory. */
export const SERVICE_CATALOG_DIR = 'service-catalog';

/** One environment of the cloud assembly: its environment stack and its service unit stacks. */
export interface EnvironmentPlan {
  readonly environment: string;
  /** Stack name prefix shared by the environment's stacks (`aad-dev`). */
  readonly prefix: string;
  readonly environmentStack: SynthesizedStack;
  readonly serviceStacks: readonly SynthesizedStack[];
}

/** Options of {@link buildBundles}. */
export interface BuildOptions {
  /** The cloud assembly directory (`cdk.out`). */
  readonly cdkOut: string;
  /**
   * The accepted contract (lock file): versions are computed against it.
   * @default - none: every template is version 1.0
   */
  readonly lock?: BundleManifest;
  /**
   * Environments to bundle (`dev`, `prod`).
   * @default - every environment of the cloud assembly
   */
  readonly environments?: readonly string[];
}

/** What {@link buildBundles} produced. */
export interface BuildResult {
  readonly manifest: BundleManifest;
  readonly bundles: readonly TemplateBundle[];
  /** Stacks left out and why (printed by the CLI, never silent). */
  readonly notes: readonly string[];
}

function parameterNames(stack: SynthesizedStack): string[] {
  return Object.keys(stack.template.Parameters ?? {});
}

/**
 * Groups the stacks by environment: `<prefix>-detector` is the environment
 * stack; another stack named `<prefix>-…` is a service unit stack when at
 * least one of its parameters is named like an output of the environment
 * stack. Everything else is reported in `notes`.
 */
export function planEnvironments(
  stacks: readonly SynthesizedStack[],
  cdkOut: string,
  environments?: readonly string[],
): { plans: EnvironmentPlan[]; notes: string[] } {
  if (stacks.length === 0) {
    throw new CloudAssemblyError(`${cdkOut}: the cloud assembly has no CloudFormation stack`);
  }
  const envStacks = stacks.filter((s) => s.stackName.endsWith(ENVIRONMENT_STACK_SUFFIX));
  if (envStacks.length === 0) {
    throw new CloudAssemblyError(
      `${cdkOut}: no environment stack (a stack named <prefix>${ENVIRONMENT_STACK_SUFFIX}) among ${stacks
        .map((s) => s.stackName)
        .join(', ')}`,
    );
  }
  const notes: string[] = [];
  const claimed = new Set<string>();
  let plans = envStacks.map((envStack): EnvironmentPlan => {
    claimed.add(envStack.stackName);
    const prefix = envStack.stackName.slice(0, -ENVIRONMENT_STACK_SUFFIX.length);
    const environment = envStack.tags.Environment ?? prefix.replace(/^aad-/, '');
    const outputs = new Set(Object.keys(envStack.template.Outputs ?? {}));
    const serviceStacks = stacks.filter((s) => {
      if (s === envStack || !s.stackName.startsWith(`${prefix}-`) || envStacks.includes(s)) return false;
      claimed.add(s.stackName);
      if (parameterNames(s).some((p) => outputs.has(p))) return true;
      notes.push(
        `${s.stackName}: not bundled as a service template: none of its parameters is named like an output of ${envStack.stackName}`,
      );
      return false;
    });
    if (serviceStacks.length === 0) notes.push(`${envStack.stackName}: no service unit stack reads its outputs`);
    return { environment, prefix, environmentStack: envStack, serviceStacks };
  });
  for (const stack of stacks) {
    if (!claimed.has(stack.stackName)) {
      notes.push(
        `${stack.stackName}: not bundled: it belongs to no <prefix>${ENVIRONMENT_STACK_SUFFIX} environment stack`,
      );
    }
  }
  if (environments && environments.length > 0) {
    const known = plans.map((p) => p.environment);
    const unknown = environments.filter((e) => !known.includes(e));
    if (unknown.length > 0) {
      throw new CloudAssemblyError(
        `${cdkOut}: no environment ${unknown.map((e) => `'${e}'`).join(', ')} in the cloud assembly (found ${known.join(', ')})`,
      );
    }
    plans = plans.filter((p) => environments.includes(p.environment));
  }
  return { plans, notes };
}

function toManifestTemplate(
  bundle: TemplateBundle,
  criticalOutputs: readonly string[],
  compatible: ManifestTemplate['compatibleEnvironmentTemplates'],
  lock: BundleManifest | undefined,
): ManifestTemplate {
  const tarballFile = `${bundle.name}.tar.gz`;
  const catalogFile = `${SERVICE_CATALOG_DIR}/${bundle.name}.template.yaml`;
  const assetInputs = new Map(bundle.assets.map((a) => [a.parameter, a]));
  const draft: ManifestTemplate = {
    name: bundle.name,
    kind: bundle.kind,
    environment: bundle.environment,
    description: bundle.description,
    version: { major: 1, minor: 0 },
    bundle: {
      file: tarballFile,
      sha256: sha256(bundle.tarball),
      size: bundle.tarball.length,
      files: bundle.files.map((f) => ({ file: f.path, sha256: sha256(f.content), size: Buffer.byteLength(f.content) })),
    },
    templateSha256: sha256(bundle.files.find((f) => f.path === bundle.iacFile)!.content),
    contractSha256: contractFingerprint(
      [...bundle.files, { path: catalogFile, content: bundle.serviceCatalogTemplate }],
      bundle.assets.map((a) => a.hash),
    ),
    source: bundle.source,
    inputs: bundle.mapping.inputs.map((i) => ({
      name: i.name,
      parameter: i.parameter,
      type: i.type,
      ...(i.items ? { items: i.items } : {}),
      required: i.required,
      ...(i.default === undefined ? {} : { default: i.default }),
      description: i.description,
    })),
    environmentOutputs: bundle.mapping.environmentOutputs.map((b) => ({ parameter: b.parameter, output: b.output })),
    outputs: bundle.outputs,
    criticalOutputs,
    assets: bundle.mapping.inputs
      .filter((i) => assetInputs.has(i.parameter))
      .map((i) => {
        const a = assetInputs.get(i.parameter)!;
        return {
          input: i.name,
          parameter: a.parameter,
          hash: a.hash,
          defaultKey: a.defaultKey,
          packaging: a.packaging,
          sourcePath: a.sourcePath,
          usedBy: a.usedBy,
        };
      }),
    compatibleEnvironmentTemplates: compatible,
    serviceCatalog: {
      file: catalogFile,
      sha256: sha256(bundle.serviceCatalogTemplate),
      size: Buffer.byteLength(bundle.serviceCatalogTemplate),
    },
  };
  const locked = lock?.templates.find((t) => t.name === bundle.name);
  if (!locked) return draft;
  return { ...draft, version: nextVersion(locked.version, diffTemplates(locked, draft)) };
}

/**
 * Builds every template bundle of the cloud assembly, computes the manifest
 * (versions against the lock) and validates the result.
 *
 * @example const { manifest } = await buildBundles({ cdkOut: '../constructs/cdk.out' });
 * @throws BundleValidationError listing every finding when a built bundle is invalid
 */
export async function buildBundles(options: BuildOptions): Promise<BuildResult> {
  const stacks = readCloudAssembly(options.cdkOut);
  const { plans, notes } = planEnvironments(stacks, options.cdkOut, options.environments);
  const bundles: TemplateBundle[] = [];
  const templates: ManifestTemplate[] = [];
  const issues: ValidationIssue[] = [];
  for (const plan of plans) {
    const env = await buildTemplateBundle(plan.environmentStack, {
      kind: 'environment',
      environment: plan.environment,
    });
    const envOutputs = new Set(env.outputs);
    const services: TemplateBundle[] = [];
    for (const stack of plan.serviceStacks) {
      services.push(
        await buildTemplateBundle(stack, {
          kind: 'service',
          environment: plan.environment,
          environmentOutputs: envOutputs,
          environmentTemplate: env.name,
        }),
      );
    }
    const read = services.flatMap((s) => s.mapping.environmentOutputs.map((b) => b.output));
    const envCritical = [...new Set([...read, ...env.exportedOutputs])].sort(compareText);
    const envEntry = toManifestTemplate(env, envCritical, [], options.lock);
    templates.push(envEntry);
    bundles.push(env);
    issues.push(...validateBundle(env, { criticalOutputs: envCritical }));
    for (const service of services) {
      const compatible = [{ name: env.name, majorVersion: envEntry.version.major }];
      templates.push(toManifestTemplate(service, service.exportedOutputs, compatible, options.lock));
      bundles.push(service);
      issues.push(
        ...validateBundle(service, {
          environment: { name: env.name, outputs: envOutputs },
          criticalOutputs: service.exportedOutputs,
        }),
      );
    }
  }
  if (issues.length > 0) throw new BundleValidationError(issues);
  for (const locked of options.lock?.templates ?? []) {
    if (!templates.some((t) => t.name === locked.name) && plans.some((p) => p.environment === locked.environment)) {
      notes.push(`${locked.name}: in the lock file but no longer built (the drift check reports it)`);
    }
  }
  const manifest: BundleManifest = {
    format: MANIFEST_FORMAT,
    generator: '@aad/proton-bundler',
    notice: PROTON_END_OF_SUPPORT,
    assetKeyPrefix: ASSET_KEY_PREFIX,
    templates,
  };
  return { manifest, bundles, notes };
}

/** Renders a manifest as written to disk: 2-space JSON and a final newline. */
export function renderManifest(manifest: BundleManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * Writes the build into `outDir`: `manifest.json`, `<name>.tar.gz`, the
 * unpacked bundle directory `<name>/` (for review), and
 * `service-catalog/<name>.template.yaml`. Bundles of a previous build
 * (`*.tar.gz`, directories with `schema/schema.yaml`, `service-catalog/`)
 * are removed first, so nothing stale is left to validate or publish.
 */
export function writeBuild(result: BuildResult, outDir: string): void {
  if (existsSync(outDir)) {
    for (const entry of readdirSync(outDir)) {
      const path = join(outDir, entry);
      if (
        entry.endsWith('.tar.gz') ||
        entry === SERVICE_CATALOG_DIR ||
        existsSync(join(path, 'schema', 'schema.yaml'))
      ) {
        rmSync(path, { recursive: true, force: true });
      }
    }
  }
  mkdirSync(join(outDir, SERVICE_CATALOG_DIR), { recursive: true });
  for (const bundle of result.bundles) {
    writeFileSync(join(outDir, `${bundle.name}.tar.gz`), bundle.tarball);
    for (const file of bundle.files) {
      const path = join(outDir, bundle.name, ...file.path.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    writeFileSync(join(outDir, SERVICE_CATALOG_DIR, `${bundle.name}.template.yaml`), bundle.serviceCatalogTemplate);
  }
  writeFileSync(join(outDir, 'manifest.json'), renderManifest(result.manifest));
}

/** Reads the lock file if it exists. */
export function readLockIfPresent(lockFile: string): BundleManifest | undefined {
  return existsSync(lockFile) ? readManifest(lockFile, 'lock file') : undefined;
}
