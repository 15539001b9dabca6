import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPLIANT, CONFIG_DIR, PROBLEMS, run, tempDir } from '../_helpers/run';

const DEV_IDENTITY = { AWS_PROFILE: 'aad-dev', AWS_ACCOUNT_ID: '111111111111' };
const APPLY_ENV = { ALLOW_AWS_DEPLOY: '1', ...DEV_IDENTITY };
const base = (cdkOut = COMPLIANT): string[] => ['--cdk-out', cdkOut, '--config-dir', CONFIG_DIR];

/** An app whose only problem is a topic on an AWS-managed key (kms-cmk, High). */
function appWithManagedKeyTopic(): string {
  const dir = tempDir();
  const template = JSON.parse(readFileSync(join(COMPLIANT, 'aad-dev-detector.template.json'), 'utf8'));
  template.Resources.AlertsTopic.Properties.KmsMasterKeyId = 'alias/aws/sns';
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'aad-dev-detector.template.json'), JSON.stringify(template));
  return dir;
}

describe('aad-guard deploy', () => {
  it('prints the plan and the exact command in dry-run, and deploys nothing', async () => {
    // Prepare
    const runCommand = jest.fn(async () => 0);
    // Act
    const { code, out } = await run(['deploy', '--env', 'dev', ...base()], { runCommand, env: DEV_IDENTITY });
    // Assess
    expect(code).toBe(0);
    expect(runCommand).not.toHaveBeenCalled();
    expect(out).toContain('deploy plan for dev (dry-run):');
    expect(out).toContain('  stacks: aad-dev-detector, aad-dev-team-pipeline');
    expect(out).toMatch(/ {4}2 {2}AWS::KMS::Key\n/);
    expect(out).toContain('  audit: Critical 0, High 0, Medium 0, Low 0');
    expect(out).toMatch(/ {2}cost: \d+\.\d\d USD\/month, budget 300\.00 USD/);
    expect(out).toContain(
      `  command: npx -y aws-cdk@2 deploy --app ${COMPLIANT} --require-approval broadening --profile aad-dev aad-dev-detector aad-dev-team-pipeline`,
    );
    expect(out).toContain('[FAIL] allow-flag');
    expect(out).toContain('dry-run: nothing was deployed');
  });

  it('runs the deploy command when every gate passes', async () => {
    const runCommand = jest.fn(async () => 0);
    const { code, out } = await run(['deploy', '--env', 'dev', '--apply', ...base()], { runCommand, env: APPLY_ENV });
    expect(code).toBe(0);
    expect(runCommand).toHaveBeenCalledTimes(1);
    expect(runCommand).toHaveBeenCalledWith([
      'npx',
      '-y',
      'aws-cdk@2',
      'deploy',
      '--app',
      COMPLIANT,
      '--require-approval',
      'broadening',
      '--profile',
      'aad-dev',
      'aad-dev-detector',
      'aad-dev-team-pipeline',
    ]);
    expect(out).toContain('exited with 0');
  });

  it('exits 1 when the deploy command fails', async () => {
    const { code, err } = await run(['deploy', '--env', 'dev', '--apply', ...base()], {
      runCommand: async () => 3,
      env: APPLY_ENV,
    });
    expect(code).toBe(1);
    expect(err).toContain('exited with 3');
  });

  it.each([
    [
      'allow-flag',
      { ...DEV_IDENTITY },
      /refused by gate 'allow-flag': ALLOW_AWS_DEPLOY is null\. To pass: export ALLOW_AWS_DEPLOY=1/,
    ],
    [
      'allow-flag',
      { ...DEV_IDENTITY, ALLOW_AWS_DEPLOY: 'true' },
      /refused by gate 'allow-flag': ALLOW_AWS_DEPLOY is "true"/,
    ],
    ['identity', { ALLOW_AWS_DEPLOY: '1' }, /refused by gate 'identity': no AWS identity in the environment/],
    [
      'identity',
      { ALLOW_AWS_DEPLOY: '1', AWS_PROFILE: 'aad-prod' },
      /refused by gate 'identity': profile 'aad-prod' belongs to prod: never use prod credentials for dev\. To pass: set AWS_PROFILE to one of \[aad-dev\]/,
    ],
    [
      'identity',
      { ALLOW_AWS_DEPLOY: '1', AWS_DEFAULT_PROFILE: 'aad-dev', CDK_DEFAULT_ACCOUNT: '222222222222' },
      /account 222222222222 belongs to prod/,
    ],
    [
      'identity',
      { ALLOW_AWS_DEPLOY: '1', AWS_PROFILE: 'personal' },
      /profile 'personal' is not on deploy.allowedProfiles of dev \(aad-dev\)/,
    ],
    [
      'identity',
      { ALLOW_AWS_DEPLOY: '1', AWS_ACCOUNT_ID: '999999999999' },
      /account 999999999999 is not on deploy.allowedAccounts of dev/,
    ],
    [
      'identity',
      { ALLOW_AWS_DEPLOY: '1', AWS_PROFILE: 'aad-dev', AWS_ACCESS_KEY_ID: 'x' },
      /static AWS_ACCESS_KEY_ID credentials without AWS_ACCOUNT_ID/,
    ],
    [
      'cost',
      { ...APPLY_ENV, AAD_BUDGET_MONTHLY_USD: '1' },
      /refused by gate 'cost': estimate \d+\.\d\d USD\/month, budget 1\.00 USD\. To pass: bring the estimate under budget.monthlyUsd/,
    ],
  ])('refuses with gate %s and says how to pass it', async (gate, env, message) => {
    // Prepare
    const runCommand = jest.fn(async () => 0);
    // Act
    const { code, err } = await run(['deploy', '--env', 'dev', '--apply', ...base()], { runCommand, env });
    // Assess
    expect(code).toBe(1);
    expect(runCommand).not.toHaveBeenCalled();
    expect(err).toMatch(message);
    expect(err).toContain(`gate '${gate}'`);
  });

  it('refuses on Critical/High audit findings, even in dry-run', async () => {
    const runCommand = jest.fn(async () => 0);
    const { code, err } = await run(['deploy', '--env', 'dev', '--apply', ...base(PROBLEMS)], {
      runCommand,
      env: APPLY_ENV,
    });
    expect(code).toBe(1);
    expect(runCommand).not.toHaveBeenCalled();
    expect(err).toMatch(/refused by gate 'audit': Critical 6, High \d+/);
    const dry = await run(['deploy', '--env', 'dev', ...base(PROBLEMS)], { env: APPLY_ENV });
    expect(dry.code).toBe(1);
    expect(dry.err).toContain("gate 'audit'");
  });

  it('refuses a resource without a customer-managed key with the kms-cmk gate', async () => {
    const runCommand = jest.fn(async () => 0);
    const { code, err } = await run(['deploy', '--env', 'dev', '--apply', ...base(appWithManagedKeyTopic())], {
      runCommand,
      env: APPLY_ENV,
    });
    expect(code).toBe(1);
    expect(err).toMatch(/refused by gate 'kms-cmk': 1 resource\(s\) without a CMK: aad-dev-detector\/AlertsTopic/);
  });

  it('prints a stable JSON plan', async () => {
    const { code, out } = await run(['deploy', '--env', 'prod', '--json', ...base()], {
      env: { AWS_PROFILE: 'aad-prod' },
    });
    const plan = JSON.parse(out);
    expect(code).toBe(0);
    expect(plan).toMatchObject({
      env: 'prod',
      mode: 'dry-run',
      stacks: ['aad-prod-detector'],
      deployed: false,
      refusedBy: [],
    });
    expect(plan.gates.map((g: { gate: string }) => g.gate)).toEqual([
      'allow-flag',
      'audit',
      'cost',
      'kms-cmk',
      'identity',
    ]);
    expect(plan.command).toContain('--profile');
  });

  it('rejects an unknown environment and an environment without stacks', async () => {
    expect((await run(['deploy', '--env', 'staging', ...base()])).code).toBe(2);
    const empty = await run(['deploy', '--env', 'prod', '--cdk-out', PROBLEMS, '--config-dir', CONFIG_DIR]);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('no stack named aad-prod-* in');
  });

  it('explains a missing cloud assembly', async () => {
    const { code, err } = await run([
      'deploy',
      '--env',
      'dev',
      '--cdk-out',
      join(tempDir(), 'nope'),
      '--config-dir',
      CONFIG_DIR,
    ]);
    expect(code).toBe(2);
    expect(err).toMatch(/no cloud assembly at .*nope: synthesize the app first/);
  });
});

