import { MIN_REASON_LENGTH, readAllowlistEntries, requireReason } from '../allowlist-file';
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

export { MIN_REASON_LENGTH };

/** Reads and validates an allowlist file (`{ "entries": [...] }`); a missing file is an empty list. */
export function loadSecretAllowlist(file: string): SecretAllowlistEntry[] {
  return readAllowlistEntries(file).map((raw, i) => {
    const e = raw as Partial<SecretAllowlistEntry>;
    if (typeof e.path !== 'string' || e.path === '') {
      throw new AllowlistError(`${file}: entries[${i}]: "path" is required`);
    }
    return { path: e.path, rule: e.rule, reason: requireReason(e.reason, `${file}: entries[${i}] (${e.path})`) };
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
