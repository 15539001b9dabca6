import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { listRepositoryFiles } from '../repo-files';
import { SecretAllowlistEntry, allowedBy } from './allowlist';

/** One secretlint finding (the secret itself is masked by secretlint). */
export interface SecretFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly rule: string;
  readonly message: string;
  /** The allowlist reason, when an entry covers it. */
  readonly allowedBecause?: string;
}

/** Result of {@link scanSecrets}. */
export interface SecretScanReport {
  readonly filesScanned: number;
  /** Findings outside the allowlist: any one fails the scan. */
  readonly findings: readonly SecretFinding[];
  readonly allowed: readonly SecretFinding[];
  /** Allowlist entries that matched nothing (stale entries to remove). */
  readonly unusedEntries: readonly SecretAllowlistEntry[];
}

interface SecretlintMessage {
  readonly ruleId: string;
  readonly message: string;
  readonly loc: { readonly start: { readonly line: number; readonly column: number } };
}

interface SecretlintResult {
  readonly filePath: string;
  readonly messages: readonly SecretlintMessage[];
}

/**
 * secretlint ships as ES modules only. It runs in a worker thread that
 * `require`s it with Node's own loader (Node 20.19+ loads ES modules through
 * `require`): the same code path in the CLI and under jest, whose module
 * registry cannot load ES modules before Node 24.9.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createEngine } = require(workerData.nodeModule);
const preset = require(workerData.presetModule);
const config = JSON.parse(workerData.config);
config.rules[0].rule = preset.creator;
createEngine({ cwd: workerData.cwd, formatter: 'json', color: false, maskSecrets: true, configFileJSON: config })
  .then((engine) => engine.executeOnFiles({ filePathList: workerData.files }))
  .then((result) => parentPort.postMessage({ output: result.output }))
  .catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
`;

async function runSecretlint(cwd: string, files: readonly string[]): Promise<string> {
  const config = secretlintConfig({ creator: undefined });
  const workerData = {
    cwd,
    files,
    config: JSON.stringify(config),
    nodeModule: require.resolve('@secretlint/node'),
    presetModule: require.resolve('@secretlint/secretlint-rule-preset-recommend'),
  };
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    worker.once('message', (message: { output?: string; error?: string }) => {
      void worker.terminate();
      if (message.error !== undefined) reject(new Error(`secretlint failed: ${message.error}`));
      else resolvePromise(message.output ?? '[]');
    });
    worker.once('error', reject);
  });
}

/**
 * Matches the AWS rule accepts (regex strings, as secretlint takes them):
 * values that are identifiers or documentation placeholders, not credentials.
 */
export const AWS_RULE_ALLOWS: readonly string[] = [
  // AWS documentation example keys and ids carry EXAMPLE (AKIAIOSFODNN7EXAMPLE, AKIAI44QH8DHBEXAMPLE).
  '/EXAMPLE/',
  // Unique ids of IAM users, roles, groups, policies and instance profiles: identifiers, not access keys.
  '/^(AIDA|AROA|AGPA|AIPA|ANPA|ANVA)[A-Z0-9]{16}$/',
  // Documentation account ids: one repeated digit, 1111-2222-3333 style, 123456789012.
  '/(\\d)\\1{3}-?\\1{4}-?\\1{4}["\']?$/',
  '/(\\d)\\1{3}-?(\\d)\\2{3}-?(\\d)\\3{3}["\']?$/',
  '/(123456789012|012345678901)["\']?$/',
];

/**
 * The secretlint configuration: the recommended preset (AWS, GCP, GitHub,
 * npm, Slack, private keys, basic auth, …) with the AWS rule's access-key-id
 * and account-id scan switched on (it is off by default), minus identifiers
 * and documentation placeholders ({@link AWS_RULE_ALLOWS}).
 */
export function secretlintConfig(preset: { creator: unknown }): Record<string, unknown> {
  return {
    rules: [
      {
        id: '@secretlint/secretlint-rule-preset-recommend',
        rule: preset.creator,
        rules: [
          { id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true, allows: [...AWS_RULE_ALLOWS] } },
        ],
      },
    ],
  };
}

/**
 * Scans every text file of the repository under `root` with secretlint and
 * splits the findings into allowed (an allowlist entry gives the reason) and
 * the rest, which fail the scan.
 *
 * @example
 * const report = await scanSecrets('.', loadSecretAllowlist('packages/guardrails/allowlists/secrets.allowlist.json'));
 */
export async function scanSecrets(root: string, allowlist: readonly SecretAllowlistEntry[]): Promise<SecretScanReport> {
  const files = listRepositoryFiles(root);
  const output = await runSecretlint(
    root,
    files.map((f) => join(root, f)),
  );
  const results = JSON.parse(output) as SecretlintResult[];
  const findings: SecretFinding[] = [];
  const allowed: SecretFinding[] = [];
  const used = new Set<SecretAllowlistEntry>();
  const byAbsolute = new Map(files.map((f) => [join(root, f), f]));
  for (const result of results) {
    const file = byAbsolute.get(result.filePath) ?? result.filePath;
    for (const m of result.messages) {
      const entry = allowedBy(allowlist, file, m.ruleId);
      const finding = {
        file,
        line: m.loc.start.line,
        column: m.loc.start.column + 1,
        rule: m.ruleId,
        message: m.message,
      };
      if (entry) {
        used.add(entry);
        allowed.push({ ...finding, allowedBecause: entry.reason });
      } else {
        findings.push(finding);
      }
    }
  }
  return { filesScanned: files.length, findings, allowed, unusedEntries: allowlist.filter((e) => !used.has(e)) };
}
