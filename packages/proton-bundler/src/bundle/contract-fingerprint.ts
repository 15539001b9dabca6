import { compareText } from './cfn-template';
import { BundleFile } from './tarball';
import { sha256 } from './template-bundle';

/**
 * What every file asset hash becomes in the contract fingerprint. A Lambda
 * code change gives the asset a new content hash (and so a new default
 * object key `cdk-assets/<hash>.zip`), not a new contract.
 */
export const ASSET_HASH_PLACEHOLDER = '<asset-hash>';

/**
 * `text` with every occurrence of the given asset hashes replaced by
 * {@link ASSET_HASH_PLACEHOLDER}. Only the hashes of the template's own file
 * assets are replaced, so any other hex string stays part of the contract.
 *
 * @example normalizeAssetHashes('Default: cdk-assets/ab12….zip', ['ab12…']) // 'Default: cdk-assets/<asset-hash>.zip'
 */
export function normalizeAssetHashes(text: string, assetHashes: readonly string[]): string {
  // Longest first, so a hash that contains another one is replaced whole.
  const hashes = [...new Set(assetHashes.filter((h) => h.length > 0))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const hash of hashes) out = out.split(hash).join(ASSET_HASH_PLACEHOLDER);
  return out;
}

/**
 * sha256 of a template's published contract: every file of the Proton bundle
 * and the Service Catalog template, by path, with the template's asset hashes
 * normalized ({@link normalizeAssetHashes}). Equal for two builds that differ
 * only in Lambda code (asset contents); different for any change of a
 * parameter, input, output, resource, description or file layout.
 *
 * @example contractFingerprint(bundle.files, bundle.assets.map((a) => a.hash))
 */
export function contractFingerprint(files: readonly BundleFile[], assetHashes: readonly string[]): string {
  const parts = [...files]
    .sort((a, b) => compareText(a.path, b.path))
    .map((f) => `${f.path}\0${normalizeAssetHashes(f.content, assetHashes)}\0`);
  return sha256(parts.join(''));
}
