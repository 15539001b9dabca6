import { isAbsolute, relative } from 'node:path';
import { Writable } from 'node:stream';
import { ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../errors';

/** Output streams and working directory, so tests run the CLI in-process. */
export interface BundlerIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly cwd: string;
}

/** Exit codes of every command. */
export const EXIT = {
  /** Success (and no drift). */
  ok: 0,
  /** Failed: invalid input, validation errors, drift, a missing build or lock file. */
  failed: 1,
  /** Usage error: unknown command or option, missing or invalid option value, a publish without --dry-run. */
  usage: 2,
} as const;

/** One `proton-bundle` command. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Full `--help` text. */
  readonly help: string;
  run(args: readonly string[], io: BundlerIo): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** `parseArgs` in strict mode, with its errors turned into {@link UsageError}. */
export function parseCommandArgs<T extends Options>(
  args: readonly string[],
  options: T,
  allowPositionals = false,
): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals,
    });
    return { values: values as Record<string, string | boolean | string[] | undefined>, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A string option's value, or its default. */
export function stringOption(values: Record<string, unknown>, name: string, fallback: string): string;
export function stringOption(values: Record<string, unknown>, name: string): string | undefined;
export function stringOption(values: Record<string, unknown>, name: string, fallback?: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : fallback;
}

/** An enumerated option: its value must be one of `allowed`. */
export function choiceOption<T extends string>(
  values: Record<string, unknown>,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = stringOption(values, name, fallback);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, received '${value}'`);
  }
  return value as T;
}

/** Shared last lines of every help text. */
export const EXIT_CODES_HELP =
  'Exit codes: 0 ok, 1 failed (invalid input, validation errors, drift), 2 usage error (including a publish without --dry-run).';

/** `path` relative to `cwd` when it is inside it (`dist/proton`), else absolute: what the CLI prints. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  if (rel === '') return '.';
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
