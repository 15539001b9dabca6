import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Document, isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { AAD_CONFIG_SCHEMA, AadConfig } from './schema';
import { FieldProblem, parseEnvValue, schemaLeaves, validateField } from './schema-dsl';
import { ConfigError, ConfigIssue } from '../errors';

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /**
   * Directory holding `<env>.yml`.
   * @default - the nearest `config/` directory at or above the working directory
   */
  readonly configDir?: string;
  /**
   * Environment variables to read `AAD_*` overrides from.
   * @default process.env
   */
  readonly environ?: Readonly<Record<string, string | undefined>>;
}

/** Environment variables of the form `AAD_*` that are not configuration keys but are still allowed. */
const NON_CONFIG_AAD_VARIABLES = new Set<string>(['AAD_CONFIG_DIR']);

/** Walks up from `start` to the first directory that has a `config/` folder. */
export function findConfigDir(start: string = process.cwd()): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'config');
    if (existsSync(join(candidate, 'dev.yml')) || existsSync(join(candidate, 'prod.yml'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Loads and validates `config/<env>.yml`, then applies `AAD_*` overrides.
 * Throws a {@link ConfigError} listing every problem with file, key path and line.
 *
 * @example
 * const config = loadConfig('dev');
 * config.buckets.rawLogs; // 'aad-dev-raw-logs-000000000000'
 */
export function loadConfig(env: string, options: LoadConfigOptions = {}): AadConfig {
  const environ = options.environ ?? process.env;
  const configDir = options.configDir ?? environ.AAD_CONFIG_DIR ?? findConfigDir();
  if (!configDir) {
    throw new ConfigError([
      { source: process.cwd(), path: '', message: `no config/ directory with ${env}.yml found here or above` },
    ]);
  }
  const file = join(configDir, `${env}.yml`);
  if (!existsSync(file)) {
    throw new ConfigError([{ source: file, path: '', message: `no configuration for environment '${env}'` }]);
  }
  return parseConfig(readFileSync(file, 'utf8'), displayPath(file), environ, env);
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/**
 * Validates YAML text as an environment configuration; `source` names it in errors.
 * `expectedEnv`, when given, must equal the `environment` key.
 */
export function parseConfig(
  text: string,
  source: string,
  environ: Readonly<Record<string, string | undefined>> = {},
  expectedEnv?: string,
): AadConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => ({
        source,
        path: '',
        line: e.linePos?.[0]?.line,
        message: `invalid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    );
  }
  const value: unknown = doc.toJS() ?? {};
  const fileIssues = validateField(AAD_CONFIG_SCHEMA, value).map((p) => toIssue(p, source, doc, lineCounter));
  if (fileIssues.length > 0) throw new ConfigError(fileIssues);

  const config = value as Record<string, unknown>;
  const envIssues = applyOverrides(config, environ);
  if (envIssues.length > 0) throw new ConfigError(envIssues);

  const crossIssues = crossFieldProblems(config as unknown as AadConfig).map((p) =>
    toIssue(p, source, doc, lineCounter),
  );
  if (crossIssues.length > 0) throw new ConfigError(crossIssues);

  if (expectedEnv !== undefined && config.environment !== expectedEnv) {
    const line = lineOf(doc, lineCounter, ['environment'], false);
    throw new ConfigError([
      {
        source,
        path: 'environment',
        line,
        message: `must equal the file's environment '${expectedEnv}', received ${JSON.stringify(config.environment)}`,
      },
    ]);
  }
  return config as unknown as AadConfig;
}

/** Rules that relate two keys (the schema checks each key alone). */
function crossFieldProblems(config: AadConfig): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const r = config.retention;
  if (r.glacierAfterDays <= r.infrequentAccessAfterDays) {
    problems.push({
      path: ['retention', 'glacierAfterDays'],
      message: `must be greater than retention.infrequentAccessAfterDays (${r.infrequentAccessAfterDays}), received ${r.glacierAfterDays}`,
    });
  }
  if (r.rawLogsDays <= r.glacierAfterDays) {
    problems.push({
      path: ['retention', 'rawLogsDays'],
      message: `must be greater than retention.glacierAfterDays (${r.glacierAfterDays}), received ${r.rawLogsDays}`,
    });
  }
  if (config.detection.minScore > config.detection.alertThreshold) {
    problems.push({
      path: ['detection', 'minScore'],
      message: `must be at most detection.alertThreshold (${config.detection.alertThreshold}), received ${config.detection.minScore}`,
    });
  }
  return problems;
}

function toIssue(problem: FieldProblem, source: string, doc: Document, lineCounter: LineCounter): ConfigIssue {
  return {
    source,
    path: problem.path.join('.'),
    line: lineOf(doc, lineCounter, problem.path, problem.atKey ?? false),
    message: problem.message,
  };
}

/** Line of the value (or key) at `path`, falling back to the nearest ancestor that exists. */
function lineOf(doc: Document, lineCounter: LineCounter, path: readonly string[], atKey: boolean): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const parentPath = path.slice(0, Math.max(0, depth - 1));
    const parent = depth === 0 ? doc.contents : doc.getIn(parentPath, true);
    if (depth === 0) {
      return doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]).line : undefined;
    }
    if (!isMap(parent)) continue;
    const key = path[depth - 1];
    const pair = parent.items.find((item) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === key);
    if (!pair) continue;
    const node = atKey || depth < path.length || !pair.value ? pair.key : pair.value;
    const range = (node as { range?: [number, number, number] }).range;
    if (range) return lineCounter.linePos(range[0]).line;
  }
  return undefined;
}

function applyOverrides(
  config: Record<string, unknown>,
  environ: Readonly<Record<string, string | undefined>>,
): ConfigIssue[] {
  const leaves = schemaLeaves(AAD_CONFIG_SCHEMA);
  const byVar = new Map(leaves.map((leaf) => [leaf.envVar, leaf]));
  const issues: ConfigIssue[] = [];
  for (const [name, text] of Object.entries(environ)) {
    if (!name.startsWith('AAD_') || text === undefined || NON_CONFIG_AAD_VARIABLES.has(name)) continue;
    const leaf = byVar.get(name);
    if (!leaf) {
      issues.push({
        source: 'environment',
        path: name,
        message: 'unknown AAD_* variable: it names no configuration key (see docs/config.md)',
      });
      continue;
    }
    const parsed = parseEnvValue(leaf.field, text);
    if ('error' in parsed) {
      issues.push({ source: 'environment', path: name, message: parsed.error });
      continue;
    }
    const problems = validateField(leaf.field, parsed.value, leaf.path);
    if (problems.length > 0) {
      issues.push(...problems.map((p) => ({ source: 'environment', path: name, message: p.message })));
      continue;
    }
    setIn(config, leaf.path, parsed.value);
  }
  return issues;
}

function setIn(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}
