import { typescript } from 'projen';
import { AadPackage } from '../aad-package';
import { VERSIONS, pinned } from '../versions';
import { ConstructsPackage } from './constructs';

/** `@aad/proton-bundler`: deterministic Proton / Service Catalog bundles from the synthesized templates. */
export class ProtonBundlerPackage extends AadPackage {
  constructor(parent: typescript.TypeScriptProject, constructs: ConstructsPackage) {
    super(parent, {
      dir: 'proton-bundler',
      description: 'Template bundles and manifest from the synthesized stacks; dry-run publisher; drift check',
      workspaceDeps: [constructs],
      deps: [pinned('yaml', VERSIONS.yaml), 'tar-stream@3.2.2'],
      devDeps: ['@types/tar-stream@3.1.5', 'ajv@8.20.0'],
      bin: { 'proton-bundle': 'lib/cli/main.js' },
    });
    this.addTask('bundle', {
      description: 'Build the template bundles and dist/proton/manifest.json from ../constructs/cdk.out',
      exec: 'node lib/cli/main.js build',
    });
  }
}
