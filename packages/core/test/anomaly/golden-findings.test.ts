import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { AnomalyDetector } from '../../src/anomaly/anomaly-detector';
import { Finding } from '../../src/anomaly/finding';
import { CloudTrailRecord } from '../../src/logs/cloudtrail-record';

const FIXTURES = join(__dirname, '..', '_fixtures', 'anomaly');
const schema = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'schemas', 'finding.schema.json'), 'utf8'),
) as object;
const validate = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(schema);

function detectFile(file: string): Finding[] {
  const detector = new AnomalyDetector();
  const findings: Finding[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    findings.push(...detector.observe(JSON.parse(line) as CloudTrailRecord));
  }
  findings.push(...detector.flush());
  return findings;
}

describe('golden findings of a small fixed input', () => {
  const findings = detectFile(join(FIXTURES, 'golden-input.jsonl'));
  const goldenPath = join(FIXTURES, 'golden-findings.jsonl');
  if (process.env.AAD_UPDATE_GOLDEN === '1') {
    writeFileSync(goldenPath, findings.map((f) => JSON.stringify(f)).join('\n') + '\n');
  }

  it('matches the reviewed golden file exactly (AAD_UPDATE_GOLDEN=1 rewrites it)', () => {
    const golden = readFileSync(goldenPath, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Finding);
    expect(findings).toEqual(golden);
  });

  it('finds the attack story (events 6 to 12) and nothing in the benign part', () => {
    expect(findings.map((f) => f.log_id.slice(-2)).sort()).toEqual(['09', '10', '11', '12']);
  });

  it('every finding validates against the published JSON Schema', () => {
    for (const f of findings) {
      expect(validate(f)).toBe(true);
    }
    expect(validate.errors ?? null).toBeNull();
  });

  it('the schema rejects a finding without the compliance fields', () => {
    const broken: Record<string, unknown> = { ...findings[0] };
    delete broken.entity_id;
    expect(validate(broken)).toBe(false);
    expect(validate({ ...findings[0], risk_score: 101 })).toBe(false);
  });
});
