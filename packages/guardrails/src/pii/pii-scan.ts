import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { globToRegExp, listRepositoryFiles } from '../repo-files';
import { PiiAllowlistEntry, piiAllowedBy } from './allowlist';
import { PiiKind, detectPii, displayValue } from './detectors';

/**
 * What the PII scan reads by default (repository-relative globs): entity
 * lists, training data, test fixtures, model artifacts and configuration.
 */
export const DEFAULT_PII_SCOPE: readonly string[] = [
  'packages/*/models/**',
  'packages/*/data/**',
  'packages/*/test/_fixtures/**',
  'packages/*/src/**/*.{json,jsonl,csv,txt}',
  'data/**',
  'samples/**',
  'config/*.yml',
  '**/*entit*.{json,jsonl,csv,txt}',
  '**/*training*.{json,jsonl,csv,txt}',
];

/** Text extensions the scan reads. */
const TEXT_FILE = /\.(json|jsonl|ndjson|csv|tsv|txt|ya?ml|log|conll|iob)$/i;

/** One PII finding. */
export interface PiiFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly kind: PiiKind;
  /** Masked for emails, phones and names. */
  readonly value: string;
  readonly allowedBecause?: string;
}

/** Result of {@link scanPii}. */
export interface PiiScanReport {
  readonly filesScanned: readonly string[];
  readonly findings: readonly PiiFinding[];
  readonly allowed: number;
  readonly countsByKind: Readonly<Record<PiiKind, number>>;
  readonly unusedEntries: readonly PiiAllowlistEntry[];
}

function expandBraces(glob: string): string[] {
  const m = /\{([^{}]+)\}/.exec(glob);
  if (!m) return [glob];
  return m[1].split(',').flatMap((alt) => expandBraces(glob.replace(m[0], alt)));
}

/** Files under `root` matched by the scope globs, plus extra paths (files or folders, absolute or relative). */
export function piiFiles(
  root: string,
  scope: readonly string[],
  extraPaths: readonly string[] = [],
): { path: string; display: string }[] {
  const patterns = scope.flatMap(expandBraces).map(globToRegExp);
  const files = listRepositoryFiles(root)
    .filter((f) => TEXT_FILE.test(f) && patterns.some((p) => p.test(f)))
    .map((f) => ({ path: join(root, f), display: f }));
  for (const extra of extraPaths) {
    const abs = isAbsolute(extra) ? extra : join(root, extra);
    if (!existsSync(abs)) continue;
    const found = statSync(abs).isDirectory()
      ? listRepositoryFiles(abs)
          .filter((f) => TEXT_FILE.test(f))
          .map((f) => join(abs, f))
      : [abs];
    for (const path of found) {
      const rel = relative(root, path);
      files.push({ path, display: rel.startsWith('..') ? path : rel.split('\\').join('/') });
    }
  }
  const unique = new Map(files.map((f) => [f.path, f]));
  return [...unique.values()].sort((a, b) => a.display.localeCompare(b.display));
}

/**
 * Scans training data, entity lists, fixtures, model artifacts and config
 * for personal data and real identifiers: emails outside reserved domains,
 * phone numbers, person-like names in IAM identities, account ids outside the
 * documentation placeholders, IPs outside documentation/private ranges.
 * Values on the allowlist (each with a reason) are counted, not reported.
 */
export function scanPii(
  root: string,
  allowlist: readonly PiiAllowlistEntry[],
  options: { readonly scope?: readonly string[]; readonly extraPaths?: readonly string[] } = {},
): PiiScanReport {
  const files = piiFiles(root, options.scope ?? DEFAULT_PII_SCOPE, options.extraPaths);
  const findings: PiiFinding[] = [];
  const used = new Set<PiiAllowlistEntry>();
  let allowed = 0;
  const countsByKind: Record<PiiKind, number> = {
    email: 0,
    phone: 0,
    'person-name': 0,
    'account-id': 0,
    'ip-address': 0,
  };
  for (const { path, display } of files) {
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.forEach((text, i) => {
      for (const match of detectPii(text)) {
        const entry = piiAllowedBy(allowlist, display, match.kind, match.value);
        if (entry) {
          used.add(entry);
          allowed++;
          continue;
        }
        countsByKind[match.kind]++;
        findings.push({
          file: display,
          line: i + 1,
          column: match.column,
          kind: match.kind,
          value: displayValue(match),
        });
      }
    });
  }
  return {
    filesScanned: files.map((f) => f.display),
    findings,
    allowed,
    countsByKind,
    unusedEntries: allowlist.filter((e) => !used.has(e)),
  };
}
