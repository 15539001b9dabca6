import { ModelIntegrityError } from '../errors';

/** `format` of a v1 model package manifest. */
export const MODEL_PACKAGE_FORMAT = 'aad-model-package/v1';

/** Files every model package must list. */
export const MODEL_PACKAGE_FILES = {
  nerModel: 'ner-model.json',
  baselineProfile: 'baseline-profile.json',
} as const;

/** `manifest.json` at the root of a model package zip (format shared with the `@aad/guardrails` packager). */
export interface ModelPackageManifest {
  readonly format: typeof MODEL_PACKAGE_FORMAT;
  readonly env: string;
  readonly createdAt: string;
  readonly files: readonly ModelPackageFile[];
}

export interface ModelPackageFile {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** A verified model package: every file matched its manifest entry. */
export interface ModelPackage {
  /** Zip file name, e.g. `model_package-20261120T000000Z.zip`. */
  readonly name: string;
  readonly manifest: ModelPackageManifest;
  /** Verified file contents by path. */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/** Parsed JSON of a verified file. */
export function packageJson<T>(pkg: ModelPackage, path: string): T {
  const bytes = pkg.files.get(path);
  if (!bytes) throw new ModelIntegrityError(`${pkg.name}: ${path} is not in the package`);
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
  } catch (error) {
    throw new ModelIntegrityError(`${pkg.name}: ${path} is not valid JSON (${(error as Error).message})`);
  }
}

/** Name `current.txt` may hold. */
export const PACKAGE_NAME = /^model_package-[0-9A-Za-z._:-]+\.zip$/;
