import { HandlerConfigError } from '../errors';
import { HandlerSpec } from '../handler-contract';

/** Values of a handler's environment, parsed by type. */
export type HandlerEnv = Readonly<Record<string, string | number | undefined>>;

/**
 * Reads and validates a handler's environment at cold start. Every problem is
 * reported at once, each naming the variable.
 */
export function readHandlerEnv(spec: HandlerSpec, environ: Readonly<Record<string, string | undefined>>): HandlerEnv {
  const problems: string[] = [];
  const values: Record<string, string | number | undefined> = {};
  for (const v of spec.environment) {
    const text = environ[v.name];
    if (text === undefined || text === '') {
      if (v.required ?? true) problems.push(`${v.name} is required (${v.description}) but not set`);
      continue;
    }
    if (v.type === 'string') {
      if (v.pattern && !v.pattern.test(text)) {
        problems.push(
          `${v.name} must be ${v.patternHint ?? `a string matching ${v.pattern}`}, received ${JSON.stringify(text)}`,
        );
      } else {
        values[v.name] = text;
      }
      continue;
    }
    const n = Number(text);
    if (Number.isNaN(n) || (v.type === 'integer' && !Number.isInteger(n))) {
      problems.push(
        `${v.name} must be ${v.type === 'integer' ? 'an integer' : 'a number'}, received ${JSON.stringify(text)}`,
      );
    } else if (v.min !== undefined && n < v.min) {
      problems.push(`${v.name} must be at least ${v.min}, received ${n}`);
    } else if (v.max !== undefined && n > v.max) {
      problems.push(`${v.name} must be at most ${v.max}, received ${n}`);
    } else {
      values[v.name] = n;
    }
  }
  if (problems.length > 0) {
    throw new HandlerConfigError(`${spec.name} handler configuration is invalid:\n${problems.join('\n')}`);
  }
  return values;
}

/** A validated string variable (the caller knows it is declared `string`); throws when absent. */
export function envString(env: HandlerEnv, name: string): string {
  const value = env[name];
  if (typeof value !== 'string') throw new HandlerConfigError(`${name} is not a configured string variable`);
  return value;
}

/** A validated string variable that may be unset. */
export function envOptionalString(env: HandlerEnv, name: string): string | undefined {
  const value = env[name];
  return typeof value === 'string' ? value : undefined;
}

/** A validated numeric variable; throws when absent. */
export function envNumber(env: HandlerEnv, name: string): number {
  const value = env[name];
  if (typeof value !== 'number') throw new HandlerConfigError(`${name} is not a configured numeric variable`);
  return value;
}
