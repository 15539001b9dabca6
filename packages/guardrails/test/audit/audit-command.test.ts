import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_DIR, COMPLIANT, PROBLEMS, REPO_ROOT, run, tempDir } from '../_helpers/run';

describe('aad-guard audit', () => {
  it('exits 1 on Critical/High findings and writes the three artifacts', async () => {
    // Prepare
    const out = tempDir();
    // Act
    const result = await run(['audit', '--cdk-out', PROBLEMS, '--out', out, '--no-repo']);
    // Assess
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^audit: 1 stack\(s\), \d+ resources, 25 rules: Critical 6, High 8, Medium 11, Low 1/);
    expect(result.err).toContain('Critical iam-wildcard-sensitive  aad-dev-detector/WildcardPolicy');
    expect(result.out).toContain('skipped  env-parity-runtime');
    for (const file of ['infra_inventory.csv', 'findings.json', 'audit-summary.md']) {
      expect(existsSync(join(out, file))).toBe(true);
    }
  });

  it('passes the compliant app of one environment and prints JSON', async () => {
    const out = tempDir();
    const { code, out: stdout } = await run([
      'audit',
      '--cdk-out',
      COMPLIANT,
      '--out',
      out,
      '--env',
      'prod',
      '--config-dir',
      CONFIG_DIR,
      '--no-repo',
      '--json',
    ]);
    const report = JSON.parse(stdout);
    expect(code).toBe(0);
    expect(report).toMatchObject({
      format: 'aad-audit/v1',
      stacks: ['aad-prod-detector'],
      passed: true,
      artifacts: [join(out, 'infra_inventory.csv'), join(out, 'findings.json'), join(out, 'audit-summary.md')],
    });
    expect(JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')).counts).toEqual({
      Critical: 0,
      High: 0,
      Medium: 0,
      Low: 0,
    });
  });

  it('runs the repository rules on this repository', async () => {
    const out = tempDir();
    const { out: stdout } = await run(['audit', '--cdk-out', COMPLIANT, '--out', out, '--repo', REPO_ROOT, '--json']);
    const report = JSON.parse(stdout);
    expect(report.skipped).toEqual([]);
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === 'unpinned-workflow-action')).toEqual([]);
  });

  it('exits 2 with a clear message on a broken template', async () => {
    const { code, err } = await run([
      'audit',
      '--cdk-out',
      join(REPO_ROOT, 'packages', 'guardrails', 'test'),
      '--no-repo',
    ]);
    expect(code).toBe(2);
    expect(err).toMatch(/no stack templates found/);
  });
});

describe('aad-guard cost', () => {
  it('prints the estimate by type and passes within budget', async () => {
    const { code, out } = await run(['cost', '--env', 'dev', '--cdk-out', COMPLIANT, '--config-dir', CONFIG_DIR]);
    expect(code).toBe(0);
    expect(out).toMatch(/AWS::KMS::Key +2 +\d+\.\d\d USD/);
    expect(out).toMatch(/cost dev: \d+\.\d\d USD\/month, budget 300\.00 USD: within budget/);
  });

  it('fails over budget and with --strict on unpriced resources', async () => {
    const over = await run(['cost', '--env', 'dev', '--cdk-out', COMPLIANT, '--config-dir', CONFIG_DIR, '--json'], {
      env: { AAD_BUDGET_MONTHLY_USD: '0.5' },
    });
    expect(over.code).toBe(1);
    expect(JSON.parse(over.out)).toMatchObject({ env: 'dev', withinBudget: false, passed: false, budgetUsd: 0.5 });
    const strict = await run(['cost', '--env', 'dev', '--cdk-out', PROBLEMS, '--config-dir', CONFIG_DIR, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain(
      'unpriced: aad-dev-detector/SingleAzDb (AWS::RDS::DBInstance): no price in the table for this type',
    );
  });

  it('reports a bad AAD_* override as a usage error', async () => {
    const { code, err } = await run(['cost', '--env', 'dev', '--cdk-out', COMPLIANT, '--config-dir', CONFIG_DIR], {
      env: { AAD_NOT_A_KEY: '1' },
    });
    expect(code).toBe(2);
    expect(err).toContain('AAD_NOT_A_KEY');
  });
});
