import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { build, Metafile, Plugin } from 'esbuild';

/** One input of a bundle and the bytes it left in the output. */
export interface BundleContributor {
  /** Package (`@aws-sdk/client-s3`, `@aad/core`) or `@aad/runtimes`. */
  readonly module: string;
  /** Input path relative to the workspace root. */
  readonly path: string;
  readonly bytes: number;
}

/** Size of one handler bundle. */
export interface BundleReport {
  readonly handler: string;
  /** The entry module, `dist/handlers/<name>/index.mjs`. */
  readonly outfile: string;
  /** Every JavaScript file of the bundle directory (entry and chunks, source maps excluded). */
  readonly bytes: number;
  /** The entry and the chunks it imports statically: what a cold start loads. */
  readonly initialBytes: number;
  /** esbuild metafile (`esbuild.analyzeMetafile` reads it), beside, not inside, the deployed directory. */
  readonly metafile: string;
  /** Bytes in the output per package, largest first. */
  readonly packages: readonly { readonly module: string; readonly bytes: number }[];
  /** The largest inputs, largest first. */
  readonly top: readonly BundleContributor[];
}

const PACKAGE_ROOT = join(__dirname, '..', '..');
const SRC_HANDLERS = join(PACKAGE_ROOT, 'src', 'handlers');
const DIST_HANDLERS = join(PACKAGE_ROOT, 'dist', 'handlers');
/** `@aad/core`'s TypeScript sources (ES modules): bundled from here so esbuild can tree-shake them. */
const CORE_SRC = join(PACKAGE_ROOT, '..', 'core', 'src');

/**
 * Resolves `@aad/core` to its TypeScript ES-module sources instead of the
 * compiled CommonJS `lib/` (which esbuild cannot tree-shake: a handler would
 * carry the config loader and `yaml`, the generators, the CLI helpers, …), and
 * marks every core module free of import side effects (true of core: no
 * module registers anything at import), so modules a handler does not use
 * are dropped whole.
 */
export function coreFromSourcePlugin(coreSrc = CORE_SRC): Plugin {
  const inCore = (p: string): boolean => p.startsWith(coreSrc + sep);
  return {
    name: 'aad-core-from-source',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^@aad\/core$/ }, () => ({
        path: join(coreSrc, 'index.ts'),
        sideEffects: false,
      }));
      pluginBuild.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (!inCore(args.importer) || (args.pluginData as { inner?: boolean } | undefined)?.inner) return undefined;
        const resolved = await pluginBuild.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { inner: true },
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { path: resolved.path, sideEffects: inCore(resolved.path) ? false : resolved.sideEffects };
      });
    },
  };
}

/** The package an input path belongs to. */
export function moduleOf(input: string): string {
  const nm = input.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = input.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (/(^|\/)core\/(src|lib)\//.test(input)) return '@aad/core';
  return '@aad/runtimes';
}

/** A metafile input path without the pnpm store prefix. */
function shortPath(input: string): string {
  const nm = input.lastIndexOf('node_modules/');
  return nm >= 0 ? input.slice(nm + 'node_modules/'.length) : input;
}

/** Output bytes per package and the largest inputs over every output of a metafile (paths relative to the package). */
export function contributors(meta: Metafile, top = 15): Pick<BundleReport, 'packages' | 'top'> {
  const bytes = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [path, info] of Object.entries(output.inputs)) {
      bytes.set(path, (bytes.get(path) ?? 0) + info.bytesInOutput);
    }
  }
  const inputs = [...bytes.entries()]
    .map(([path, n]) => ({ module: moduleOf(path), path: shortPath(path), bytes: n }))
    .filter((i) => i.bytes > 0);
  const byModule = new Map<string, number>();
  for (const i of inputs) byModule.set(i.module, (byModule.get(i.module) ?? 0) + i.bytes);
  return {
    packages: [...byModule.entries()].map(([module, n]) => ({ module, bytes: n })).sort((a, b) => b.bytes - a.bytes),
    top: inputs.sort((a, b) => b.bytes - a.bytes).slice(0, top),
  };
}

