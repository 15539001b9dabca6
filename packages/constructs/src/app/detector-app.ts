import { AadConfig, loadConfig } from '@aad/core';
import { App, Stack } from 'aws-cdk-lib';
import { DetectorStack } from '../detector/detector-stack';
import { TeamPipelineStack } from '../pipeline/team-pipeline-stack';
import { attachPolicyPacks } from '../policy/policy-packs';

/** Environments `synth` builds, each from `config/<env>.yml`. */
export const ENVIRONMENTS = ['dev', 'prod'] as const;

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /**
   * Cloud assembly directory.
   * @default 'cdk.out'
   */
  readonly outdir?: string;
  /**
   * Environments to synthesize.
   * @default ENVIRONMENTS
   */
  readonly environments?: readonly string[];
  /**
   * Directory of `<env>.yml`.
   * @default - the loader's default (nearest `config/` above the working directory, or AAD_CONFIG_DIR)
   */
  readonly configDir?: string;
  /**
   * Environment variables for `AAD_*` overrides.
   * @default process.env
   */
  readonly environ?: Readonly<Record<string, string | undefined>>;
  /**
   * Attach every policy pack (cdk-nag, AAD rules, cfn-guard) so findings fail synthesis.
   * @default true
   */
  readonly policyChecks?: boolean;
  /**
   * Extra context (e.g. `aad:omit-acknowledgements` in tests).
   * @default - none
   */
  readonly context?: Record<string, unknown>;
}

/** The app and the stacks it holds. */
export interface DetectorApp {
  readonly app: App;
  readonly stacks: Stack[];
  readonly configs: Readonly<Record<string, AadConfig>>;
}

/**
 * Builds the app `synth` runs: per environment the environment stack
 * `aad-<env>-detector` and the service unit stack `aad-<env>-team-pipeline`,
 * with every policy pack attached.
 */
export function buildApp(options: BuildAppOptions = {}): DetectorApp {
  const app = new App({ outdir: options.outdir ?? 'cdk.out', context: options.context });
  const stacks: Stack[] = [];
  const configs: Record<string, AadConfig> = {};
  for (const env of options.environments ?? ENVIRONMENTS) {
    const config = loadConfig(env, { configDir: options.configDir, environ: options.environ });
    configs[env] = config;
    stacks.push(
      new DetectorStack(app, `aad-${env}-detector`, {
        config,
        description: `Access Anomaly Detector: shared infrastructure (${env})`,
      }),
      new TeamPipelineStack(app, `aad-${env}-team-pipeline`, {
        config,
        description: `Access Anomaly Detector: team ingest pipeline service unit (${env})`,
      }),
    );
  }
  if (options.policyChecks ?? true) attachPolicyPacks(app);
  return { app, stacks, configs };
}
