import { existsSync, readFileSync } from 'node:fs';
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
  if (!existsSync(file)) return [];
  let doc: { entries?: unknown };
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as { entries?: unknown };
  } catch (error) {
    throw new AllowlistError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(doc.entries)) throw new AllowlistError(`${file}: "entries" must be an array`);
  return doc.entries.map((raw, i) => {
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
    if (typeof e.reason !== 'string' || e.reason.trim().length < 20) {
      throw new AllowlistError(
        `${label} (${e.value ?? e.pattern}): "reason" is required and must say why (at least 20 characters)`,
      );
    }
    return { value: e.value, pattern: e.pattern, kind: e.kind, path: e.path, reason: e.reason.trim() };
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
