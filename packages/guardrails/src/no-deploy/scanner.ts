import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { hasAllowCheck, hasApplyCheck, matchDeployCommand, segments } from './deploy-commands';

/** A deploy command that is not behind the deploy gate. */
export interface UngatedDeployCommand {
  /** Path relative to the scanned root, with `/` separators. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** Kind of command, e.g. `cdk-deploy`. */
  readonly kind: string;
  /** The matched words, e.g. `cdk deploy`. */
  readonly summary: string;
  /** The source line, trimmed. */
  readonly text: string;
}

/** Result of {@link scanRepository}. */
export interface NoDeployReport {
  readonly root: string;
  /** Files read, relative to root. */
  readonly filesScanned: readonly string[];
  /** Deploy commands found behind the gate (allowed). */
  readonly gated: number;
  readonly violations: readonly UngatedDeployCommand[];
}

/** Folders never scanned: dependencies, build output, VCS data. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  '.git',
  'lib',
  'dist',
  'cdk.out',
  'coverage',
  'test-reports',
  'bench-results',
  'audit_artifacts',
]);

type FileKind = 'shell' | 'script' | 'package-json' | 'projen-tasks' | 'workflow';

/** Which scanner reads `path` (relative, `/`-separated), or undefined when the file is not a script. */
export function fileKindOf(path: string): FileKind | undefined {
  const name = basename(path);
  const ext = extname(name);
  if (name === 'package.json') return 'package-json';
  if (path.endsWith('.projen/tasks.json')) return 'projen-tasks';
  if (/(^|\/)\.github\/(workflows\/[^/]+|actions\/.+\/action)\.ya?ml$/.test(path)) return 'workflow';
  if (ext === '.sh' || ext === '.bash' || name === 'Makefile' || /(^|\/)\.ci\/[^/.]+$/.test(path)) return 'shell';
  if (/(^|\/)scripts\//.test(path) && ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'].includes(ext)) return 'script';
  return undefined;
}

/**
 * Scans a repository for deploy commands that are not behind the deploy gate.
 *
 * A deploy command is *gated* when the condition it runs under contains both
 * a comparison of `ALLOW_AWS_DEPLOY` with 1 and a check of the explicit
 * `--apply` flag. The condition is: the commands before it in the same `&&`
 * chain, the enclosing shell `if`, a guard line earlier in the script that
 * exits when the gate fails, the enclosing workflow step or job `if:`, and a
 * projen task or step `condition`. Setting the variable inline
 * (`ALLOW_AWS_DEPLOY=1 cdk deploy`) is not a check.
 */
export function scanRepository(root: string): NoDeployReport {
  const filesScanned: string[] = [];
  const violations: UngatedDeployCommand[] = [];
  let gated = 0;
  for (const file of walk(root)) {
    const rel = relative(root, file).split(sep).join('/');
    const kind = fileKindOf(rel);
    if (!kind) continue;
    filesScanned.push(rel);
    const found = scanText(readFileSync(file, 'utf8'), rel, kind);
    gated += found.gated;
    violations.push(...found.violations);
  }
  return { root, filesScanned, gated, violations };
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry)) yield* walk(path);
    } else if (stat.isFile()) {
      yield path;
    }
  }
}

interface ScanResult {
  gated: number;
  violations: UngatedDeployCommand[];
}

/** Scans the text of one file of a known kind. */
export function scanText(text: string, file: string, kind: FileKind): ScanResult {
  const result: ScanResult = { gated: 0, violations: [] };
  switch (kind) {
    case 'shell':
      scanShell(text, file, 1, '', result);
      break;
    case 'script':
      scanScript(text, file, result);
      break;
    case 'package-json':
      scanPackageJson(text, file, result);
      break;
    case 'projen-tasks':
      scanProjenTasks(text, file, result);
      break;
    case 'workflow':
      scanWorkflow(text, file, result);
      break;
  }
  return result;
}

function record(result: ScanResult, file: string, line: number, text: string, context: string, segment: string): void {
  const match = matchDeployCommand(segment);
  if (!match) return;
  if (hasAllowCheck(context) && hasApplyCheck(context)) {
    result.gated++;
    return;
  }
  result.violations.push({ file, line, kind: match.kind, summary: match.summary, text: text.trim() });
}

/** Checks every segment of one logical command line; `context` is the condition it runs under. */
function scanCommandLine(line: string, file: string, lineNo: number, context: string, result: ScanResult): void {
  let before = '';
  for (const segment of segments(line)) {
    record(result, file, lineNo, line, `${context} ${before}`, segment);
    before += ` ${segment}`;
  }
}

