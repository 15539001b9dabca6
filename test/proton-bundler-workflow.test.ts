import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { github } from 'projen';
import { Testing } from 'projen/lib/testing';
import { ConstructsPackage } from '../projenrc/packages/constructs';
import { CorePackage } from '../projenrc/packages/core';
import { DRIFT_ISSUE_TITLE, ProtonBundlerPackage } from '../projenrc/packages/proton-bundler';
import { RuntimesPackage } from '../projenrc/packages/runtimes';
import { AadWorkspace } from '../projenrc/workspace';

// Synthesizing the workspace must not install anything.
process.env.PROJEN_DISABLE_POST = '1';

const root = new AadWorkspace(mkdtempSync(join(tmpdir(), 'aad-projenrc-')));
const core = new CorePackage(root);
const runtimes = new RuntimesPackage(root, core);
new ProtonBundlerPackage(root, new ConstructsPackage(root, core, runtimes));
const job = root.github!.tryFindWorkflow('proton-drift')!.getJob('drift') as github.workflows.Job;
const steps = job.steps;
const out = Testing.synth(root);
const text = String(out['.github/workflows/proton-drift.yml']);

describe('proton-drift.yml (nightly drift workflow)', () => {
  it('runs on a schedule, on main only', () => {
    expect(text).toMatch(/^on:\n {2}schedule:\n {4}- cron: 17 3 \* \* \*\n {2}workflow_dispatch: \{\}$/m);
    expect(job.if).toBe("github.ref == 'refs/heads/main'");
  });

  it('reads contents and writes issues, nothing else, with no credential but its own token', () => {
    expect(job.permissions).toEqual({ contents: 'read', issues: 'write' });
    expect(text).toMatch(/permissions:\n {6}contents: read\n {6}issues: write\n/);
    expect(text).not.toMatch(/secrets\.|id-token|aws-access-key|AWS_SECRET|github-token:/i);
  });

  it('pins every action by commit SHA', () => {
    const uses = [...text.matchAll(/uses: (\S+)/g)].map((m) => m[1]);
    expect(uses.length).toBeGreaterThan(2);
    for (const ref of uses) expect(ref).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
  });

  it('synthesizes, bundles, checks drift, and on failure opens or updates the issue with the report', () => {
    expect(steps.map((s) => s.run).filter(Boolean)).toEqual([
      'pnpm i --frozen-lockfile',
      'pnpm exec projen compile',
      'pnpm exec projen synth',
      'node lib/cli/main.js build',
      'node lib/cli/main.js drift --report "${{ runner.temp }}/proton-drift.md"',
    ]);
    const issue = steps[steps.length - 1];
    expect(issue.if).toBe('failure()');
    expect(issue.uses).toMatch(/^actions\/github-script@/);
    expect(issue.env).toEqual({ DRIFT_REPORT: '${{ runner.temp }}/proton-drift.md' });
    expect(issue.with!.script).toContain(`const title = ${JSON.stringify(DRIFT_ISSUE_TITLE)};`);
    expect(issue.with!.script).toContain('github.rest.issues.update(');
    expect(issue.with!.script).toContain('github.rest.issues.create(');
  });

  it('makes the package bundle task run the drift check, so CI fails on an unaccepted contract change', () => {
    const tasks = out['packages/proton-bundler/.projen/tasks.json'].tasks;
    expect(tasks.bundle.steps).toEqual([{ exec: 'node lib/cli/main.js build' }, { spawn: 'drift' }]);
    expect(tasks.drift.steps).toEqual([{ exec: 'node lib/cli/main.js drift' }]);
    expect(tasks['drift:update'].steps).toEqual([
      { exec: 'node lib/cli/main.js build' },
      { exec: 'node lib/cli/main.js drift --update' },
    ]);
  });
});
