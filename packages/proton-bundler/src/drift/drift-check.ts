import { BundleManifest, ManifestTemplate, TemplateVersion, formatVersion } from '../manifest/bundle-manifest';
import { ContractChange, describeCodeChanges, diffTemplates } from '../manifest/contract-diff';

/** How one template differs between the lock file and the fresh build. */
export interface TemplateDrift {
  readonly name: string;
  readonly kind: ManifestTemplate['kind'];
  readonly status: 'added' | 'removed' | 'changed';
  /** Version in the lock file (absent for a new template). */
  readonly locked?: TemplateVersion;
  /** Version of the fresh build (absent for a removed template). */
  readonly built?: TemplateVersion;
  readonly breaking: boolean;
  readonly changes: readonly ContractChange[];
  /** Code asset changes that come with the contract change (informational). */
  readonly notes: readonly string[];
}

/** A template whose contract matches the lock but whose code assets or bytes changed: informational, not drift. */
export interface CodeChange {
  readonly name: string;
  readonly kind: ManifestTemplate['kind'];
  readonly version: TemplateVersion;
  /** Readable lines: asset hashes, bundle/template/source sha256. */
  readonly notes: readonly string[];
}

/** Result of {@link checkDrift}: empty `templates` means no drift. */
export interface DriftReport {
  readonly lockFile: string;
  readonly manifestFile: string;
  /** Templates compared (in the lock or in the build). */
  readonly compared: number;
  readonly templates: readonly TemplateDrift[];
  /** Templates with the locked contract but new code assets (a Lambda code change): never drift. */
  readonly codeChanges: readonly CodeChange[];
}

/**
 * Compares the fresh manifest with the committed lock file, template by
 * template: the contract fingerprint (asset hashes normalized), inputs
 * against the schema, environment outputs read, outputs, compatibility and
 * versions. A template that differs only in its code assets (Lambda code,
 * so asset hashes, asset key defaults and byte hashes) is listed in
 * `codeChanges`, not as drift.
 *
 * @example checkDrift(lock, fresh, 'manifest.lock.json', 'dist/proton/manifest.json').templates.length // 0
 */
export function checkDrift(
  lock: BundleManifest,
  fresh: BundleManifest,
  lockFile: string,
  manifestFile: string,
): DriftReport {
  const templates: TemplateDrift[] = [];
  const codeChanges: CodeChange[] = [];
  const names = new Set([...lock.templates.map((t) => t.name), ...fresh.templates.map((t) => t.name)]);
  for (const name of names) {
    const before = lock.templates.find((t) => t.name === name);
    const after = fresh.templates.find((t) => t.name === name);
    if (!before && after) {
      templates.push({
        name,
        kind: after.kind,
        status: 'added',
        built: after.version,
        breaking: false,
        changes: [],
        notes: [],
      });
    } else if (before && !after) {
      templates.push({
        name,
        kind: before.kind,
        status: 'removed',
        locked: before.version,
        breaking: true,
        changes: [],
        notes: [],
      });
    } else if (before && after) {
      const changes = [...diffTemplates(before, after)];
      const notes = describeCodeChanges(before, after);
      if (changes.length === 0 && formatVersion(before.version) !== formatVersion(after.version)) {
        changes.push({
          kind: 'bundle',
          sign: '~',
          text: `version ${formatVersion(before.version)} → ${formatVersion(after.version)} with identical contents`,
          breaking: false,
        });
      }
      if (changes.length > 0) {
        templates.push({
          name,
          kind: after.kind,
          status: 'changed',
          locked: before.version,
          built: after.version,
          breaking: changes.some((c) => c.breaking),
          changes,
          notes,
        });
      } else if (notes.length > 0) {
        codeChanges.push({ name, kind: after.kind, version: after.version, notes });
      }
    }
  }
  return { lockFile, manifestFile, compared: names.size, templates, codeChanges };
}

/** The command that accepts a new contract. */
export const ACCEPT_COMMAND = 'npx projen drift:update';

function headline(t: TemplateDrift): string {
  if (t.status === 'added') return `+ ${t.name} (${t.kind}): new template, version ${formatVersion(t.built!)}`;
  if (t.status === 'removed') {
    return `- ${t.name} (${t.kind}): removed (was ${formatVersion(t.locked!)}) [breaking]`;
  }
  const bump = t.built!.major !== t.locked!.major ? 'major: breaking' : 'minor: compatible';
  return `~ ${t.name} (${t.kind}): ${formatVersion(t.locked!)} → ${formatVersion(t.built!)} (${bump})`;
}