/** Bytes of the JavaScript outputs: all of them, and the entry plus what it imports statically (transitively). */
export function outputBytes(meta: Metafile): { readonly bytes: number; readonly initialBytes: number } {
  const js = Object.entries(meta.outputs).filter(([path]) => /\.m?js$/.test(path));
  // With code splitting, every import() target is an entry point too: the handler's is `index`.
  const entry = js.find(([path]) => /(^|\/)index\.m?js$/.test(path)) ?? js.find(([, o]) => o.entryPoint !== undefined);
  const initial = new Set<string>();
  const visit = (path: string): void => {
    if (initial.has(path) || !meta.outputs[path]) return;
    initial.add(path);
    for (const i of meta.outputs[path].imports) if (i.kind === 'import-statement') visit(i.path);
  };
  if (entry) visit(entry[0]);
  return {
    bytes: js.reduce((n, [, o]) => n + o.bytes, 0),
    initialBytes: [...initial].reduce((n, path) => n + meta.outputs[path].bytes, 0),
  };
}

/**
 * Bundles every `src/handlers/<name>.lambda.ts` with esbuild into the
 * directory `dist/handlers/<name>/` that `@aad/constructs` passes to
 * `lambda.Code.fromAsset` (handler `index.handler`): an ES module entry
 * `index.mjs` and chunks, minified, with source maps. Code the handler loads
 * with `import()` (clients only some invocations need, the SDK's credential
 * providers other than environment variables) is split into chunks that a
 * cold start does not read. The AWS SDK clients are bundled in, so the
 * deployed code does not depend on the SDK version of the runtime;
 * `@aad/core` is bundled from its sources ({@link coreFromSourcePlugin}). The
 * esbuild metafile of each handler goes to `dist/meta/<name>.json` (not into
 * the deployed directory).
 */
export async function bundleHandlers(srcDir = SRC_HANDLERS, outDir = DIST_HANDLERS): Promise<BundleReport[]> {
  const entries = readdirSync(srcDir)
    .filter((f) => f.endsWith('.lambda.ts'))
    .sort();
  const metaDir = join(outDir, '..', 'meta');
  mkdirSync(metaDir, { recursive: true });
  const reports: BundleReport[] = [];
  for (const file of entries) {
    const handler = basename(file, '.lambda.ts');
    const dir = join(outDir, handler);
    rmSync(dir, { recursive: true, force: true });
    const result = await build({
      entryPoints: { index: join(srcDir, file) },
      outdir: dir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      // CommonJS dependencies inside the ES module bundle still call require() for Node built-ins.
      banner: {
        js: "import { createRequire as __aadCreateRequire } from 'node:module'; const require = __aadCreateRequire(import.meta.url);",
      },
      minify: true,
      treeShaking: true,
      sourcemap: true,
      legalComments: 'none',
      logLevel: 'warning',
      metafile: true,
      absWorkingDir: PACKAGE_ROOT,
      // The SDK's ES module builds tree-shake far better than its CommonJS ones (about 35% smaller bundles).
      mainFields: ['module', 'main'],
      plugins: [coreFromSourcePlugin()],
    });
    const metafile = join(metaDir, `${handler}.json`);
    writeFileSync(metafile, JSON.stringify(result.metafile));
    reports.push({
      handler,
      outfile: join(dir, 'index.mjs'),
      metafile,
      ...outputBytes(result.metafile),
      ...contributors(result.metafile),
    });
  }
  return reports;
}

async function main(): Promise<void> {
  for (const r of await bundleHandlers()) {
    const rel = relative(process.cwd(), r.outfile);
    const pkgs = r.packages
      .slice(0, 4)
      .map((p) => `${p.module} ${(p.bytes / 1024).toFixed(0)}K`)
      .join(', ');
    process.stdout.write(
      `${r.handler.padEnd(16)} ${(r.bytes / 1024).toFixed(1).padStart(8)} KiB (${(r.initialBytes / 1024).toFixed(1)} KiB at cold start)  ${rel}  (${pkgs})\n`,
    );
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