describe('aad-guard destroy', () => {
  it('lists what is deleted and what is retained, in dry-run', async () => {
    const { code, out } = await run(['destroy', '--env', 'dev', ...base()]);
    expect(code).toBe(0);
    expect(out).toMatch(/retained \(\d+\), delete by hand/);
    expect(out).toContain('aad-dev-detector/RawLogsBucket  AWS::S3::Bucket  (Retain)');
    expect(out).toContain('aad-dev-detector/AuditTable  AWS::DynamoDB::Table  (Retain)');
    expect(out).toContain('aad-dev-team-pipeline/TeamQueue  AWS::SQS::Queue');
    expect(out).toContain('dry-run: nothing was destroyed');
  });

  it('runs cdk destroy behind the gates', async () => {
    const runCommand = jest.fn(async () => 0);
    const refused = await run(['destroy', '--env', 'dev', '--apply', ...base()], { runCommand, env: DEV_IDENTITY });
    expect(refused.code).toBe(1);
    expect(runCommand).not.toHaveBeenCalled();
    const { code } = await run(['destroy', '--env', 'dev', '--apply', ...base()], { runCommand, env: APPLY_ENV });
    expect(code).toBe(0);
    expect(runCommand).toHaveBeenCalledWith([
      'npx',
      '-y',
      'aws-cdk@2',
      'destroy',
      '--app',
      COMPLIANT,
      '--force',
      '--profile',
      'aad-dev',
      'aad-dev-detector',
      'aad-dev-team-pipeline',
    ]);
  });

  it('refuses prod and prints JSON', async () => {
    const prod = await run(['destroy', '--env', 'prod', ...base()]);
    expect(prod.code).toBe(2);
    expect(prod.err).toContain('--env must be dev, received "prod"');
    const { out } = await run(['destroy', '--env', 'dev', '--json', ...base()]);
    expect(JSON.parse(out)).toMatchObject({ env: 'dev', mode: 'dry-run', refusedBy: [] });
  });
});
