import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { HandlerEnvironment } from './rule';

/** Variables the Lambda runtime sets itself: a handler may read them without the constructs setting them. */
export const LAMBDA_RESERVED_VARIABLES: ReadonlySet<string> = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
  'TZ',
  'NODE_ENV',
  'NODE_OPTIONS',
]);

/**
 * Blanks the contents of comments, strings, template literals and regular
 * expression literals (same length, so offsets still point into the
 * original), leaving only the code's structure to scan for brackets.
 */
export function maskLiterals(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  let lastSignificant = '';
  while (i < text.length) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
      continue;
    }
    if (ch === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) j += text[j] === '\\' ? 2 : 1;
      blank(i + 1, j);
      i = j + 1;
      lastSignificant = ch;
      continue;
    }
    if (ch === '/' && (lastSignificant === '' || '(,=:[!&|?{};+-*%<>~^'.includes(lastSignificant))) {
      let j = i + 1;
      let inClass = false;
      while (j < text.length && text[j] !== '\n') {
        if (text[j] === '\\') j++;
        else if (text[j] === '[') inClass = true;
        else if (text[j] === ']') inClass = false;
        else if (text[j] === '/' && !inClass) break;
        j++;
      }
      blank(i + 1, j);
      i = j + 1;
      lastSignificant = '/';
      continue;
    }
    if (!/\s/.test(ch)) lastSignificant = ch;
    i++;
  }
  return out.join('');
}

/** Splits the top-level `{ … }` objects of an array literal's body (strings, regexes and nesting respected). */
export function topLevelObjects(body: string): string[] {
  const masked = maskLiterals(body);
  const objects: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < masked.length; i++) {
    const ch = masked[i];
    if (ch === '{' || ch === '[') {
      if (depth === 0 && ch === '{') start = i;
      depth++;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0 && ch === '}' && start >= 0) {
        objects.push(body.slice(start, i + 1));
        start = -1;
      }
    }
  }
  return objects;
}

/** The body of `const NAME … = [ … ];` in `text`, if present. */
function arrayBody(text: string, name: string): string | undefined {
  const masked = maskLiterals(text);
  const at = new RegExp(`const\\s+${name}\\b[^=]*=\\s*\\[`).exec(masked);
  if (!at) return undefined;
  let depth = 1;
  for (let i = at.index + at[0].length; i < masked.length; i++) {
    if (masked[i] === '[') depth++;
    if (masked[i] === ']' && --depth === 0) return text.slice(at.index + at[0].length, i);
  }
  return undefined;
}

interface EnvVarDecl {
  readonly name: string;
  readonly required: boolean;
}

function envVarsIn(body: string, text: string, seen: Set<string> = new Set()): EnvVarDecl[] {
  const vars: EnvVarDecl[] = [];
  for (const obj of topLevelObjects(body)) {
    const name = /\bname:\s*['"]([A-Z][A-Z0-9_]*)['"]/.exec(obj);
    if (name) vars.push({ name: name[1], required: !/\brequired:\s*false\b/.test(obj) });
  }
  for (const spread of body.matchAll(/\.\.\.([A-Z_][A-Z0-9_]*)/g)) {
    if (seen.has(spread[1])) continue;
    seen.add(spread[1]);
    const inner = arrayBody(text, spread[1]);
    if (inner) vars.push(...envVarsIn(inner, text, seen));
  }
  return vars;
}

/**
 * Parses the handler contract (`HANDLERS` in `handler-contract.ts`) without
 * executing it: each handler object's lowercase `name`, and the required
 * UPPER_CASE variables of its `environment` (spreads of other constant arrays
 * in the same file are followed).
 */
export function parseHandlerContract(text: string, source: string): HandlerEnvironment[] {
  const body = arrayBody(text, 'HANDLERS');
  if (!body) return [];
  return topLevelObjects(body).flatMap((obj) => {
    const handler = /\bname:\s*['"]([a-z][a-z0-9-]*)['"]/.exec(obj);
    if (!handler) return [];
    const masked = maskLiterals(obj);
    const envAt = /\benvironment:\s*\[/.exec(masked);
    let variables: string[] = [];
    if (envAt) {
      let depth = 1;
      let end = envAt.index + envAt[0].length;
      for (; end < masked.length && depth > 0; end++) {
        if (masked[end] === '[') depth++;
        if (masked[end] === ']') depth--;
      }
      const envBody = obj.slice(envAt.index + envAt[0].length, end - 1);
      variables = envVarsIn(envBody, text)
        .filter((v) => v.required)
        .map((v) => v.name);
    }
    return [{ handler: handler[1], variables: [...new Set(variables)], source }];
  });
}

/** `process.env.X` and `process.env['X']` reads in a source text. */
export function directEnvReads(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/process\.env(?:\.([A-Z_][A-Z0-9_]*)|\[\s*['"]([A-Z_][A-Z0-9_]*)['"]\s*\])/g)) {
    names.add(m[1] ?? m[2]);
  }
  return [...names].filter((n) => !LAMBDA_RESERVED_VARIABLES.has(n));
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.ts$/.test(entry) && !/\.d\.ts$/.test(entry)) yield path;
  }
}

/**
 * What each handler of a runtimes package reads: its contract entry plus any
 * direct `process.env` read in its `<name>.lambda.ts` file. Returns undefined
 * when `runtimesDir` has no `src/handler-contract.ts`.
 */
export function readRuntimeContract(runtimesDir: string, repoRoot: string): HandlerEnvironment[] | undefined {
  const contractFile = join(runtimesDir, 'src', 'handler-contract.ts');
  if (!existsSync(contractFile)) return undefined;
  const source = relative(repoRoot, contractFile).split('\\').join('/');
  const handlers = parseHandlerContract(readFileSync(contractFile, 'utf8'), source);
  const byName = new Map(handlers.map((h) => [h.handler, h]));
  const srcDir = join(runtimesDir, 'src');
  for (const file of sourceFiles(srcDir)) {
    const reads = directEnvReads(readFileSync(file, 'utf8'));
    if (reads.length === 0) continue;
    const handlerName = basename(file).replace(/\.lambda\.ts$/, '');
    const targets = file.endsWith('.lambda.ts') && byName.has(handlerName) ? [byName.get(handlerName)!] : handlers;
    for (const h of targets) {
      byName.set(h.handler, {
        ...byName.get(h.handler)!,
        variables: [...new Set([...byName.get(h.handler)!.variables, ...reads])],
      });
    }
  }
  return handlers.map((h) => byName.get(h.handler)!);
}
