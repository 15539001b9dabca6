import { loadConfig } from '@aad/core';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DetectorStack } from './detector/detector-stack';

/** Environments `synth` builds, each from `config/<env>.yml`. */
export const ENVIRONMENTS = ['dev', 'prod'] as const;

/**
 * Builds the app: one detector stack per environment, every policy pack
 * attached (any unacknowledged finding fails synthesis).
 */
export function buildApp(outdir = 'cdk.out'): App {
  const app = new App({ outdir });
  for (const env of ENVIRONMENTS) {
    const config = loadConfig(env);
    new DetectorStack(app, `${config.resourcePrefix}-detector`, {
      config,
      description: `Access Anomaly Detector (${env})`,
    });
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

if (require.main === module) {
  const started = Date.now();
  const assembly = buildApp().synth();
  const stacks = assembly.stacks.map((s) => s.stackName).join(', ');
  process.stdout.write(`synthesized ${stacks} into ${assembly.directory} in ${Date.now() - started} ms\n`);
}
