import { readAllowlistEntries, requireReason } from '../allowlist-file';
import { AllowlistError } from '../errors';
import { globToRegExp } from '../repo-files';
import { PiiKind } from './detectors';

/** One accepted PII-scan value: the exact value (or a regex), optionally limited to a kind and paths, with why. */
export interface PiiAllowlistEntry {
  /** Exact value (e.g. a dataset's placeholder IP `111.111.111.111`). */
  readonly value?: string;
  /** Regular expression over the value, when one entry covers a family of placeholders. */
  readonly pattern?: string;
  readonly kind?: PiiKind;
  /** Repository-relative glob of the files it covers; omitted = everywhere scanned. */
  readonly path?: string;
  /** Why this value is not personal data. Required, at least 20 characters. */
  readonly reason: string;
}

const KINDS: readonly PiiKind[] = ['email', 'phone', 'person-name', 'account-id', 'ip-address'];

/** Reads and validates a PII allowlist (`{ "entries": [...] }`); a missing file is an empty list. */
export function loadPiiAllowlist(file: string): PiiAllowlistEntry[] {
  return readAllowlistEntries(file).map((raw, i) => {
    const e = raw as Partial<PiiAllowlistEntry>;
    const label = `${file}: entries[${i}]`;
    if (e.value === undefined && e.pattern === undefined) {
      throw new AllowlistError(`${label}: "value" or "pattern" is required`);
    }
    if (e.pattern !== undefined) {
      try {
        new RegExp(e.pattern);
      } catch (error) {
        throw new AllowlistError(`${label}: "pattern" is not a valid regular expression: ${(error as Error).message}`);
      }
    }
    if (e.kind !== undefined && !KINDS.includes(e.kind)) {
      throw new AllowlistError(
        `${label}: "kind" must be one of ${KINDS.join(', ')}, received ${JSON.stringify(e.kind)}`,
      );
    }
    const reason = requireReason(e.reason, `${label} (${e.value ?? e.pattern})`);
    return { value: e.value, pattern: e.pattern, kind: e.kind, path: e.path, reason };
  });
}

/** The entry that allows `value` of `kind` in `file`, if any. */
export function piiAllowedBy(
  entries: readonly PiiAllowlistEntry[],
  file: string,
  kind: PiiKind,
  value: string,
): PiiAllowlistEntry | undefined {
  return entries.find(
    (e) =>
      (e.kind === undefined || e.kind === kind) &&
      (e.path === undefined || globToRegExp(e.path).test(file)) &&
      (e.value === value || (e.pattern !== undefined && new RegExp(`^(?:${e.pattern})$`).test(value))),
  );
}