/** A line that stops the script unless the gate passes, e.g. `[ "$ALLOW_AWS_DEPLOY" = 1 ] || exit 1`. */
function isGuardLine(line: string): boolean {
  const positiveOrExit = /\|\|\s*(\{[^}]*)?\bexit\b/.test(line);
  const negatedThenExit =
    /(!=|-ne|!==)\s*["']?1\b/.test(line) && /\b(then\s+exit|exit\s+\d|throw|process\.exit|return)\b/.test(line);
  return positiveOrExit || negatedThenExit;
}

/** The negated comparison in a guard line means the gate holds after it: rewrite it as the positive check. */
function guardAsCondition(line: string): string {
  return line.replace(/(!==|!=)\s*(["']?1\b)/g, '== $2').replace(/-ne\s+(["']?1\b)/g, '-eq $1');
}

function stripShellComment(line: string): string {
  if (/^\s*#/.test(line)) return '';
  return line.replace(/\s#(?![^"']*["'][^"']*$).*$/, '');
}

/** Shell: `if`/`elif`/`else`/`fi` nesting, guard lines, `\` continuations. */
function scanShell(text: string, file: string, firstLine: number, baseContext: string, result: ScanResult): void {
  const raw = text.split('\n');
  const conditions: string[] = [];
  let persistent = baseContext;
  for (let i = 0; i < raw.length; i++) {
    const lineNo = firstLine + i;
    let line = stripShellComment(raw[i]);
    while (line.endsWith('\\') && i + 1 < raw.length) {
      i++;
      line = `${line.slice(0, -1)} ${stripShellComment(raw[i])}`;
    }
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const opensIf = /^(if|elif)\s/.exec(trimmed);
    if (opensIf && !/\bfi\s*;?\s*$/.test(trimmed)) {
      if (opensIf[1] === 'elif') conditions.pop();
      conditions.push(trimmed.replace(/;?\s*then\b.*$/, ''));
    } else if (/^else\b/.test(trimmed)) {
      conditions.pop();
      conditions.push('');
    } else if (/^fi\b/.test(trimmed)) {
      conditions.pop();
    }
    if (isGuardLine(trimmed) && hasAllowCheck(guardAsCondition(trimmed))) persistent += ` ${guardAsCondition(trimmed)}`;
    if (isGuardLine(trimmed) && hasApplyCheck(trimmed)) persistent += ` ${trimmed}`;
    scanCommandLine(trimmed, file, lineNo, `${persistent} ${conditions.join(' ')}`, result);
  }
}

/** JavaScript/TypeScript scripts: string and array literals become words; `if (…) {` blocks by brace depth. */
function scanScript(text: string, file: string, result: ScanResult): void {
  const conditions: { cond: string; depth: number }[] = [];
  let depth = 0;
  let persistent = '';
  text.split('\n').forEach((rawLine, i) => {
    const line = rawLine.replace(/\/\/.*$/, '');
    const words = line.replace(/[,[\]{}]/g, ' ').replace(/['"`]/g, ' ');
    const ifMatch = /\bif\s*\((.*)\)\s*\{/.exec(line);
    if (isGuardLine(line) && hasAllowCheck(guardAsCondition(line))) persistent += ` ${guardAsCondition(line)}`;
    if (isGuardLine(line) && hasApplyCheck(line)) persistent += ` ${line}`;
    scanCommandLine(
      words,
      file,
      i + 1,
      `${persistent} ${conditions.map((c) => c.cond).join(' ')} ${ifMatch?.[1] ?? ''}`,
      result,
    );
    for (const ch of line) {
      if (ch === '{') depth++;
      if (ch === '}') {
        depth--;
        while (conditions.length > 0 && conditions[conditions.length - 1].depth > depth) conditions.pop();
      }
    }
    if (ifMatch) conditions.push({ cond: ifMatch[1], depth });
  });
}

function lineOfJsonString(text: string, value: string, from = 0): { line: number; offset: number } {
  const needle = JSON.stringify(value);
  const at = text.indexOf(needle, from);
  const offset = at >= 0 ? at : from;
  return { line: text.slice(0, offset).split('\n').length, offset: offset + 1 };
}

function scanPackageJson(text: string, file: string, result: ScanResult): void {
  let pkg: { scripts?: Record<string, unknown> };
  try {
    pkg = JSON.parse(text) as typeof pkg;
  } catch {
    return; // Not our problem here: package managers reject it loudly.
  }
  let from = 0;
  for (const command of Object.values(pkg.scripts ?? {})) {
    if (typeof command !== 'string') continue;
    const at = lineOfJsonString(text, command, from);
    from = at.offset;
    scanCommandLine(command, file, at.line, '', result);
  }
}

interface ProjenStep {
  readonly exec?: unknown;
  readonly condition?: unknown;
}

function scanProjenTasks(text: string, file: string, result: ScanResult): void {
  let doc: { tasks?: Record<string, { condition?: unknown; steps?: ProjenStep[] }> };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch {
    return;
  }
  let from = 0;
  for (const task of Object.values(doc.tasks ?? {})) {
    for (const step of task.steps ?? []) {
      if (typeof step.exec !== 'string') continue;
      const at = lineOfJsonString(text, step.exec, from);
      from = at.offset;
      const context = `${String(task.condition ?? '')} ${String(step.condition ?? '')}`;
      scanShell(step.exec, file, at.line, context, result);
    }
  }
}

/** Workflows: every string value is a possible script; its context is every enclosing `if:`. */
function scanWorkflow(text: string, file: string, result: ScanResult): void {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const visit = (node: unknown, context: string): void => {
    if (isMap(node)) {
      const ifPair = node.items.find((p) => isScalar(p.key) && p.key.value === 'if');
      const here = ifPair && isScalar(ifPair.value) ? `${context} ${String(ifPair.value.value)}` : context;
      for (const pair of node.items) {
        if (isPair(pair) && !(isScalar(pair.key) && pair.key.value === 'if')) visit(pair.value, here);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item) => visit(item, context));
    } else if (isScalar(node) && typeof node.value === 'string') {
      const range = (node as Node).range;
      if (!range) return;
      const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
      const startLine = lineCounter.linePos(range[0]).line + (block ? 1 : 0);
      scanShell(node.value, file, startLine, context, result);
    }
  };
  visit(doc.contents, '');
}