/** Text: indented changes under each template. Markdown (`diff` block): signs in column 0, `@@` headlines. */
function diffLines(report: DriftReport, markdown = false): string[] {
  const lines: string[] = [];
  for (const t of report.templates) {
    const head = headline(t);
    lines.push(markdown && t.status === 'changed' ? `@@ ${head.slice(2)} @@` : head);
    for (const c of t.changes) {
      const text = `${c.text}${c.breaking ? ' [breaking]' : ''}`;
      lines.push(markdown ? `${c.sign === '~' ? '!' : c.sign}   ${text}` : `    ${c.sign} ${text}`);
    }
    for (const note of t.notes) lines.push(markdown ? `    ${note} (not a contract change)` : `    · ${note}`);
  }
  return lines;
}

/** Headline of the code-only changes, then one line per template and note. */
function codeChangeLines(report: DriftReport, markdown = false): string[] {
  if (report.codeChanges.length === 0) return [];
  const lines = [
    `Code assets changed: not a contract change (${report.codeChanges.length} template(s) keep their version; ` +
      'the byte hashes are informational):',
  ];
  for (const t of report.codeChanges) {
    lines.push(
      markdown ? `- \`${t.name}\` ${formatVersion(t.version)}` : `· ${t.name} (${t.kind}) ${formatVersion(t.version)}`,
    );
    for (const note of t.notes) lines.push(markdown ? `  - ${note}` : `    · ${note}`);
  }
  return lines;
}

function summary(report: DriftReport): string {
  const breaking = report.templates.filter((t) => t.breaking).length;
  return `${report.templates.length} of ${report.compared} template(s) drifted${breaking > 0 ? ` (${breaking} breaking)` : ''}`;
}

/** A readable diff for the terminal (and CI logs); `accepting` leaves out the how-to-accept advice. */
export function renderDriftText(report: DriftReport, accepting = false): string {
  const code = codeChangeLines(report);
  if (report.templates.length === 0) {
    return [`No drift: ${report.compared} template(s) match the lock file ${report.lockFile}.`, ...code, ''].join('\n');
  }
  if (accepting) {
    return [`Accepting into ${report.lockFile}:`, '', ...diffLines(report), ...code, ''].join('\n');
  }
  return [
    `Drift between the lock file ${report.lockFile} and the build ${report.manifestFile}:`,
    '',
    ...diffLines(report),
    ...(code.length > 0 ? ['', ...code] : []),
    '',
    `${summary(report)}. If the change is intended, accept the new contract:`,
    `  ${ACCEPT_COMMAND}   (in packages/proton-bundler; or: proton-bundle drift --update after a build)`,
    `and commit ${report.lockFile} with the change; a major version means existing environments or`,
    'service instances need a migration (see docs/adr/0007-proton-and-service-catalog.md).',
    '',
  ].join('\n');
}

/** The same diff as Markdown, for the nightly workflow's GitHub issue. */
export function renderDriftMarkdown(report: DriftReport): string {
  const code = codeChangeLines(report, true);
  if (report.templates.length === 0) {
    return [
      `No drift: ${report.compared} template(s) match \`${report.lockFile}\`.`,
      ...(code.length > 0 ? ['', ...code] : []),
      '',
    ].join('\n');
  }
  const rows = report.templates.map(
    (t) =>
      `| \`${t.name}\` | ${t.kind} | ${t.locked ? formatVersion(t.locked) : '—'} | ${t.built ? formatVersion(t.built) : '—'} | ${t.status}${t.breaking ? ' (breaking)' : ''} |`,
  );
  return [
    '## Template contract drift',
    '',
    `${summary(report)} between \`${report.lockFile}\` and a fresh synth.`,
    '',
    '| template | kind | lock | build | change |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    '```diff',
    ...diffLines(report, true),
    '```',
    '',
    ...(code.length > 0 ? [...code, ''] : []),
    `If the change is intended, run \`${ACCEPT_COMMAND}\` in \`packages/proton-bundler\` and commit ` +
      `\`${report.lockFile}\` in the pull request that changes the constructs.`,
    '',
  ].join('\n');
}

/** The report as stable JSON. */
export function renderDriftJson(report: DriftReport): string {
  return `${JSON.stringify({ drift: report.templates.length > 0, ...report }, null, 2)}\n`;
}
