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
      values[v.name] = text;
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
