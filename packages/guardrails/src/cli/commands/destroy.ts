import { identityFromEnvironment } from '../../deploy/identity';
import { cdkDestroyCommand, shellQuote, teardownSplit } from '../../deploy/plan';
import { finishGatedRun, prepareGatedRun, printGates } from '../context';
import { GuardCommand, println } from '../io';

/** `aad-guard destroy`: teardown of the dev environment behind the same gates. Dry-run by default. */
export const destroyCommand: GuardCommand = {
  name: 'destroy',
  summary: 'Teardown plan of dev: what is deleted and what is retained (dry-run unless --apply)',
  help: `Usage: aad-guard destroy --env dev [--apply] [--cdk-out DIR] [--json]

Dry-run (default): lists what a teardown deletes and what it retains
(resources with DeletionPolicy Retain or Snapshot: buckets, tables, keys),
every gate, and the exact cdk destroy command. Only dev can be destroyed from
here; production teardown goes through change management.

--apply runs the command only when every gate of 'aad-guard deploy' passes
(ALLOW_AWS_DEPLOY=1, audit, cost, kms-cmk, identity).

Exit codes: 0 plan printed (dry-run) or destroyed, 1 a gate refused (or cdk failed), 2 usage error.`,
  async run(args, io) {
    const run = await prepareGatedRun(args, io, ['dev']);
    const { env, assembly, gates, failed } = run;
    const split = teardownSplit(assembly);
    const command = cdkDestroyCommand(
      run.cdkOut,
      assembly.stacks.map((s) => s.stackName),
      identityFromEnvironment(io.env).profile,
    );
    if (run.json) {
      println(
        io.stdout,
        JSON.stringify(
          {
            env,
            mode: run.apply ? 'apply' : 'dry-run',
            ...split,
            gates,
            command,
            refusedBy: failed.map((g) => g.gate),
          },
          null,
          2,
        ),
      );
    } else {
      println(
        io.stdout,
        `destroy plan for ${env} (${run.apply ? 'apply' : 'dry-run'}): ${assembly.stacks.map((s) => s.stackName).join(', ')}`,
      );
      println(io.stdout, `  deleted (${split.deleted.length}):`);
      for (const d of split.deleted) println(io.stdout, `    ${d.stack}/${d.logicalId}  ${d.type}`);
      println(io.stdout, `  retained (${split.retained.length}), delete by hand after review if intended:`);
      for (const r of split.retained) println(io.stdout, `    ${r.stack}/${r.logicalId}  ${r.type}  (${r.policy})`);
      println(io.stdout, '  gates:');
      printGates(io, gates);
      println(io.stdout, `  command: ${shellQuote(command)}`);
    }
    return finishGatedRun(io, run, 'destroy', command, 'dry-run: nothing was destroyed');
  },
};
