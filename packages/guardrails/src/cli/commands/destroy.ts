import { parseArgs } from 'node:util';
import { TEMPLATE_GATES } from '../../deploy/gates';
import { identityFromEnvironment } from '../../deploy/identity';
import { cdkDestroyCommand, shellQuote, teardownSplit } from '../../deploy/plan';
import {
  cdkOutDir,
  environmentStacks,
  gatesFor,
  loadEnvConfig,
  printGates,
  printRefusal,
  requireEnv,
  spawnCommand,
} from '../context';
import { ExitCode, GuardCommand, println } from '../io';

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
    const { values } = parseArgs({
      args: [...args],
      options: {
        env: { type: 'string' },
        apply: { type: 'boolean', default: false },
        'cdk-out': { type: 'string' },
        'config-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    });
    const env = requireEnv(values.env, ['dev']);
    const config = await loadEnvConfig(env, io, values['config-dir']);
    const cdkOut = cdkOutDir(io, values['cdk-out']);
    const assembly = environmentStacks(cdkOut, config);
    const { gates } = await gatesFor(env, config, assembly, io, values['config-dir']);
    const split = teardownSplit(assembly);
    const command = cdkDestroyCommand(
      cdkOut,
      assembly.stacks.map((s) => s.stackName),
      identityFromEnvironment(io.env).profile,
    );
    const considered = values.apply ? gates : gates.filter((g) => TEMPLATE_GATES.has(g.gate));
    const failed = considered.filter((g) => !g.passed);
    if (values.json) {
      println(
        io.stdout,
        JSON.stringify(
          {
            env,
            mode: values.apply ? 'apply' : 'dry-run',
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
        `destroy plan for ${env} (${values.apply ? 'apply' : 'dry-run'}): ${assembly.stacks.map((s) => s.stackName).join(', ')}`,
      );
      println(io.stdout, `  deleted (${split.deleted.length}):`);
      for (const d of split.deleted) println(io.stdout, `    ${d.stack}/${d.logicalId}  ${d.type}`);
      println(io.stdout, `  retained (${split.retained.length}), delete by hand after review if intended:`);
      for (const r of split.retained) println(io.stdout, `    ${r.stack}/${r.logicalId}  ${r.type}  (${r.policy})`);
      println(io.stdout, '  gates:');
      printGates(io, gates);
      println(io.stdout, `  command: ${shellQuote(command)}`);
    }
    if (failed.length > 0) {
      printRefusal(io, 'destroy', failed);
      return ExitCode.FAILED;
    }
    if (!values.apply) {
      if (!values.json) println(io.stdout, 'dry-run: nothing was destroyed');
      return ExitCode.PASS;
    }
    const code = await (io.runCommand ?? spawnCommand)(command);
    println(code === 0 ? io.stdout : io.stderr, `destroy: ${shellQuote(command)} exited with ${code}`);
    return code === 0 ? ExitCode.PASS : ExitCode.FAILED;
  },
};
