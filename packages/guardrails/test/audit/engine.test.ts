import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCloudAssembly, stacksWithPrefix } from '../../src/assembly/cloud-assembly';
import { auditSummaryMarkdown, csvField, inventoryCsv, writeAuditArtifacts } from '../../src/audit/artifacts';
import { acknowledgementsOf, runAudit } from '../../src/audit/engine';
import { collectRepositoryFacts } from '../../src/audit/repository';
import { RepositoryFacts } from '../../src/audit/rule';
import { ALL_RULES } from '../../src/audit/rules';
import { parseHandlerContract } from '../../src/audit/runtime-contract';
import { COMPLIANT, FIXTURES, PROBLEMS, REPO_ROOT, tempDir } from '../_helpers/run';

const contract = parseHandlerContract(
  readFileSync(join(FIXTURES, 'handler-contract.fixture.txt'), 'utf8'),
  'handler-contract.ts',
);
const repository: RepositoryFacts = {
  root: FIXTURES,
  workflows: [{ path: '.github/workflows/ci.yml', text: 'steps:\n  - uses: actions/checkout@v4\n' }],
  handlerEnvironments: contract,
  configVariables: ['AAD_REGION'],
  configDocs: { path: 'docs/config.md', text: 'AAD_REGION' },
};

describe('runAudit on the hand-written fixtures', () => {
  it('passes the compliant app with no finding at all', () => {
    // Act
    const report = runAudit({ assembly: loadCloudAssembly(COMPLIANT), repository: { ...repository, workflows: [] } });
    // Assess
    expect(report.findings).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.stacks).toEqual(['aad-dev-detector', 'aad-dev-team-pipeline', 'aad-prod-detector']);
    expect(report.skipped).toEqual([]);
  });

  it('flags every rule on the problem app, with the offending resource', () => {
    // Act
    const report = runAudit({ assembly: loadCloudAssembly(PROBLEMS), repository });
    const where = (ruleId: string): string[] =>
      report.findings.filter((f) => f.ruleId === ruleId).map((f) => f.logicalId ?? f.file ?? f.stack ?? '');
    // Assess
    expect(report.passed).toBe(false);
    expect(new Set(report.findings.map((f) => f.ruleId))).toEqual(
      new Set(ALL_RULES.map((r) => r.id).filter((id) => id !== 'env-parity-config-docs')),
    );
    expect(where('s3-public-access')).toEqual(['PlainBucket', 'PublicBucket']);
    expect(where('iam-wildcard-sensitive')).toEqual(['WildcardPolicy']);
    expect(where('table-backups')).toEqual(['NoPitrTable']);
    expect(where('database-multi-az')).toEqual(['SingleAzDb']);
    expect(where('sqs-dlq')).toEqual(['NoDlqQueue']);
    expect(where('lambda-async-dlq')).toEqual(['AsyncNoDlqFunction']);
    expect(where('iam-permission-boundary')).toEqual(['UnboundedRole']);
    expect(where('network-multi-az')).toEqual(['SingleAzVpc']);
    expect(where('kms-cmk')).toEqual(['AwsManagedTopic', 'PlainBucket', 'PlainTopic']);
    expect(where('env-parity-runtime')).toEqual(['EnrichmentFunction']);
    expect(where('unpinned-workflow-action')).toEqual(['.github/workflows/ci.yml']);
    expect(report.counts).toEqual({ Critical: 6, High: 9, Medium: 12, Low: 1 });
    // Most severe first.
    expect(report.findings[0].severity).toBe('Critical');
    expect(report.findings[report.findings.length - 1].severity).toBe('Low');
  });

  it('reports repository rules as skipped when there is no repository', () => {
    const report = runAudit({ assembly: loadCloudAssembly(COMPLIANT) });
    expect(report.skipped.map((s) => s.ruleId)).toEqual([
      'env-parity-runtime',
      'unpinned-workflow-action',
      'env-parity-config-docs',
    ]);
  });

  it('honours an acknowledgement with a reason and ignores one without', () => {
    // Prepare
    const assembly = loadCloudAssembly(PROBLEMS);
    const stack = assembly.stacks[0];
    const resources = {
      ...stack.resources,
      NoDlqQueue: {
        ...stack.resources.NoDlqQueue,
        Metadata: {
          'aad:audit': {
            acknowledge: [{ id: 'sqs-dlq', reason: 'drained by an operator runbook daily, no consumer' }],
          },
        },
      },
      UnboundedRole: {
        ...stack.resources.UnboundedRole,
        Metadata: { 'aad:audit': { acknowledge: [{ id: 'iam-permission-boundary', reason: 'later' }] } },
      },
    };
    // Act
    const report = runAudit({ assembly: { ...assembly, stacks: [{ ...stack, resources }] } });
    // Assess
    expect(report.acknowledged).toEqual([
      expect.objectContaining({
        ruleId: 'sqs-dlq',
        logicalId: 'NoDlqQueue',
        acknowledged: 'drained by an operator runbook daily, no consumer',
      }),
    ]);
    expect(report.findings.some((f) => f.ruleId === 'iam-permission-boundary')).toBe(true);
    expect(acknowledgementsOf({ Type: 'AWS::SQS::Queue' }).size).toBe(0);
  });

  it('filters one environment by its resource prefix', () => {
    const dev = stacksWithPrefix(loadCloudAssembly(COMPLIANT), 'aad-dev');
    expect(dev.stacks.map((s) => s.stackName)).toEqual(['aad-dev-detector', 'aad-dev-team-pipeline']);
  });
});

