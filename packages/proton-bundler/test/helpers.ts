import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { PassThrough } from 'node:stream';
import { CfnTemplate } from '../src';
import { main } from '../src/cli/main';

/** The hand-written cloud assembly: aad-dev-detector (environment) and aad-dev-team-pipeline (service). */
export const FIXTURE = join(__dirname, '_fixtures', 'cdk.out');
export const GOLDEN = join(__dirname, '_golden');

/** Regenerate golden files with `UPDATE_GOLDEN=1 npx jest`; never in CI. */
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/** A fresh temporary directory. */
export function tempDir(prefix = 'aad-bundler-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A copy of the fixture cloud assembly that a test may change. */
export function copyFixture(): string {
  const dir = join(tempDir(), 'cdk.out');
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

/** Reads, changes and writes back one template of a cloud assembly copy. */
export function editTemplate(cdkOut: string, stack: string, edit: (t: CfnTemplate) => void): void {
  const file = join(cdkOut, `${stack}.template.json`);
  const template = JSON.parse(readFileSync(file, 'utf8')) as CfnTemplate;
  edit(template);
  writeFileSync(file, JSON.stringify(template, null, 1));
}

/** The Lambda code asset the fixture's enrichment function (in both stacks) reads. */
export const FIXTURE_CODE_ASSET = '2519117d1d72b5f7ae0915c7597fbb3fd67081cca8d927b6c587ea680f2c5704';

/**
 * What a Lambda code change does to a cloud assembly copy: the asset gets a
 * new content hash in every template and asset manifest (object keys,
 * `aws:asset:path` metadata) and its `asset.<hash>` source is renamed.
 */
export function changeAssetHash(cdkOut: string, from: string, to: string): void {
  for (const entry of readdirSync(cdkOut)) {
    const path = join(cdkOut, entry);
    if (entry.endsWith('.json')) {
      writeFileSync(path, readFileSync(path, 'utf8').split(from).join(to));
    } else if (entry.includes(from)) {
      renameSync(path, join(cdkOut, entry.split(from).join(to)));
    }
  }
}

/** Result of an in-process CLI run. */
export interface RunResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `proton-bundle` in-process. */
export async function run(argv: string[], cwd = process.cwd()): Promise<RunResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(argv, { stdout, stderr, cwd });
  return { code, out, err };
}

/** Every file under `dir`, relative, `/`-separated, sorted. */
export function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current).sort()) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(dir, path).split(sep).join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

/** Writes `files` into a golden directory (UPDATE_GOLDEN=1 only). */
export function writeGolden(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, ...path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}
