import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scanRepository } from '../../no-deploy';
import { ExitCode, GuardCommand, println } from '../io';

/** `aad-guard no-deploy [DIR]`: the repository lock against ungated deploy commands. */
export const noDeployCommand: GuardCommand = {
  name: 'no-deploy',
  summary: 'Fail on any deploy command not behind --apply and ALLOW_AWS_DEPLOY=1',
  help: `Usage: aad-guard no-deploy [DIR] [--json]

Scans shell scripts, scripts/ JavaScript, package.json scripts, projen tasks
and GitHub workflows under DIR (default: the working directory) for deploy
commands (cdk deploy|destroy, aws cloudformation deploy|create-stack|
update-stack|delete-stack, aws proton create-*|update-*, sam deploy,
terraform apply, aws s3 cp|sync to s3://). Each one must run under a
condition that compares ALLOW_AWS_DEPLOY with 1 and checks --apply.

Exit codes: 0 clean, 1 ungated deploy command found (file:line listed), 2 usage error.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { json: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    const root = resolve(io.cwd, positionals[0] ?? '.');
    const report = scanRepository(root);
    if (values.json) {
      println(io.stdout, JSON.stringify({ ...report, root: undefined, ok: report.violations.length === 0 }, null, 2));
    } else {
      for (const v of report.violations) {
        println(
          io.stderr,
          `${v.file}:${v.line}: ${v.summary} is not behind the deploy gate (needs --apply and ALLOW_AWS_DEPLOY == 1): ${v.text}`,
        );
      }
      const verdict =
        report.violations.length === 0 ? 'clean' : `${report.violations.length} ungated deploy command(s)`;
      println(
        io.stdout,
        `no-deploy: ${report.filesScanned.length} files scanned, ${report.gated} gated deploy command(s), ${verdict}`,
      );
    }
    return report.violations.length === 0 ? ExitCode.PASS : ExitCode.FAILED;
  },
};
