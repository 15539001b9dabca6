import { AadConfig } from '@aad/core';
import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DetectorKeys } from '../keys/detector-keys';

/** Properties of {@link DetectorStack}. */
export interface DetectorStackProps extends StackProps {
  /** Validated environment configuration (`loadConfig(env)` from `@aad/core`). */
  readonly config: AadConfig;
}

/**
 * The detector's infrastructure for one environment. Tags from the
 * configuration apply to every taggable resource.
 */
export class DetectorStack extends Stack {
  public readonly keys: DetectorKeys;

  constructor(scope: Construct, id: string, props: DetectorStackProps) {
    super(scope, id, props);
    const { config } = props;
    for (const [key, value] of Object.entries(config.tags)) {
      Tags.of(this).add(key, value);
    }
    this.keys = new DetectorKeys(this, 'Keys', { aliasPrefix: config.resourcePrefix });
  }
}
