import { join } from 'node:path';
import { loadConfig } from '@aad/core';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DetectorStack } from '../../src';

const CONFIG_DIR = join(__dirname, '..', '..', '..', '..', 'config');

describe('DetectorStack', () => {
  it.each(['dev', 'prod'])('tags every taggable resource from the %s configuration', (env) => {
    // Prepare
    const config = loadConfig(env, { configDir: CONFIG_DIR, environ: {} });
    // Act
    const stack = new DetectorStack(new App(), 'Detector', { config });
    // Assess
    const resources = Template.fromStack(stack).toJSON().Resources as Record<
      string,
      { Type: string; Properties?: { Tags?: unknown[] } }
    >;
    const keys = Object.values(resources).filter((r) => r.Type === 'AWS::KMS::Key');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key.Properties?.Tags).toEqual(
        expect.arrayContaining([
          { Key: 'Application', Value: 'access-anomaly-detector' },
          { Key: 'Environment', Value: env },
          { Key: 'CostCenter', Value: 'security-engineering' },
        ]),
      );
    }
  });

  it('is clean under the AwsSolutions pack', () => {
    const config = loadConfig('dev', { configDir: CONFIG_DIR, environ: {} });
    const stack = new DetectorStack(new App(), 'Detector', { config });
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations).toEqual([]);
  });
});
