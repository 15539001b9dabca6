import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  ACKNOWLEDGEMENTS,
  AcknowledgedFinding,
  DetectorStack,
  OMIT_ACKNOWLEDGEMENTS_CONTEXT,
  PolicyFinding,
  TeamPipelineStack,
  checkGuard,
  checkScope,
} from '../../src';
import { configWith, testApp } from '../_helpers/stacks';

const ALL_FEATURES = {
  features: {
    config: true,
    configRemediation: true,
    securityHub: true,
    guardDuty: true,
    inspector: true,
    detective: true,
    macie: true,
    cloudTrail: true,
    cloudTrailLake: true,
    ssmParameters: true,
    schemaRegistry: true,
    sageMakerEndpoint: true,
  },
};

interface Run {
  readonly findings: PolicyFinding[];
  readonly acknowledged: AcknowledgedFinding[];
}

/** Dev with every module on, plus the team pipeline: every acknowledgement kind is exercised. */
function run(context?: Record<string, unknown>): Run {
  const app = testApp(context);
  const config = configWith('dev', ALL_FEATURES);
  const stacks: Stack[] = [
    new DetectorStack(app, 'aad-dev-detector', { config }),
    new TeamPipelineStack(app, 'aad-dev-team-pipeline', { config }),
  ];
  const out: Run = { findings: [], acknowledged: [] };
  for (const stack of stacks) {
    Template.fromStack(stack);
    for (const check of [checkScope(stack), checkGuard(stack)]) {
      out.findings.push(...check.findings);
      out.acknowledged.push(...check.acknowledged);
    }
  }
  return out;
}

const key = (f: PolicyFinding): string => `${f.plugin} ${f.rule} ${f.path}`;
const KINDS = Object.values(ACKNOWLEDGEMENTS).map((k) => k.key);

describe('acknowledgements', () => {
  let withAcks: Run;
  let withoutAcks: Run;
  beforeAll(() => {
    withAcks = run();
    withoutAcks = run({ [OMIT_ACKNOWLEDGEMENTS_CONTEXT]: KINDS });
  });

  it('leave no unacknowledged finding with every module enabled', () => {
    expect(withAcks.findings.map(key)).toEqual([]);
  });

  it.each(KINDS)('%s is needed: its findings come back without it', (kind) => {
    const mine = withAcks.acknowledged.filter((a) => a.reason.startsWith(`[${kind}]`));
    expect(mine.length).toBeGreaterThan(0);
    const reappeared = new Set(withoutAcks.findings.map(key));
    for (const finding of mine) expect(reappeared).toContain(key(finding));
  });

  it('only suppress findings through the acknowledgement table (every reason names its kind)', () => {
    for (const a of withAcks.acknowledged) expect(a.reason).toMatch(new RegExp(`^\\[(${KINDS.join('|')})\\] .{40,}`));
  });

  it('are all listed in the package README with their reason', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const kind of Object.values(ACKNOWLEDGEMENTS)) {
      expect(readme).toContain(`\`${kind.key}\``);
    }
  });
});
