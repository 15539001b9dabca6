import { unzipSync } from 'fflate';
import { MODEL_PACKAGE_FILES, MODEL_PACKAGE_FORMAT, ModelPackage, ModelPackageManifest } from './model-package';
import { sha256Hex } from '../audit/provenance';
import { ModelIntegrityError } from '../errors';

/**
 * Unzips a model package and checks it before anything uses it: a v1
 * manifest for the expected environment, both required files listed, no
 * unsafe or unlisted paths, and every file's size and sha256 equal to its
 * manifest entry.
 *
 * @throws ModelIntegrityError naming the package, the file and the mismatch
 */
export function verifyModelPackage(name: string, zip: Uint8Array, expectedEnv?: string): ModelPackage {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (error) {
    throw new ModelIntegrityError(`${name}: not a readable zip (${(error as Error).message})`);
  }
  const manifestBytes = entries['manifest.json'];
  if (!manifestBytes) throw new ModelIntegrityError(`${name}: manifest.json is missing at the zip root`);
  let manifest: ModelPackageManifest;
  try {
    manifest = JSON.parse(Buffer.from(manifestBytes).toString('utf8')) as ModelPackageManifest;
  } catch (error) {
    throw new ModelIntegrityError(`${name}: manifest.json is not valid JSON (${(error as Error).message})`);
  }
  if (manifest.format !== MODEL_PACKAGE_FORMAT) {
    throw new ModelIntegrityError(
      `${name}: manifest format must be ${MODEL_PACKAGE_FORMAT}, received ${JSON.stringify(manifest.format)}`,
    );
  }
  if (expectedEnv !== undefined && manifest.env !== expectedEnv) {
    throw new ModelIntegrityError(
      `${name}: package is for env ${JSON.stringify(manifest.env)}, expected ${expectedEnv}`,
    );
  }
  if (!Array.isArray(manifest.files)) throw new ModelIntegrityError(`${name}: manifest.files must be an array`);
  const files = new Map<string, Uint8Array>();
  for (const file of manifest.files) {
    if (typeof file?.path !== 'string' || file.path.startsWith('/') || file.path.split('/').includes('..')) {
      throw new ModelIntegrityError(`${name}: unsafe path in manifest: ${JSON.stringify(file?.path)}`);
    }
    const bytes = entries[file.path];
    if (!bytes) throw new ModelIntegrityError(`${name}: ${file.path} is listed in the manifest but not in the zip`);
    if (bytes.length !== file.bytes) {
      throw new ModelIntegrityError(`${name}: ${file.path} has ${bytes.length} bytes, the manifest says ${file.bytes}`);
    }
    const actual = sha256Hex(bytes);
    if (actual !== String(file.sha256).toLowerCase()) {
      throw new ModelIntegrityError(`${name}: ${file.path} has sha256 ${actual}, the manifest says ${file.sha256}`);
    }
    files.set(file.path, bytes);
  }
  for (const required of Object.values(MODEL_PACKAGE_FILES)) {
    if (!files.has(required)) throw new ModelIntegrityError(`${name}: manifest does not list ${required}`);
  }
  const unlisted = Object.keys(entries).filter((p) => p !== 'manifest.json' && !p.endsWith('/') && !files.has(p));
  if (unlisted.length > 0) {
    throw new ModelIntegrityError(`${name}: files not covered by the manifest: ${unlisted.sort().join(', ')}`);
  }
  return { name, manifest, files };
}
