import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AssemblyError } from '../errors';

/** One resource of a CloudFormation template, as synthesized. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly Metadata?: Readonly<Record<string, unknown>>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly Condition?: string;
  readonly DependsOn?: string | readonly string[];
}

/** One synthesized stack: its name and its template's resources. */
export interface StackTemplate {
  /** CloudFormation stack name (what `cdk deploy` takes). */
  readonly stackName: string;
  /** Template file, relative to the assembly directory. */
  readonly templateFile: string;
  readonly resources: Readonly<Record<string, CfnResource>>;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Template `Conditions` (absent in hand-written templates without any). */
  readonly conditions?: Readonly<Record<string, unknown>>;
}

/** A synthesized CDK app (`cdk.out`): every stack, nested stages included. */
export interface CloudAssembly {
  /** The assembly directory as given. */
  readonly directory: string;
  readonly stacks: readonly StackTemplate[];
}

interface ManifestArtifact {
  readonly type?: string;
  readonly displayName?: string;
  readonly properties?: {
    readonly templateFile?: string;
    readonly stackName?: string;
    readonly directoryName?: string;
  };
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AssemblyError(`${file}: cannot read the ${what}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AssemblyError(`${file}: the ${what} is not valid JSON: ${(error as Error).message}`);
  }
}

function readTemplate(root: string, file: string, stackName: string): StackTemplate {
  const json = readJson(join(root, file), `template of stack ${stackName}`);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new AssemblyError(`${join(root, file)}: a CloudFormation template must be a JSON object`);
  }
  const t = json as Record<string, unknown>;
  const resources = (t.Resources ?? {}) as Record<string, CfnResource>;
  for (const [id, r] of Object.entries(resources)) {
    if (typeof r !== 'object' || r === null || typeof r.Type !== 'string') {
      throw new AssemblyError(`${join(root, file)}: resource ${id} has no Type`);
    }
  }
  return {
    stackName,
    templateFile: file,
    resources,
    parameters: (t.Parameters ?? {}) as Record<string, unknown>,
    outputs: (t.Outputs ?? {}) as Record<string, unknown>,
    conditions: (t.Conditions ?? {}) as Record<string, unknown>,
  };
}

function loadFrom(root: string, dir: string, stacks: StackTemplate[]): void {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    // Not a CDK assembly: accept a folder of CloudFormation templates.
    for (const entry of readdirSync(dir).sort()) {
      if (entry.endsWith('.template.json') && statSync(join(dir, entry)).isFile()) {
        stacks.push(readTemplate(root, relative(root, join(dir, entry)), entry.replace(/\.template\.json$/, '')));
      }
    }
    return;
  }
  const manifest = readJson(manifestFile, 'assembly manifest') as { artifacts?: Record<string, ManifestArtifact> };
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack' && artifact.properties?.templateFile) {
      const file = relative(root, join(dir, artifact.properties.templateFile));
      stacks.push(readTemplate(root, file, artifact.properties.stackName ?? id));
    } else if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      loadFrom(root, join(dir, artifact.properties.directoryName), stacks);
    }
  }
}

/**
 * Reads every stack template of a synthesized CDK app. Works on any app:
 * nested stage assemblies are followed, and a plain folder of
 * `*.template.json` files is accepted too.
 *
 * @example
 * const assembly = loadCloudAssembly('packages/constructs/cdk.out');
 * assembly.stacks.map((s) => s.stackName); // ['aad-dev-detector', 'aad-prod-detector']
 */
export function loadCloudAssembly(directory: string): CloudAssembly {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new AssemblyError(`no cloud assembly at ${directory}: synthesize the app first (npx projen synth)`);
  }
  const stacks: StackTemplate[] = [];
  loadFrom(directory, directory, stacks);
  if (stacks.length === 0) {
    throw new AssemblyError(`${directory}: no stack templates found (is it a synthesized CDK app?)`);
  }
  return { directory, stacks };
}

/** Keeps the stacks whose name starts with `prefix-` (an environment's `resourcePrefix`). */
export function stacksWithPrefix(assembly: CloudAssembly, prefix: string): CloudAssembly {
  return { ...assembly, stacks: assembly.stacks.filter((s) => s.stackName.startsWith(`${prefix}-`)) };
}
