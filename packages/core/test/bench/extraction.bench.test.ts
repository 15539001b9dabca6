import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractionBench } from '../../src/bench/extraction.bench';

describe('extraction benchmark (quick mode)', () => {
  it('measures every reader path against JSON.parse, the tagger rate and a streamed file, then cleans up', async () => {
    // Prepare
    const lines: string[] = [];
    const tmpDir = mkdtempSync(join(tmpdir(), 'aad-bench-'));
    // Act
    const result = await extractionBench.run({ quick: true, tmpDir, log: (l) => lines.push(l) });
    // Assess: shape and targets only; timings are not asserted
    const byName = Object.fromEntries(result.metrics.map((m) => [m.name, m]));
    expect(byName['cloudtrail.jsonl_vs_parse'].target).toBe('>= 0.5');
    expect(byName['cloudtrail.records_vs_parse'].target).toBe('>= 0.5');
    expect(byName['text.lines_per_cpu_s'].target).toBe('>= 50000');
    expect(byName['stream.peak_rss_mb'].target).toBe('<= 300');
    expect(byName['cloudtrail.mentions'].value).toBeGreaterThan(1000);
    expect(byName['stream.peak_rss_mb'].value).toBeGreaterThan(0);
    expect(lines.join('\n')).toMatch(/load average [\d.]+ [\d.]+ [\d.]+ on \d+ cores/);
    expect(readdirSync(tmpDir)).toEqual([]);
  });
});
