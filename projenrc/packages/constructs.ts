import { typescript } from 'projen';
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
      deps: [
        pinned('aws-cdk-lib', VERSIONS.awsCdkLib),
        pinned('constructs', VERSIONS.constructs),
        pinned('cdk-nag', VERSIONS.cdkNag),
        pinned('@cdklabs/cdk-validator-cfnguard', VERSIONS.cfnGuardValidator),
      ],
    });
    this.gitignore.exclude('/cdk.out/');
    this.addTask('synth', {
      description: 'Synthesize the dev and prod apps into cdk.out/ with every policy pack',
      exec: 'node lib/main.js',
    });
  }
}
