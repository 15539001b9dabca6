/**
 * Example: a security team adds the detector to its own account, in its own
 * VPC and with its own KMS key, using only the public entry point of
 * `@aad/constructs` (in a consumer repository: `from '@aad/constructs'`).
 *
 *   npx ts-node examples/consumer-app/app.ts   # synthesizes into examples/consumer-app/cdk.out
 */
import { join } from 'node:path';
import { loadConfig } from '@aad/core';
import { App } from 'aws-cdk-lib';
import { DetectorStack, attachPolicyPacks } from '../../src';

/** Builds the example app: one detector stack, every policy pack attached. */
export function buildConsumerApp(outdir = join(__dirname, 'cdk.out')): { app: App; stack: DetectorStack } {
  const config = loadConfig('team', { configDir: join(__dirname, 'config'), environ: {} });
  const app = new App({ outdir });
  const stack = new DetectorStack(app, 'sec-team-detector', {
    config,
    // Explicit names and imports (also settable in config): our own VPC and key, our topic name.
    alertsTopicName: 'sec-team-anomaly-alerts',
    existingVpc: {
      vpcId: config.network.vpcId!,
      subnetIds: config.network.subnetIds!,
      availabilityZones: config.network.availabilityZones!,
      routeTableIds: config.network.routeTableIds,
    },
    kmsKeyArn: config.security.kmsKeyArn,
  });
  attachPolicyPacks(app);
  return { app, stack };
}

if (require.main === module) {
  const { app } = buildConsumerApp();
  const assembly = app.synth();
  process.stdout.write(
    `synthesized ${assembly.stacks.map((s) => s.stackName).join(', ')} into ${assembly.directory}\n`,
  );
}
