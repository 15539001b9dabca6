import { SEVERITIES } from '../../audit/rule';
import { identityFromEnvironment } from '../../deploy/identity';
import { cdkDeployCommand, resourceCounts, shellQuote } from '../../deploy/plan';
import { finishGatedRun, prepareGatedRun, printGates, usd } from '../context';
import { GuardCommand, println } from '../io';

/** `aad-guard deploy`: the deploy gate. Dry-run by default. */
export const deployCommand: GuardCommand = {
  name: 'deploy',
  summary: 'Deploy plan and gate (dry-run unless --apply and ALLOW_AWS_DEPLOY=1)',
  help: `Usage: aad-guard deploy --env dev|prod [--apply] [--cdk-out DIR] [--json]

Dry-run (default): prints the plan — the environment's stacks, resource counts
by type, the audit summary, the cost estimate against the budget, every gate —
and the exact cdk deploy command it would run. Makes no AWS call.

--apply runs that command only when every gate passes:
  allow-flag  ALLOW_AWS_DEPLOY=1 is set
  audit       no Critical or High audit finding
  cost        the estimate is within budget.monthlyUsd
  kms-cmk     every encryptable resource uses a KMS customer-managed key
  identity    AWS_PROFILE/AWS_DEFAULT_PROFILE and AWS_ACCOUNT_ID/CDK_DEFAULT_ACCOUNT are on
              deploy.allowedProfiles/allowedAccounts of config/ENV.yml (never another
              environment's credentials)
Each refusal names the gate and how to pass it.

Exit codes: 0 plan clean (dry-run) or deployed, 1 a gate refused (or the deploy failed), 2 usage error.`,
  async run(args, io) {
    const run = await prepareGatedRun(args, io, ['dev', 'prod']);
    const { env, assembly, audit, cost, gates, failed } = run;
    const command = cdkDeployCommand(
      run.cdkOut,
      assembly.stacks.map((s) => s.stackName),
      identityFromEnvironment(io.env).profile,
    );
    const plan = {
      env,
      mode: run.apply ? 'apply' : 'dry-run',
      stacks: assembly.stacks.map((s) => s.stackName),
      resources: resourceCounts(assembly),
      audit: {
        counts: audit.counts,
        passed: audit.passed,
        blocking: audit.findings.filter((f) => f.severity === 'Critical' || f.severity === 'High'),
      },
      cost: {
        totalUsd: cost.totalUsd,
        budgetUsd: cost.budgetUsd,
        withinBudget: cost.withinBudget,
        unpriced: cost.unpriced.length,
      },
      gates,
      command,
    };
    if (run.json) {
      println(io.stdout, JSON.stringify({ ...plan, deployed: false, refusedBy: failed.map((g) => g.gate) }, null, 2));
    } else {
      println(io.stdout, `deploy plan for ${env} (${plan.mode}):`);
      println(io.stdout, `  stacks: ${plan.stacks.join(', ')}`);
      println(io.stdout, '  resources:');
      for (const r of plan.resources) println(io.stdout, `    ${String(r.count).padStart(4)}  ${r.type}`);
      println(io.stdout, `  audit: ${SEVERITIES.map((s) => `${s} ${audit.counts[s]}`).join(', ')}`);
      println(io.stdout, `  cost: ${usd(cost.totalUsd)}/month, budget ${usd(cost.budgetUsd ?? 0)}`);
      println(io.stdout, '  gates:');
      printGates(io, gates);
      println(io.stdout, `  command: ${shellQuote(command)}`);
    }
    return finishGatedRun(
      io,
      run,
      'deploy',
      command,
      'dry-run: nothing was deployed (add --apply and ALLOW_AWS_DEPLOY=1 to deploy)',
    );
  },
};
