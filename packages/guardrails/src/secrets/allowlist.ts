import { existsSync, readFileSync } from 'node:fs';
import { AllowlistError } from '../errors';
import { globToRegExp } from '../repo-files';

/** One accepted secret-scan finding: where (glob), which rule, and why it is not a secret. */
export interface SecretAllowlistEntry {
  /** Repository-relative glob of the files it covers. */
  readonly path: string;
  /** secretlint rule id (e.g. `@secretlint/secretlint-rule-aws`); omitted = every rule. */
  readonly rule?: string;
  /** Why this is not a secret. Required, at least 20 characters. */
  readonly reason: string;
}

export const MIN_REASON_LENGTH = 20;

/** Reads and validates an allowlist file (`{ "entries": [...] }`); a missing file is an empty list. */
export function loadSecretAllowlist(file: string): SecretAllowlistEntry[] {
  if (!existsSync(file)) return [];
  let doc: { entries?: unknown };
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as { entries?: unknown };
  } catch (error) {
    throw new AllowlistError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(doc.entries)) throw new AllowlistError(`${file}: "entries" must be an array`);
  return doc.entries.map((raw, i) => {
    const e = raw as Partial<SecretAllowlistEntry>;
    if (typeof e.path !== 'string' || e.path === '') {
      throw new AllowlistError(`${file}: entries[${i}]: "path" is required`);
    }
    if (typeof e.reason !== 'string' || e.reason.trim().length < MIN_REASON_LENGTH) {
      throw new AllowlistError(
        `${file}: entries[${i}] (${e.path}): "reason" is required and must say why (at least ${MIN_REASON_LENGTH} characters)`,
      );
    }
    return { path: e.path, rule: e.rule, reason: e.reason.trim() };
  });
}

/** The entry that allows a finding of `rule` in `path`, if any. */
export function allowedBy(
  entries: readonly SecretAllowlistEntry[],
  path: string,
  rule: string,
): SecretAllowlistEntry | undefined {
  return entries.find((e) => globToRegExp(e.path).test(path) && (e.rule === undefined || e.rule === rule));
}
