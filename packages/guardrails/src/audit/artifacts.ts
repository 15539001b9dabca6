import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditReport, InventoryRow } from './engine';
import { SEVERITIES } from './rule';

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const INVENTORY_COLUMNS: readonly (keyof InventoryRow)[] = [
  'stack',
  'logicalId',
  'type',
  'encryption',
  'tags',
  'publicExposure',
  'cdkPath',
];

/** `infra_inventory.csv`: one row per resource (resource, type, stack, encryption, tags, public exposure). */
export function inventoryCsv(rows: readonly InventoryRow[]): string {
  const header = ['stack', 'resource', 'type', 'encryption', 'tags', 'public_exposure', 'cdk_path'].join(',');
  const lines = rows.map((r) => INVENTORY_COLUMNS.map((c) => csvField(String(r[c]))).join(','));
  return `${[header, ...lines].join('\n')}\n`;
}

/** The report without its inventory (which has its own CSV file). */
export function withoutInventory(report: AuditReport): Omit<AuditReport, 'inventory'> {
  const rest: { -readonly [K in keyof AuditReport]?: AuditReport[K] } = { ...report };
  delete rest.inventory;
  return rest as Omit<AuditReport, 'inventory'>;
}

/** The stable JSON written to `findings.json` (no inventory; it has its own file). */
export function findingsJson(report: AuditReport, generatedAt?: string): string {
  return `${JSON.stringify({ format: 'aad-audit/v1', ...(generatedAt ? { generatedAt } : {}), ...withoutInventory(report) }, null, 2)}\n`;
}

function where(f: AuditReport['findings'][number]): string {
  if (f.file) return `${f.file}${f.line ? `:${f.line}` : ''}`;
  return [f.stack, f.logicalId].filter(Boolean).join(' / ');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The markdown summary (`audit-summary.md`): counts per severity, then every finding. */
export function auditSummaryMarkdown(report: AuditReport): string {
  const lines = [
    '# Deploy-readiness audit',
    '',
    `Stacks: ${report.stacks.join(', ')} · resources: ${report.resourcesScanned} · rules: ${report.rules.length}`,
    '',
    `**Result: ${report.passed ? 'PASS' : 'FAIL'}** (fails on any Critical or High finding)`,
    '',
    '## Findings summary',
    '',
    ...SEVERITIES.map((s) => `- **${s}:** ${report.counts[s]}`),
    `- acknowledged (not counted): ${report.acknowledged.length}`,
    '',
  ];
  if (report.findings.length > 0) {
    lines.push('## Findings', '', '| severity | rule | where | reason | fix |', '|---|---|---|---|---|');
    for (const f of report.findings) {
      lines.push(
        `| ${f.severity} | \`${f.ruleId}\` | ${escapeCell(where(f))} | ${escapeCell(f.reason)} | ${escapeCell(f.remediation)} |`,
      );
    }
    lines.push('');
  }
  if (report.acknowledged.length > 0) {
    lines.push('## Acknowledged', '', '| severity | rule | where | reason given |', '|---|---|---|---|');
    for (const f of report.acknowledged) {
      lines.push(`| ${f.severity} | \`${f.ruleId}\` | ${escapeCell(where(f))} | ${escapeCell(f.acknowledged ?? '')} |`);
    }
    lines.push('');
  }
  if (report.skipped.length > 0) {
    lines.push('## Skipped rules', '', ...report.skipped.map((s) => `- \`${s.ruleId}\`: ${s.reason}`), '');
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `infra_inventory.csv`, `findings.json` and `audit-summary.md` into `dir`; returns their paths. */
export function writeAuditArtifacts(report: AuditReport, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    ['infra_inventory.csv', inventoryCsv(report.inventory)],
    ['findings.json', findingsJson(report)],
    ['audit-summary.md', auditSummaryMarkdown(report)],
  ];
  return files.map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
}
