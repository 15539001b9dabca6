import { DeployIdentity, EnvironmentAllowlist, identityProblems } from './identity';
import { AuditReport } from '../audit/engine';
import { CostEstimate } from '../cost/estimator';

/** The gates every AWS-mutating command passes before it acts. */
export type GateId = 'allow-flag' | 'audit' | 'cost' | 'kms-cmk' | 'identity';

/** One gate's verdict: what it saw and, when it fails, how to pass it. */
export interface GateResult {
  readonly gate: GateId;
  readonly passed: boolean;
  readonly detail: string;
  readonly howToPass: string;
}

/** Everything the gates look at. */
export interface GateInput {
  readonly env: string;
  readonly environ: Readonly<Record<string, string | undefined>>;
  readonly audit: AuditReport;
  readonly cost: CostEstimate;
  readonly identity: DeployIdentity;
  readonly target: EnvironmentAllowlist;
  readonly others: readonly EnvironmentAllowlist[];
}

/** Gates that depend only on the templates (checked in dry-run too). */
export const TEMPLATE_GATES: ReadonlySet<GateId> = new Set<GateId>(['audit', 'cost', 'kms-cmk']);

/**
 * Evaluates every gate. Pure: reads only its input (no AWS call).
 *
 * @example
 * const refused = evaluateGates(input).filter((g) => !g.passed);
 */
export function evaluateGates(input: GateInput): GateResult[] {
  const { audit, cost } = input;
  const blocking = audit.findings.filter((f) => f.severity === 'Critical' || f.severity === 'High');
  const cmk = audit.findings.filter((f) => f.ruleId === 'kms-cmk');
  const identity = identityProblems(input.identity, input.target, input.others);
  const allowed = input.environ.ALLOW_AWS_DEPLOY === '1';
  return [
    {
      gate: 'allow-flag',
      passed: allowed,
      detail: allowed
        ? 'ALLOW_AWS_DEPLOY=1'
        : `ALLOW_AWS_DEPLOY is ${JSON.stringify(input.environ.ALLOW_AWS_DEPLOY ?? null)}`,
      howToPass: 'export ALLOW_AWS_DEPLOY=1 in the shell that runs the command (a person, on purpose)',
    },
    {
      gate: 'audit',
      passed: blocking.length === 0,
      detail: `Critical ${audit.counts.Critical}, High ${audit.counts.High}, Medium ${audit.counts.Medium}, Low ${audit.counts.Low}`,
      howToPass: 'fix every Critical and High finding (aad-guard audit lists them with the fix), re-synthesize',
    },
    {
      gate: 'cost',
      passed: cost.withinBudget === true,
      detail: `estimate ${cost.totalUsd.toFixed(2)} USD/month, budget ${cost.budgetUsd?.toFixed(2) ?? 'none'} USD${
        cost.unpriced.length > 0 ? ` (${cost.unpriced.length} resource(s) unpriced)` : ''
      }`,
      howToPass: `bring the estimate under budget.monthlyUsd in config/${input.env}.yml (aad-guard cost --env ${input.env} shows where the money goes), or raise the budget through review`,
    },
    {
      gate: 'kms-cmk',
      passed: cmk.length === 0,
      detail:
        cmk.length === 0
          ? 'every encryptable resource uses a customer-managed KMS key'
          : `${cmk.length} resource(s) without a CMK: ${cmk
              .slice(0, 5)
              .map((f) => `${f.stack}/${f.logicalId}`)
              .join(', ')}${cmk.length > 5 ? ', …' : ''}`,
      howToPass: 'pass the environment CMK to each construct listed (see the kms-cmk rule in docs/audit-rules.md)',
    },
    {
      gate: 'identity',
      passed: identity.length === 0,
      detail:
        identity.length === 0
          ? `profile ${input.identity.profile ?? '-'}, account ${input.identity.account ?? '-'}`
          : identity.join('; '),
      howToPass: `set AWS_PROFILE to one of [${input.target.allowedProfiles.join(', ')}] and AWS_ACCOUNT_ID to one of [${input.target.allowedAccounts.join(', ')}] (deploy.* in config/${input.env}.yml)`,
    },
  ];
}
