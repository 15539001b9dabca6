import { createHash } from 'node:crypto';

/**
 * Stable id of a record that has no CloudTrail `eventID`: the first 32 hex
 * digits of SHA-256 over `source`, a NUL and the line (or `#index`). The same
 * file read twice gives the same ids; a different file name gives new ones.
 */
export function stableLogId(source: string, line: number | undefined, index?: number): string {
  const where = line !== undefined ? String(line) : `#${index ?? 0}`;
  return createHash('sha256').update(source).update('\0').update(where).digest('hex').slice(0, 32);
}
