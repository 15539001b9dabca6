import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectionBench } from '../../src/bench/detection.bench';

jest.setTimeout(120_000);

describe('detection benchmark (quick mode)', () => {
  it('measures throughput against JSON.parse and the memory of a many-principal stream', async () => {
    // Prepare
    const lines: string[] = [];
    // Act
    const result = await detectionBench.run({
      quick: true,
      tmpDir: mkdtempSync(join(tmpdir(), 'aad-bench-')),
      log: (l) => lines.push(l),
    });
    // Assess
    const byName = Object.fromEntries(result.metrics.map((m) => [m.name, m]));
    expect(byName['cloudtrail.read_extract_score_vs_json_parse'].target).toBe('>= 0.33');
    expect(byName['cloudtrail.read_extract_score_vs_json_parse'].unit).toBe('CPU ratio');
    expect(byName['cloudtrail.read_extract_score_events_per_s'].value).toBeGreaterThan(0);
    expect(byName['cloudtrail.read_extract_score_events_per_cpu_s'].value).toBeGreaterThan(0);
    expect(lines.join('\n')).toMatch(
      /JSON\.parse only .*\n.*read \+ extract \+ score .*\n.*the same, record by record/,
    );
    // The record-by-record order is shown for comparison, not gated.
    expect(byName['cloudtrail.record_by_record_vs_json_parse'].value).toBeGreaterThan(0);
    expect(byName['cloudtrail.record_by_record_vs_json_parse'].target).toBeUndefined();
    expect(byName['memory.peak_rss_mb'].value).toBeGreaterThan(0);
    expect(byName['memory.profile_bytes_per_principal'].value).toBeLessThan(20_000);
    expect(lines.join('\n')).toMatch(/Memory: 20,000 events over 2,000 principals/);
  });
});
