import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StackPolicyReport } from '../src';
import { main } from '../src/main';
import { CONFIG_DIR } from './_helpers/stacks';

function capture(): {
  io: { out: (t: string) => void; err: (t: string) => void };
  out: () => string;
  err: () => string;
} {
  let out = '';
  let err = '';
  return { io: { out: (t) => (out += t), err: (t) => (err += t) }, out: () => out, err: () => err };
}

describe('synth (main)', () => {
  const saved = { ...process.env };
  beforeAll(() => {
    process.env.AAD_CONFIG_DIR = CONFIG_DIR;
  });
  afterAll(() => {
    process.env = saved;
  });

  it('prints help and exits 0', () => {
    const c = capture();
    expect(main(['--help'], c.io)).toBe(0);
    expect(c.out()).toContain('Usage: node lib/main.js');
    expect(c.out()).toContain('Exit codes: 0 clean, 1 unacknowledged policy findings, 2 usage or configuration error.');
  });

  it('exits 2 on an unknown option', () => {
    const c = capture();
    expect(main(['--nope'], c.io)).toBe(2);
    expect(c.err()).toContain("Unknown option '--nope'");
  });

  it('exits 2 with the loader message for an unknown environment', () => {
    const c = capture();
    expect(main(['--env', 'staging', '--outdir', mkdtempSync(join(tmpdir(), 'aad-synth-'))], c.io)).toBe(2);
    expect(c.err()).toContain("no configuration for environment 'staging'");
  });

  it('synthesizes dev and prod with every pack (and CDK validation), clean, and writes one policy report per stack', () => {
    // Prepare
    process.env.CDK_VALIDATION = 'true';
    const outdir = mkdtempSync(join(tmpdir(), 'aad-synth-'));
    const c = capture();
    try {
      // Act
      const code = main(['--outdir', outdir], c.io);
      expect(c.err()).toBe('');
      // Assess
      expect(c.out()).toMatch(
        /^ok: synthesized aad-dev-detector, aad-dev-team-pipeline, aad-prod-detector, aad-prod-team-pipeline/m,
      );
      expect(code).toBe(0);
      for (const stack of [
        'aad-dev-detector',
        'aad-dev-team-pipeline',
        'aad-prod-detector',
        'aad-prod-team-pipeline',
      ]) {
        expect(existsSync(join(outdir, `${stack}.template.json`))).toBe(true);
        const report = JSON.parse(
          readFileSync(join(outdir, `${stack}.policy-report.json`), 'utf8'),
        ) as StackPolicyReport;
        expect(report).toMatchObject({ schemaVersion: 1, stack, passed: true, totals: { violations: 0 } });
        const plugins = report.plugins.map((p) => p.plugin);
        for (const p of [
          'AwsSolutions',
          'NIST.800.53.R5',
          'HIPAA.Security',
          'PCI.DSS.321',
          'Serverless',
          'AAD',
          'cdk-validator-cfnguard',
        ]) {
          expect(plugins).toContain(p);
        }
      }
      const dev = JSON.parse(
        readFileSync(join(outdir, 'aad-dev-detector.policy-report.json'), 'utf8'),
      ) as StackPolicyReport;
      expect(dev.totals.acknowledged).toBeGreaterThan(0);
      expect(dev.documentedWildcards.map((w) => w.action)).toContain('ec2:DescribeNetworkInterfaces');
      expect(c.out()).toContain('aad-prod-detector       cdk-validator-cfnguard');
    } finally {
      process.env.CDK_VALIDATION = 'false';
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
