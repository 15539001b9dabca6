import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputScalar, InputType, TemplateKind } from '../bundle/input-mapping';
import { ManifestError } from '../errors';

/** Printed by every command and recorded in every manifest. */
export const PROTON_END_OF_SUPPORT =
  'AWS Proton reached end of support on 2026-10-07: the Proton commands are kept for existing accounts; ' +
  'the AWS Service Catalog target publishes the same templates (see docs/adr/0007-proton-and-service-catalog.md).';

/** Version of the manifest format (bump on an incompatible change of this file's types). */
export const MANIFEST_FORMAT = 1;

/** JSON Schema of `manifest.json` (and of the lock file), shipped with the package. */
export const MANIFEST_SCHEMA_FILE = join(__dirname, '..', '..', 'schemas', 'bundle-manifest.schema.json');

/** A template version, as Proton numbers it. */
export interface TemplateVersion {
  readonly major: number;
  readonly minor: number;
}

/** A schema input as the manifest records it. */
export interface ManifestInput {
  readonly name: string;
  readonly parameter: string;
  readonly type: InputType;
  readonly items?: 'string' | 'number';
  readonly required: boolean;
  readonly default?: InputScalar | InputScalar[];
  readonly description: string;
}

/** A file asset the template reads from the artifacts bucket. */
export interface ManifestAsset {
  /** Schema input holding the object key. */
  readonly input: string;
  readonly parameter: string;
  readonly hash: string;
  /** Where the packaging step publishes it, relative to the artifacts bucket. */
  readonly defaultKey: string;
  readonly packaging: 'zip' | 'file';
  /** Path inside `cdk.out`. */
  readonly sourcePath: string;
  readonly usedBy: readonly string[];
}

/** A file of a bundle or of the Service Catalog target, with its digest. */
export interface ManifestFile {
  /** Path relative to the manifest's directory (or to the bundle root for bundle entries). */
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
}

/** One template: its Proton bundle, its Service Catalog template and its contract. */
export interface ManifestTemplate {
  readonly name: string;
  readonly kind: TemplateKind;
  /** Environment whose synth it comes from (`dev`, `prod`). */
  readonly environment: string;
  readonly description: string;
  readonly version: TemplateVersion;
  /** The `.tar.gz` bundle and the files inside it. */
  readonly bundle: ManifestFile & { readonly files: readonly ManifestFile[] };
  /** sha256 of the bundled CloudFormation file (with Jinja placeholders). */
  readonly templateSha256: string;
  /**
   * sha256 of the published contract: the bundle's files and the Service
   * Catalog template with the file asset hashes normalized (see
   * `contractFingerprint`). The drift check and the versions compare this,
   * not the byte hashes, so a Lambda code change alone is not drift.
   * Absent in lock files written before it existed (the drift check then
   * compares `templateSha256`).
   */
  readonly contractSha256: string;
  readonly source: { readonly stackName: string; readonly templateSha256: string };
  readonly inputs: readonly ManifestInput[];
  /** Service parameters read from environment outputs (`{{ environment.outputs.X }}`). */
  readonly environmentOutputs: readonly { readonly parameter: string; readonly output: string }[];
  /** Every output of the template. */
  readonly outputs: readonly string[];
  /** Outputs the template guarantees: read by a service template, or exported. */
  readonly criticalOutputs: readonly string[];
  readonly assets: readonly ManifestAsset[];
  /** Environment templates (name, major version) a service template is compatible with. */
  readonly compatibleEnvironmentTemplates: readonly { readonly name: string; readonly majorVersion: number }[];
  /** The plain CloudFormation template for AWS Service Catalog. */
  readonly serviceCatalog: ManifestFile;
}

/** `dist/proton/manifest.json`, and the committed lock file (same format). */
export interface BundleManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly generator: '@aad/proton-bundler';
  readonly notice: string;
  /** Key prefix of the file assets in the artifacts bucket. */
  readonly assetKeyPrefix: string;
  readonly templates: readonly ManifestTemplate[];
}

/** Reads and checks the shape of a manifest or lock file; `what` names it in errors. */
export function readManifest(file: string, what = 'manifest'): BundleManifest {
  if (!existsSync(file)) {
    throw new ManifestError(`${file}: no ${what} here`);
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ManifestError(`${file}: ${what} is not valid JSON: ${(error as Error).message}`);
  }
  const manifest = data as Partial<BundleManifest> | null;
  if (manifest === null || typeof manifest !== 'object' || manifest.format !== MANIFEST_FORMAT) {
    throw new ManifestError(`${file}: ${what} must have "format": ${MANIFEST_FORMAT}`);
  }
  if (!Array.isArray(manifest.templates)) {
    throw new ManifestError(`${file}: ${what} must have a "templates" array`);
  }
  manifest.templates.forEach((t, i) => {
    if (typeof t?.name !== 'string' || (t.kind !== 'environment' && t.kind !== 'service')) {
      throw new ManifestError(`${file}: templates[${i}] must have a name and a kind (environment or service)`);
    }
  });
  return manifest as BundleManifest;
}

/** `1.2` */
export function formatVersion(version: TemplateVersion): string {
  return `${version.major}.${version.minor}`;
}
