import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { GuardIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';

/** The repository root (four levels above this file). */
export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
export const CONFIG_DIR = join(REPO_ROOT, 'config');
export const FIXTURES = join(__dirname, '..', '_fixtures');
export const COMPLIANT = join(FIXTURES, 'cdk-compliant');
export const PROBLEMS = join(FIXTURES, 'cdk-problems');

export function tempDir(prefix = 'aad-guard-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface RunResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `aad-guard` in-process with captured output; the working directory defaults to a fresh temp folder. */
export async function run(argv: string[], io: Partial<GuardIo> = {}): Promise<RunResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(argv, { stdout, stderr, env: {}, cwd: tempDir(), ...io });
  return { code, out, err };
}
