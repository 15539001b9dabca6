import { AadConfig } from '@aad/core';
import { CliCredentialsStackSynthesizer, StackProps } from 'aws-cdk-lib';

/**
 * Stack props of every AAD stack: no analytics metadata and, unless the
 * caller brings a synthesizer, file assets in the configured artifacts
 * bucket under `cdk-assets/` (no CDK bootstrap stack: the templates are
 * also published outside `cdk deploy`, see the proton bundler). The caller's
 * props win.
 */
export function aadStackProps<P extends StackProps>(config: AadConfig, props: P): P {
  return {
    analyticsReporting: false,
    synthesizer:
      props.synthesizer ??
      new CliCredentialsStackSynthesizer({
        fileAssetsBucketName: config.buckets.artifacts,
        bucketPrefix: 'cdk-assets/',
      }),
    ...props,
  };
}
