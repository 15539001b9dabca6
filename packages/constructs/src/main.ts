import { parseArgs } from 'node:util';
import { ENVIRONMENTS, buildApp } from './app/detector-app';
import { buildPolicyReports, formatSummary, readValidationReport, writePolicyReports } from './policy/policy-report';

export { ENVIRONMENTS, buildApp } from './app/detector-app';

const USAGE = `Usage: node lib/main.js [--env dev,prod] [--outdir cdk.out]

Synthesizes the environment stack (aad-<env>-detector) and the service unit
stack (aad-<env>-team-pipeline) of each environment from config/<env>.yml,
with every policy pack attached (cdk-nag AwsSolutions, NIST 800-53 R5, HIPAA
Security, PCI DSS 3.2.1, Serverless, the AAD rules and cfn-guard). Writes the
cloud assembly, validation-report.json and <stack>.policy-report.json per
stack, and prints a summary. Nothing is deployed.

Exit codes: 0 clean, 1 unacknowledged policy findings, 2 usage or configuration error.
`;

/** Streams `main` writes to (tests pass their own). */
export interface MainIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const PROCESS_IO: MainIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** Runs `synth`; returns the exit code. */
export function main(argv: readonly string[], io: MainIo = PROCESS_IO): number {
  let values: { env?: string; outdir?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { env: { type: 'string' }, outdir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const outdir = values.outdir ?? 'cdk.out';
  const environments = values.env ? values.env.split(',').map((e) => e.trim()) : [...ENVIRONMENTS];
  const started = Date.now();
  let built;
  try {
    built = buildApp({ outdir, environments });
  } catch (error) {
    io.err(`synth: ${(error as Error).message}\n`);
    return 2;
  }
  let validationFailed = false;
  try {
    built.app.synth();
  } catch (error) {
    if (!/Validation failed/.test((error as Error).message)) {
      io.err(`synth: ${(error as Error).message}\n`);
      return 2;
    }
    validationFailed = true;
  }
  const reports = buildPolicyReports(readValidationReport(outdir), built.stacks);
  const files = writePolicyReports(outdir, reports);
  io.out(formatSummary(reports));
  const failed = validationFailed || reports.some((r) => !r.passed);
  io.out(
    `${failed ? 'FAILED' : 'ok'}: synthesized ${built.stacks.map((s) => s.stackName).join(', ')} into ${outdir} ` +
      `in ${Date.now() - started} ms; policy reports: ${files.join(', ')}\n`,
  );
  return failed ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
