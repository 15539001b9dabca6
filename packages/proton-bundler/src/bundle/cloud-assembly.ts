import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CloudAssemblyError } from '../errors';
import { CfnTemplate, compareText } from './cfn-template';

/** A file asset of a stack, from its asset manifest (`<stack>.assets.json`). */
export interface FileAsset {
  /** The asset hash (also the file name CDK gives it in the bootstrap bucket). */
  readonly hash: string;
  /** Path inside `cdk.out` (`asset.<hash>` directory or file). */
  readonly sourcePath: string;
  /** `zip` (a directory zipped on upload) or `file` (uploaded as is). */
  readonly packaging: 'zip' | 'file';
  /** Object key in the assets bucket, e.g. `<hash>.zip` or `cdk-assets/<hash>.zip`; the template refers to the asset by it. */
  readonly objectKey: string;
  /**
   * Bucket the synthesizer publishes it to: the bootstrap bucket
   * (`cdk-<qualifier>-assets-${AWS::AccountId}-${AWS::Region}`) or, with a
   * `CliCredentialsStackSynthesizer`, a named bucket such as the artifacts bucket.
   * @default - unknown
   */
  readonly bucketName?: string;
}

/** A synthesized CloudFormation stack read from a cloud assembly (`cdk.out`). */
export interface SynthesizedStack {
  readonly stackName: string;
  readonly templateFile: string;
  /** sha256 (hex) of the template file's bytes. */
  readonly templateSha256: string;
  readonly template: CfnTemplate;
  /** Stack tags from the assembly manifest (e.g. `Environment`). */
  readonly tags: Readonly<Record<string, string>>;
  /** File assets the stack's template refers to (the template itself excluded). */
  readonly fileAssets: readonly FileAsset[];
  /** Hashes of container image assets (not supported outside `cdk deploy`; the bundler refuses them). */
  readonly imageAssets: readonly string[];
}

interface ArtifactEntry {
  readonly type?: string;
  readonly properties?: {
    readonly templateFile?: string;
    readonly stackName?: string;
    readonly tags?: Record<string, string>;
    readonly file?: string;
  };
  readonly dependencies?: readonly string[];
}

interface AssemblyManifest {
  readonly artifacts?: Record<string, ArtifactEntry>;
}

interface AssetManifest {
  readonly files?: Record<
    string,
    {
      readonly source?: { readonly path?: string; readonly packaging?: string };
      readonly destinations?: Record<string, { readonly objectKey?: string; readonly bucketName?: string }>;
    }
  >;
  readonly dockerImages?: Record<string, unknown>;
}

function readJson<T>(file: string): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CloudAssemblyError(`${file}: cannot read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new CloudAssemblyError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
}

function readAssets(
  cdkOut: string,
  manifest: AssemblyManifest,
  artifact: ArtifactEntry,
  templateFile: string,
): Pick<SynthesizedStack, 'fileAssets' | 'imageAssets'> {
  const fileAssets: FileAsset[] = [];
  const imageAssets: string[] = [];
  for (const dependency of artifact.dependencies ?? []) {
    const dep = manifest.artifacts?.[dependency];
    if (dep?.type !== 'cdk:asset-manifest' || !dep.properties?.file) continue;
    const assets = readJson<AssetManifest>(join(cdkOut, dep.properties.file));
    for (const [hash, asset] of Object.entries(assets.files ?? {})) {
      const sourcePath = asset.source?.path ?? `asset.${hash}`;
      if (sourcePath === basename(templateFile)) continue; // the template itself, uploaded by `cdk deploy`
      const destination = Object.values(asset.destinations ?? {})[0];
      fileAssets.push({
        hash,
        sourcePath,
        packaging: asset.source?.packaging === 'zip' ? 'zip' : 'file',
        objectKey: destination?.objectKey ?? `${hash}.zip`,
        ...(destination?.bucketName ? { bucketName: destination.bucketName } : {}),
      });
    }
    imageAssets.push(...Object.keys(assets.dockerImages ?? {}));
  }
  fileAssets.sort((a, b) => compareText(a.hash, b.hash));
  return { fileAssets, imageAssets: imageAssets.sort() };
}

/**
 * Reads every CloudFormation stack of the cloud assembly in `cdkOut`, sorted by stack name.
 *
 * @example readCloudAssembly('../constructs/cdk.out').map((s) => s.stackName) // ['aad-dev-detector', ...]
 */
export function readCloudAssembly(cdkOut: string): SynthesizedStack[] {
  const manifestFile = join(cdkOut, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new CloudAssemblyError(`${manifestFile}: no cloud assembly here; run \`npx projen synth\` first`);
  }
  const manifest = readJson<AssemblyManifest>(manifestFile);
  const stacks = Object.entries(manifest.artifacts ?? {})
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([id, artifact]): SynthesizedStack => {
      const templateFile = join(cdkOut, artifact.properties?.templateFile ?? `${id}.template.json`);
      if (!existsSync(templateFile)) {
        throw new CloudAssemblyError(`${templateFile}: template of stack ${id} is missing from the cloud assembly`);
      }
      const bytes = readFileSync(templateFile);
      let template: CfnTemplate;
      try {
        template = JSON.parse(bytes.toString('utf8')) as CfnTemplate;
      } catch (error) {
        throw new CloudAssemblyError(`${templateFile}: not valid JSON: ${(error as Error).message}`);
      }
      return {
        stackName: artifact.properties?.stackName ?? id,
        templateFile,
        templateSha256: createHash('sha256').update(bytes).digest('hex'),
        template,
        tags: artifact.properties?.tags ?? {},
        ...readAssets(cdkOut, manifest, artifact, templateFile),
      };
    });
  return stacks.sort((a, b) => compareText(a.stackName, b.stackName));
}
