import { typescript } from 'projen';
import { AadPackage } from '../aad-package';
import { VERSIONS, awsSdk, pinned } from '../versions';
import { CorePackage } from './core';

/** `@aad/runtimes`: Lambda handlers pre-bundled with esbuild, one directory per handler. */
export class RuntimesPackage extends AadPackage {
  constructor(parent: typescript.TypeScriptProject, core: CorePackage) {
    super(parent, {
      dir: 'runtimes',
      description: 'Lambda handlers (enrichment, reconciler, retrain trigger) bundled with esbuild',
      workspaceDeps: [core],
      deps: [
        ...awsSdk(
          'client-s3',
          'client-dynamodb',
          'lib-dynamodb',
          'client-eventbridge',
          'client-securityhub',
          'client-sfn',
          'client-iam',
          'client-cloudwatch',
        ),
        pinned('@aws-lambda-powertools/logger', VERSIONS.powertools),
        pinned('@aws-lambda-powertools/metrics', VERSIONS.powertools),
        // The handler bundler ships with the package (src/bundle), so consumers can rebuild the bundles.
        pinned('esbuild', VERSIONS.esbuild),
      ],
      devDeps: [
        pinned('aws-sdk-client-mock', VERSIONS.awsSdkClientMock),
        pinned('dynalite', VERSIONS.dynalite),
        pinned('fast-check', VERSIONS.fastCheck),
        '@types/aws-lambda@8.10.164',
      ],
    });
    const bundle = this.addTask('bundle:handlers', {
      description: 'Bundle every src/handlers/*.lambda.ts with esbuild into dist/handlers/<name>/index.js',
      exec: 'node lib/bundle/bundle-handlers.js',
    });
    this.postCompileTask.spawn(bundle);
  }
}
