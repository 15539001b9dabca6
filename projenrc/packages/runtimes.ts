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
      coverage: 80,
      deps: [
        ...awsSdk(
          'client-s3',
          'client-dynamodb',
          'lib-dynamodb',
          'client-eventbridge',
          'client-securityhub',
          'client-sfn',
          'client-sqs',
          'client-iam',
          'client-cloudtrail',
        ),
        pinned('@aws-lambda-powertools/logger', VERSIONS.powertools),
        pinned('@aws-lambda-powertools/metrics', VERSIONS.powertools),
        // Model packages are zip files (format shared with @aad/guardrails' packaging command).
        'fflate@0.8.3',
        // The handler bundler ships with the package (src/bundle), so consumers can rebuild the bundles.
        pinned('esbuild', VERSIONS.esbuild),
      ],
      devDeps: [
        pinned('aws-sdk-client-mock', VERSIONS.awsSdkClientMock),
        pinned('dynalite', VERSIONS.dynalite),
        pinned('fast-check', VERSIONS.fastCheck),
        pinned('ts-node', '10.9.2'),
        '@types/aws-lambda@8.10.164',
      ],
    });
    const bundle = this.addTask('bundle:handlers', {
      description: 'Bundle every src/handlers/*.lambda.ts with esbuild into dist/handlers/<name>/index.js',
      exec: 'node lib/bundle/bundle-handlers.js',
    });
    this.postCompileTask.spawn(bundle);
    // Tests never reach AWS: fake credentials and every endpoint on a closed loopback port unless a test overrides it.
    this.jest!.addSetupFile('<rootDir>/test/setup-env.ts');
    this.addTask('bench', {
      description: 'Bundle sizes, cold start and enrichment throughput (prints a table, writes bench-results/*.json)',
      exec: 'ts-node --transpile-only --project test/tsconfig.json test/bench/runtimes.bench.ts',
      receiveArgs: true,
    });
  }
}
