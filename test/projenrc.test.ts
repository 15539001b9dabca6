import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'projen/lib/testing';
import { AadPackage } from '../projenrc/aad-package';
import { PINNED_ACTIONS, pinnedAction } from '../projenrc/github-actions';
import { CORE_FORBIDDEN_PREFIXES, CorePackage } from '../projenrc/packages/core';
import { awsSdk, VERSIONS } from '../projenrc/versions';
import { AadWorkspace } from '../projenrc/workspace';

// Synthesizing the workspace must not install anything.
process.env.PROJEN_DISABLE_POST = '1';

/** A workspace in its own temporary folder: Testing.synth deletes the outdir afterwards. */
function workspace(): AadWorkspace {
  return new AadWorkspace(mkdtempSync(join(tmpdir(), 'aad-projenrc-')));
}

describe('AadPackage rules', () => {
  it('throws when core depends on an AWS SDK package', () => {
    // Prepare
    const root = workspace();
    const core = new CorePackage(root);
    // Act
    core.addDeps('@aws-sdk/client-s3@3.1164.0');
    // Assess
    expect(() => Testing.synth(root)).toThrow(/@aad\/core must not depend on @aws-sdk\/client-s3/);
  });

  it.each(['aws-cdk-lib', 'cdk-nag', '@aws-lambda-powertools/logger'])('throws when core depends on %s', (dep) => {
    const root = workspace();
    new CorePackage(root).addDevDeps(dep);
    expect(() => Testing.synth(root)).toThrow(`@aad/core must not depend on ${dep}`);
  });

  it('lets other packages depend on the AWS SDK', () => {
    const root = workspace();
    const core = new CorePackage(root);
    new AadPackage(root, { dir: 'runtimes', description: 'x', deps: awsSdk('client-s3'), workspaceDeps: [core] });
    const out = Testing.synth(root);
    expect(out['packages/runtimes/package.json'].dependencies).toEqual({
      '@aad/core': 'workspace:*',
      '@aws-sdk/client-s3': VERSIONS.awsSdk,
    });
  });

  it('enforces the coverage threshold and never updates snapshots in test', () => {
    const root = workspace();
    new CorePackage(root);
    const out = Testing.synth(root);
    expect(out['packages/core/package.json'].jest.coverageThreshold).toEqual({ global: { lines: 80, branches: 80 } });
    const test = out['packages/core/.projen/tasks.json'].tasks.test.steps[0];
    expect(test.exec ?? test.execArgs.join(' ')).not.toMatch(/updateSnapshot|passWithNoTests/);
  });

  it('forbids every AWS SDK and CDK prefix in core', () => {
    expect(CORE_FORBIDDEN_PREFIXES).toEqual(expect.arrayContaining(['@aws-sdk/', 'aws-cdk-lib', 'cdk-nag']));
  });
});

describe('generated workflows', () => {
  const out = (() => {
    const root = workspace();
    new CorePackage(root);
    return Testing.synth(root);
  })();

  it('pins every third-party action by full commit SHA', () => {
    for (const file of ['.github/workflows/build.yml', '.github/workflows/deploy.yml']) {
      const uses = [...String(out[file]).matchAll(/uses: (\S+)/g)].map((m) => m[1]);
      expect(uses.length).toBeGreaterThan(0);
      for (const ref of uses) expect(ref).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
    }
  });

  it('installs with a frozen lockfile and reads contents only in build.yml', () => {
    const build = String(out['.github/workflows/build.yml']);
    expect(build).toContain('pnpm i --frozen-lockfile');
    expect(build).not.toContain('--no-frozen-lockfile');
    expect(build).toMatch(/permissions:\n\s+contents: read/);
    expect(build).not.toMatch(/id-token|aws-access-key|AWS_SECRET/i);
  });

  it('gives id-token only to the deploy job, behind an environment, on manual dispatch', () => {
    const deploy = String(out['.github/workflows/deploy.yml']);
    expect(deploy).toMatch(/on:\n\s+workflow_dispatch:/);
    expect(deploy.match(/id-token: write/g)).toHaveLength(1);
    expect(deploy).toMatch(/deploy:\n(?:.*\n)*?\s+environment: \$\{\{ inputs\.environment \}\}/);
    expect(deploy).not.toMatch(/--apply/);
  });

  it('throws for an action that is not pinned', () => {
    expect(() => pinnedAction('someone/unpinned')).toThrow(/is not pinned/);
    expect(Object.values(PINNED_ACTIONS).every((p) => /^[0-9a-f]{40}$/.test(p.sha))).toBe(true);
  });
});