describe('audit artifacts', () => {
  const report = runAudit({ assembly: loadCloudAssembly(PROBLEMS), repository });

  it('writes the inventory, findings and summary', () => {
    // Act
    const dir = tempDir();
    const files = writeAuditArtifacts(report, dir);
    // Assess
    expect(files.map((f) => f.replace(dir, ''))).toEqual([
      '/infra_inventory.csv',
      '/findings.json',
      '/audit-summary.md',
    ]);
    const csv = readFileSync(join(dir, 'infra_inventory.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('stack,resource,type,encryption,tags,public_exposure,cdk_path');
    expect(csv).toContain(
      'aad-dev-detector,PlainBucket,AWS::S3::Bucket,none,Application=access-anomaly-detector,public,',
    );
    expect(csv.find((l) => l.startsWith('aad-dev-detector,RawLogsBucket,'))).toMatch(/,cmk,.*,private,$/);
    expect(csv.find((l) => l.startsWith('aad-dev-detector,AccessLogsBucket,'))).toMatch(/,service-default,/);
    const json = JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8'));
    expect(json).toMatchObject({ format: 'aad-audit/v1', passed: false, counts: report.counts });
    expect(json.inventory).toBeUndefined();
  });

  it('summarizes counts per severity in markdown', () => {
    const md = auditSummaryMarkdown(report);
    expect(md).toContain('**Result: FAIL**');
    expect(md).toMatch(/- \*\*Critical:\*\* 6\n- \*\*High:\*\* 9\n- \*\*Medium:\*\* 12\n- \*\*Low:\*\* 1/);
    expect(md).toContain('| Critical | `iam-wildcard-sensitive` | aad-dev-detector / WildcardPolicy |');
    expect(md).toContain('| Medium | `unpinned-workflow-action` | .github/workflows/ci.yml:2 |');
  });

  it('quotes CSV fields that need it', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(inventoryCsv([])).toBe('stack,resource,type,encryption,tags,public_exposure,cdk_path\n');
  });
});

describe('docs/audit-rules.md', () => {
  it('lists every rule with its severity', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'audit-rules.md'), 'utf8');
    for (const rule of ALL_RULES) {
      expect(doc).toContain(`| \`${rule.id}\` | ${rule.severity} |`);
    }
    const listed = [...doc.matchAll(/^\| `([a-z0-9-]+)` \| (Critical|High|Medium|Low) \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
  });
});

describe('collectRepositoryFacts', () => {
  it('reads workflows, the runtimes contract, config variables and docs of this repository', () => {
    const facts = collectRepositoryFacts(REPO_ROOT, { schemaVariables: ['AAD_REGION'] });
    expect(facts.workflows.map((w) => w.path)).toContain('.github/workflows/build.yml');
    expect(facts.handlerEnvironments?.map((h) => h.handler)).toEqual(
      expect.arrayContaining(['enrichment', 'reconciler']),
    );
    expect(facts.configVariables).toEqual(expect.arrayContaining(['AAD_REGION', 'AAD_CONFIG_DIR']));
    expect(facts.configDocs?.path).toBe('docs/config.md');
  });

  it('leaves inputs undefined when the repository has none', () => {
    const facts = collectRepositoryFacts(tempDir());
    expect(facts).toMatchObject({
      workflows: [],
      handlerEnvironments: undefined,
      configVariables: undefined,
      configDocs: undefined,
    });
  });
});
