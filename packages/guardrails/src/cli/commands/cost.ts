import { parseArgs } from 'node:util';
import { cdkOutDir, environmentCost, environmentStacks, loadEnvConfig, requireEnv, usd } from '../context';
import { ExitCode, GuardCommand, println } from '../io';

/** `aad-guard cost`: the offline monthly estimate and budget check. */
export const costCommand: GuardCommand = {
  name: 'cost',
  summary: 'Offline monthly cost estimate of an environment against its budget',
  help: `Usage: aad-guard cost --env dev|prod [--cdk-out DIR] [--strict] [--json]

Estimates the monthly cost of the environment's stacks from the synthesized
templates and the usage assumptions in config/ENV.yml (usage.*, retention.*),
with the price table in src/cost/price-table.json (each price with its source
and date; us-east-1 on-demand). Prints the cost per resource type, the total
and the budget (budget.monthlyUsd). Resource types the table cannot price are
listed as unpriced, never counted as zero.

Options:
  --env ENV       environment (required)
  --cdk-out DIR   synthesized app (default: packages/constructs/cdk.out)
  --strict        also fail when any resource is unpriced
  --json          print the estimate as JSON

Exit codes: 0 within budget, 1 over budget (or unpriced with --strict), 2 usage error.`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        env: { type: 'string' },
        'cdk-out': { type: 'string' },
        'config-dir': { type: 'string' },
        strict: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    });
    const env = requireEnv(values.env, ['dev', 'prod']);
    const config = await loadEnvConfig(env, io, values['config-dir']);
    const estimate = environmentCost(environmentStacks(cdkOutDir(io, values['cdk-out']), config), config);
    const failed = estimate.withinBudget !== true || (values.strict && estimate.unpriced.length > 0);
    if (values.json) {
      println(io.stdout, JSON.stringify({ env, ...estimate, passed: !failed }, null, 2));
      return failed ? ExitCode.FAILED : ExitCode.PASS;
    }
    println(io.stdout, `cost ${env} (${estimate.stacks.join(', ')}), prices ${estimate.priceRegion}, per month:`);
    for (const t of estimate.byType) {
      println(io.stdout, `  ${t.type.padEnd(40)} ${String(t.count).padStart(4)}  ${usd(t.usd).padStart(14)}`);
    }
    for (const f of estimate.free) {
      println(
        io.stdout,
        `  ${f.type.padEnd(40)} ${String(f.count).padStart(4)}  ${'0.00 USD'.padStart(14)}  (${f.reason})`,
      );
    }
    if (estimate.notCreated.length > 0) {
      println(
        io.stdout,
        `  not created with default parameters (not counted): ${estimate.notCreated.map((n) => `${n.logicalId} (${n.condition})`).join(', ')}`,
      );
    }
    for (const u of estimate.unpriced) {
      println(io.stderr, `  unpriced: ${u.stack}/${u.logicalId} (${u.type}): ${u.reason}`);
    }
    for (const w of estimate.warnings) println(io.stderr, `  warning: ${w}`);
    println(
      io.stdout,
      `cost ${env}: ${usd(estimate.totalUsd)}/month, budget ${usd(estimate.budgetUsd ?? 0)}: ${
        estimate.withinBudget ? 'within budget' : 'OVER BUDGET'
      }${estimate.unpriced.length > 0 ? ` (${estimate.unpriced.length} unpriced: a lower bound)` : ''}`,
    );
    return failed ? ExitCode.FAILED : ExitCode.PASS;
  },
};
