import { JsonFile, typescript } from 'projen';
import { AadPackage } from '../aad-package';
import { VERSIONS, pinned } from '../versions';
import { CorePackage } from './core';
import { RuntimesPackage } from './runtimes';

/** `@aad/constructs`: the CDK constructs library and the app `synth` builds for dev and prod. */
export class ConstructsPackage extends AadPackage {
  constructor(parent: typescript.TypeScriptProject, core: CorePackage, runtimes: RuntimesPackage) {
    super(parent, {
      dir: 'constructs',
      description:
        'AWS CDK constructs for the detector and platform services, checked by cdk-nag, cfn-guard and our rules',
      workspaceDeps: [core, runtimes],
      coverage: 85,
      deps: [
        pinned('aws-cdk-lib', VERSIONS.awsCdkLib),
        pinned('constructs', VERSIONS.constructs),
        pinned('cdk-nag', VERSIONS.cdkNag),
        pinned('@cdklabs/cdk-validator-cfnguard', VERSIONS.cfnGuardValidator),
      ],
    });
    this.gitignore.exclude('/cdk.out/', '/examples/consumer-app/cdk.out/');
    // Unit tests skip CDK's built-in CloudFormation validation (seconds per synthesis); main.test.ts runs it.
    this.jest!.addSetupFile('<rootDir>/test/setup-env.ts');
    const jestConfig = this.tryFindObjectFile('package.json')!;
    // Synthesize dev and prod once for every test that only reads templates; use both cores.
    jestConfig.addOverride('jest.globalSetup', '<rootDir>/test/global-setup.ts');
    jestConfig.addOverride('jest.maxWorkers', 2);
    this.addTask('synth', {
      description:
        'Synthesize aad-<env>-detector and aad-<env>-team-pipeline for dev and prod into cdk.out/ with every policy pack ' +
        '(fails on any unacknowledged finding; writes <stack>.policy-report.json)',
      exec: 'node lib/main.js',
      receiveArgs: true,
    });

    this.addTask('bench', {
      description:
        'Time the full synth of dev and prod with every pack, phase by phase (target < 60 s; writes bench-results/constructs-synth.json)',
      exec: 'node lib/bench/synth-bench.js',
    });

    // The consumer example compiles against the public entry point only, in every build.
    new JsonFile(this, 'examples/consumer-app/tsconfig.json', {
      obj: {
        extends: '../../tsconfig.json',
        compilerOptions: { noEmit: true, rootDir: '../..', types: ['node'] },
        include: ['*.ts', '../../src/**/*.ts'],
      },
      marker: false,
    });
    const examples = this.addTask('compile:examples', {
      description: 'Type-check examples/consumer-app against the public entry point',
      exec: 'tsc -p examples/consumer-app/tsconfig.json',
    });
    this.postCompileTask.spawn(examples);
  }
}
