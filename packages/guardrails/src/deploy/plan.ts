import { CloudAssembly } from '../assembly/cloud-assembly';

/** Resource counts by type over the given stacks, most frequent first. */
export function resourceCounts(assembly: CloudAssembly): { type: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const s of assembly.stacks) {
    for (const r of Object.values(s.resources)) counts.set(r.Type, (counts.get(r.Type) ?? 0) + 1);
  }
  return [...counts]
    .map(([type, count]) => ({ type, count }))
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}

/** The CDK CLI the apply path runs (fetched by npx; never needed by the build). */
export const CDK_CLI = ['npx', '-y', 'aws-cdk@2'];

/** The exact `cdk deploy` command of a plan: the pre-synthesized app, named stacks, approval on broadening. */
export function cdkDeployCommand(cdkOut: string, stacks: readonly string[], profile?: string): string[] {
  return [
    ...CDK_CLI,
    'deploy',
    '--app',
    cdkOut,
    '--require-approval',
    'broadening',
    ...(profile ? ['--profile', profile] : []),
    ...stacks,
  ];
}

/** The exact `cdk destroy` command for named stacks. */
export function cdkDestroyCommand(cdkOut: string, stacks: readonly string[], profile?: string): string[] {
  return [...CDK_CLI, 'destroy', '--app', cdkOut, '--force', ...(profile ? ['--profile', profile] : []), ...stacks];
}

/** Resources a stack deletion keeps (DeletionPolicy Retain/Snapshot) and those it deletes. */
export function teardownSplit(assembly: CloudAssembly): {
  retained: { stack: string; logicalId: string; type: string; policy: string }[];
  deleted: { stack: string; logicalId: string; type: string }[];
} {
  const retained = [];
  const deleted = [];
  for (const s of assembly.stacks) {
    for (const [logicalId, r] of Object.entries(s.resources)) {
      if (r.Type === 'AWS::CDK::Metadata') continue;
      const policy = r.DeletionPolicy ?? 'Delete';
      if (policy === 'Retain' || policy === 'RetainExceptOnCreate' || policy === 'Snapshot') {
        retained.push({ stack: s.stackName, logicalId, type: r.Type, policy });
      } else {
        deleted.push({ stack: s.stackName, logicalId, type: r.Type });
      }
    }
  }
  return { retained, deleted };
}

/** Quotes a command for display so it can be pasted into a shell. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(' ');
}
