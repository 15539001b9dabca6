import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { ModelPackageError } from '../errors';

/** `format` of a v1 manifest (shared with the runtimes loader, `verifyModelPackage`). */
export const MODEL_PACKAGE_FORMAT = 'aad-model-package/v1';

/** `model_package-<ts>.zip` timestamps: UTC, basic ISO 8601, e.g. `20261123T184500Z`. */
export const PACKAGE_TIMESTAMP = /^\d{8}T\d{6}Z$/;

/** One file listed in the manifest. */
export interface ManifestFile {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** `manifest.json` at the zip root. */
export interface ModelPackageManifest {
  readonly format: typeof MODEL_PACKAGE_FORMAT;
  readonly env: string;
  readonly createdAt: string;
  readonly files: readonly ManifestFile[];
}

/** A built package: its name, manifest and zip bytes. */
export interface BuiltModelPackage {
  readonly name: string;
  readonly timestamp: string;
  readonly manifest: ModelPackageManifest;
  readonly zip: Uint8Array;
  readonly sha256: string;
}

/** The inputs of a package: the NER model and the baseline profile, with the names they get inside the zip. */
export interface ModelPackageInputs {
  /** Path of the NER model artifact (stored as `ner-model.json`). */
  readonly nerModel: string;
  /** Path of the baseline profile (`aad profile build` output, stored as `baseline-profile.json`). */
  readonly baselineProfile: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `20261123T184500Z` for a date. */
export function packageTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** The ISO date of a package timestamp (`20261123T184500Z` → `2026-11-23T18:45:00Z`). */
export function timestampToIso(ts: string): string {
  if (!PACKAGE_TIMESTAMP.test(ts)) {
    throw new ModelPackageError(`timestamp must be UTC like 20261123T184500Z, received ${JSON.stringify(ts)}`);
  }
  const iso = `${ts.slice(0, 4)}-${ts.slice(4, 6)}-${ts.slice(6, 8)}T${ts.slice(9, 11)}:${ts.slice(11, 13)}:${ts.slice(13, 15)}Z`;
  if (Number.isNaN(Date.parse(iso))) throw new ModelPackageError(`timestamp ${ts} is not a valid date`);
  return iso;
}

export function packageName(ts: string): string {
  timestampToIso(ts);
  return `model_package-${ts}.zip`;
}

function readInput(path: string, role: string): Uint8Array {
  if (!existsSync(path)) {
    throw new ModelPackageError(`${role} not found at ${path} (pass its path with the option shown in --help)`);
  }
  const bytes = readFileSync(path);
  try {
    JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new ModelPackageError(`${role} at ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return bytes;
}

/**
 * Builds `model_package-<ts>.zip`: `manifest.json` (sha256 and size of each
 * file) plus the two files, in a fixed order with every entry's time set to
 * the package timestamp, so the same inputs and timestamp give the same bytes.
 *
 * @example
 * const pkg = buildModelPackage({ nerModel, baselineProfile }, 'dev', '20261123T184500Z');
 * pkg.name; // 'model_package-20261123T184500Z.zip'
 */
export function buildModelPackage(inputs: ModelPackageInputs, env: string, ts: string): BuiltModelPackage {
  const createdAt = timestampToIso(ts);
  const contents: [string, Uint8Array][] = [
    ['ner-model.json', readInput(inputs.nerModel, 'NER model')],
    ['baseline-profile.json', readInput(inputs.baselineProfile, 'baseline profile')],
  ];
  const manifest: ModelPackageManifest = {
    format: MODEL_PACKAGE_FORMAT,
    env,
    createdAt,
    files: contents.map(([path, bytes]) => ({ path, sha256: sha256Hex(bytes), bytes: bytes.length })),
  };
  const mtime = new Date(createdAt);
  const zip = zipSync(
    {
      'manifest.json': [Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), { mtime }],
      ...Object.fromEntries(contents.map(([path, bytes]) => [path, [bytes, { mtime }]])),
    },
    { level: 9, mtime },
  );
  return { name: packageName(ts), timestamp: ts, manifest, zip, sha256: sha256Hex(zip) };
}

/** Where a package and its alias live in the models bucket. */
export interface PackageLocation {
  readonly bucket: string;
  readonly prefix: string;
  readonly key: string;
  readonly aliasKey: string;
  readonly uri: string;
  readonly aliasUri: string;
}

/** `s3://<bucket>/model-packages/<env>/model_package-<ts>.zip` and `…/current.txt`. */
export function packageLocation(bucket: string, env: string, name: string): PackageLocation {
  const prefix = `model-packages/${env}/`;
  return {
    bucket,
    prefix,
    key: `${prefix}${name}`,
    aliasKey: `${prefix}current.txt`,
    uri: `s3://${bucket}/${prefix}${name}`,
    aliasUri: `s3://${bucket}/${prefix}current.txt`,
  };
}
