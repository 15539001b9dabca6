import { renderBenchTable, runBundleBench } from '../../src/bench/bundle.bench';
import { FIXTURE } from '../helpers';

describe('runBundleBench', () => {
  it('measures the fixture build and renders the table (timings are checked by the bench task, not here)', async () => {
    // Act
    const result = await runBundleBench({ cdkOut: FIXTURE, iterations: 2, coldProcess: false });
    // Assess: structure only; no timing assertion in unit tests
    expect([result.stacks, result.templates, result.iterations, result.coldProcessMs]).toEqual([2, 2, 2, undefined]);
    expect(result.minMs).toBeLessThanOrEqual(result.maxMs);
    expect(result.bundleBytes).toBeGreaterThan(0);
    const table = renderBenchTable(result);
    expect(table).toContain('| templates bundled                    |              2 |');
    expect(table).toMatch(/\| within target +\| +(yes|NO) \|/);
  });
});
