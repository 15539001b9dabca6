import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { LoadedBundle, inferKind, outputsOf, validateBundle } from './bundle-validator';
import { compareText } from '../bundle/cfn-template';
import { BundleFile, readTarball } from '../bundle/tarball';
import { sha256 } from '../bundle/template-bundle';
import { BundlerError, ValidationIssue } from '../errors';
import { BundleManifest, readManifest } from '../manifest/bundle-manifest';

/** Bundles found in a directory, with what the manifest (if any) says about them. */
export interface LoadedBundleSet {
  readonly bundles: readonly LoadedBundle[];
  readonly manifest?: BundleManifest;
  /** Problems found while loading: a missing or corrupt tarball, a digest that does not match the manifest. */
  readonly issues: readonly ValidationIssue[];
}

const TARBALL = /\.tar\.gz$/;

function readDirectoryFiles(dir: string): BundleFile[] {
  const files: BundleFile[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current).sort(compareText)) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.push({ path: relative(dir, path).split(sep).join('/'), content: readFileSync(path, 'utf8') });
    }
  };
  walk(dir);
  return files;
}

async function loadTarball(name: string, file: string, issues: ValidationIssue[]): Promise<LoadedBundle | undefined> {
  try {
    return { name, files: await readTarball(readFileSync(file)) };
  } catch (error) {
    issues.push({
      bundle: name,
      file: basename(file),
      path: '(file)',
      message: `not a gzipped tar archive: ${(error as Error).message}`,
    });
    return undefined;
  }
}

/**
 * Loads the bundles of `dir`: a single bundle directory (with
 * `schema/schema.yaml`), a `dist/proton` directory with `manifest.json`
 * (tarballs checked against their recorded sha256 and size), or a directory
 * of `*.tar.gz` files and bundle directories.
 */
export async function loadBundles(dir: string): Promise<LoadedBundleSet> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new BundlerError(`${dir}: no such directory`);
  }
  if (existsSync(join(dir, 'schema', 'schema.yaml'))) {
    return { bundles: [{ name: basename(dir), files: readDirectoryFiles(dir) }], issues: [] };
  }
  const issues: ValidationIssue[] = [];
  const bundles: LoadedBundle[] = [];
  const manifestFile = join(dir, 'manifest.json');
  if (existsSync(manifestFile)) {
    const manifest = readManifest(manifestFile);
    for (const template of manifest.templates) {
      const file = join(dir, template.bundle.file);
      if (!existsSync(file)) {
        issues.push({
          bundle: template.name,
          file: template.bundle.file,
          path: '(file)',
          message: 'listed in manifest.json but missing',
        });
        continue;
      }
      const bytes = readFileSync(file);
      if (sha256(bytes) !== template.bundle.sha256 || bytes.length !== template.bundle.size) {
        issues.push({
          bundle: template.name,
          file: template.bundle.file,
          path: '(file)',
          message: `sha256 ${sha256(bytes)} (${bytes.length} bytes) does not match manifest.json (${template.bundle.sha256}, ${template.bundle.size} bytes)`,
        });
      }
      const loaded = await loadTarball(template.name, file, issues);
      if (loaded) bundles.push({ ...loaded, kind: template.kind });
    }
    return { bundles, manifest, issues };
  }
  const entries = readdirSync(dir).sort(compareText);
  for (const entry of entries.filter((e) => TARBALL.test(e))) {
    const loaded = await loadTarball(entry.replace(TARBALL, ''), join(dir, entry), issues);
    if (loaded) bundles.push(loaded);
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory() && existsSync(join(path, 'schema', 'schema.yaml'))) {
      if (!bundles.some((b) => b.name === entry)) bundles.push({ name: entry, files: readDirectoryFiles(path) });
    }
  }
  if (bundles.length === 0 && issues.length === 0) {
    throw new BundlerError(`${dir}: no template bundle here (no manifest.json, *.tar.gz or */schema/schema.yaml)`);
  }
  return { bundles, issues };
}

/**
 * Validates every bundle of a set. A service bundle resolves
 * `{{ environment.outputs.X }}` against the environment template the
 * manifest names as compatible, or else against every environment bundle
 * of the set and of `extraEnvironments`.
 */
export function validateBundleSet(
  set: LoadedBundleSet,
  extraEnvironments: readonly LoadedBundle[] = [],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [...set.issues];
  const environments = [...set.bundles, ...extraEnvironments].filter(
    (b) => (b.kind ?? inferKind(b.files)) === 'environment',
  );
  const outputs = new Map(environments.map((e) => [e.name, outputsOf(e)]));
  for (const bundle of set.bundles) {
    const entry = set.manifest?.templates.find((t) => t.name === bundle.name);
    const compatible = entry?.compatibleEnvironmentTemplates.map((c) => c.name).filter((n) => outputs.has(n)) ?? [];
    const candidates = compatible.length > 0 ? compatible : [...outputs.keys()];
    const environment =
      candidates.length > 0
        ? {
            name: candidates.join(' or '),
            outputs: new Set(candidates.flatMap((n) => [...outputs.get(n)!])),
          }
        : undefined;
    issues.push(...validateBundle(bundle, { environment, criticalOutputs: entry?.criticalOutputs }));
  }
  return issues;
}
