import { readHandlerEnv } from '../config/handler-env';
import { handlerSpec } from '../handler-contract';

/** Validated at cold start: a missing or invalid variable fails the first invocation with its name. */
const env = readHandlerEnv(handlerSpec('retrain-trigger'), process.env);

/** Placeholder until the runtimes issue fills it: reports the validated configuration. */
export async function handler(): Promise<{ readonly handler: string; readonly configured: readonly string[] }> {
  return { handler: 'retrain-trigger', configured: Object.keys(env).sort() };
}
