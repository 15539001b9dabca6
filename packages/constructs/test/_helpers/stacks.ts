import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AadConfig, loadConfig } from '@aad/core';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DetectorStack, DetectorStackProps } from '../../src';
import { TeamPipelineStack } from '../../src/pipeline/team-pipeline-stack';

export const CONFIG_DIR = join(__dirname, '..', '..', '..', '..', 'config');

/** The repository configuration of `env` (no `AAD_*` overrides). */
export function config(env: 'dev' | 'prod'): AadConfig {
  return loadConfig(env, { configDir: CONFIG_DIR, environ: {} });
}

/** `config(env)` with some keys replaced (deep merge of plain objects). */
export function configWith(env: 'dev' | 'prod', patch: DeepPartial<AadConfig>): AadConfig {
  return merge(config(env), patch) as AadConfig;
}

export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object ? (T[K] extends readonly unknown[] ? T[K] : DeepPartial<T[K]>) : T[K];
};

function merge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (
    typeof base !== 'object' ||
    base === null ||
    Array.isArray(base) ||
    typeof patch !== 'object' ||
    patch === null ||
    Array.isArray(patch)
  ) {
    return patch;
  }
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    out[k] = v === undefined ? undefined : merge(out[k], v);
  }
  return out;
}

/** A fresh app for unit tests (no plugins). */
export function testApp(context?: Record<string, unknown>): App {
  return new App({ context });
}

export interface Built<S extends Stack> {
  readonly app: App;
  readonly stack: S;
  readonly template: Template;
}

const cache = new Map<string, Built<Stack>>();

/** The detector stack of `env` (memoized per test file), synthesized once so aspects ran. */
export function detector(
  env: 'dev' | 'prod' = 'dev',
  props: Partial<DetectorStackProps> = {},
  context?: Record<string, unknown>,
): Built<DetectorStack> {
  const key = JSON.stringify({ env, props, context });
  const hit = cache.get(key);
  if (hit) return hit as Built<DetectorStack>;
  const app = testApp(context);
  const stack = new DetectorStack(app, `aad-${env}-detector`, { config: config(env), ...props });
  const built = { app, stack, template: Template.fromStack(stack) };
  cache.set(key, built);
  return built;
}

/** The team pipeline stack of `env` (memoized per test file). */
export function teamPipeline(env: 'dev' | 'prod' = 'dev', context?: Record<string, unknown>): Built<TeamPipelineStack> {
  const key = JSON.stringify({ team: env, context });
  const hit = cache.get(key);
  if (hit) return hit as Built<TeamPipelineStack>;
  const app = testApp(context);
  const stack = new TeamPipelineStack(app, `aad-${env}-team-pipeline`, { config: config(env) });
  const built = { app, stack, template: Template.fromStack(stack) };
  cache.set(key, built);
  return built;
}

/** A plain stack for construct unit tests. */
export function emptyStack(context?: Record<string, unknown>): Stack {
  return new Stack(testApp(context), 'Test');
}

/** Resources of a template by logical id. */
export type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; Condition?: string }>;

export function resources(template: Template): Resources {
  return template.toJSON().Resources as Resources;
}

const templates = new Map<string, Template>();

/**
 * The template of a stack of the app synthesized once by `test/global-setup.ts`
 * (`aad-dev-detector`, `aad-prod-team-pipeline`, …): for tests that only read templates.
 */
export function synthesized(stackName: string): Template {
  const dir = process.env.CONSTRUCTS_TEST_ASSEMBLY;
  if (!dir) throw new Error('CONSTRUCTS_TEST_ASSEMBLY is not set: run the tests through jest (test/global-setup.ts)');
  let template = templates.get(stackName);
  if (!template) {
    template = Template.fromJSON(
      JSON.parse(readFileSync(join(dir, `${stackName}.template.json`), 'utf8')) as Record<string, unknown>,
    );
    templates.set(stackName, template);
  }
  return template;
}
