import { typescript } from 'projen';
import { AadPackage } from '../aad-package';
import { VERSIONS, awsSdk, pinned } from '../versions';
import { CorePackage } from './core';

/** `@aad/guardrails`: everything between a synthesized template and a real AWS account. */
export class GuardrailsPackage extends AadPackage {
  constructor(parent: typescript.TypeScriptProject, core: CorePackage) {
    super(parent, {
      dir: 'guardrails',
      description: 'No-deploy lock, deploy gate, template audit, cost estimate, secret scan, model packaging',
      workspaceDeps: [core],
      deps: [
        pinned('yaml', VERSIONS.yaml),
        ...awsSdk('client-s3'),
        '@secretlint/node@13.0.6',
        '@secretlint/secretlint-rule-preset-recommend@13.0.7',
        'yazl@3.3.1',
      ],
      devDeps: [pinned('aws-sdk-client-mock', VERSIONS.awsSdkClientMock), '@types/yazl@3.3.1'],
      bin: { 'aad-guard': 'lib/cli/main.js' },
    });
    this.addTask('aad-guard', {
      description: 'Run the aad-guard CLI from the compiled sources (arguments follow)',
      exec: 'node lib/cli/main.js',
      receiveArgs: true,
    });
  }
}
