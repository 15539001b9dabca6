import { existsSync, readFileSync } from 'node:fs';
import { AllowlistError } from './errors';

/** The shortest reason an allowlist entry may give. */
export const MIN_REASON_LENGTH = 20;

/**
 * The raw entries of an allowlist file (`{ "entries": [...] }`), for the
 * scan that owns the file to validate; a missing file is an empty list.
 *
 * @throws AllowlistError not JSON, or no `entries` array
 */
export function readAllowlistEntries(file: string): unknown[] {
  if (!existsSync(file)) return [];
  let doc: { entries?: unknown };
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as { entries?: unknown };
  } catch (error) {
    throw new AllowlistError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(doc.entries)) throw new AllowlistError(`${file}: "entries" must be an array`);
  return doc.entries;
}

/**
 * The trimmed reason of an entry.
 *
 * @throws AllowlistError naming the entry (`label`) when the reason is missing or shorter than {@link MIN_REASON_LENGTH}
 */
export function requireReason(reason: unknown, label: string): string {
  if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
    throw new AllowlistError(
      `${label}: "reason" is required and must say why (at least ${MIN_REASON_LENGTH} characters)`,
    );
  }
  return reason.trim();
}
