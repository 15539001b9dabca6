import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANDLERS } from '../src';
import { bundleHandlers } from '../src/bundle/bundle-handlers';

describe('bundleHandlers', () => {
  it('bundles one minified file with a source map per handler', () => {
    // Prepare
    const out = mkdtempSync(join(tmpdir(), 'aad-bundle-'));
    // Act
    const reports = bundleHandlers(join(__dirname, '..', 'src', 'handlers'), out);
    // Assess
    expect(reports.map((r) => r.handler)).toEqual(HANDLERS.map((h) => h.name).sort());
    for (const r of reports) {
      expect(r.bytes).toBeGreaterThan(0);
      expect(readFileSync(`${r.outfile}.map`, 'utf8')).toContain('"mappings"');
    }
  });

  it('produces a bundle that fails at cold start naming the missing variable', async () => {
    const out = mkdtempSync(join(tmpdir(), 'aad-bundle-'));
    const [retrain] = bundleHandlers(join(__dirname, '..', 'src', 'handlers'), out).filter(
      (r) => r.handler === 'retrain-trigger',
    );
    const saved = process.env.RETRAIN_STATE_MACHINE_ARN;
    delete process.env.RETRAIN_STATE_MACHINE_ARN;
    try {
      await expect(import(retrain.outfile)).rejects.toThrow(/RETRAIN_STATE_MACHINE_ARN is required/);
    } finally {
      if (saved !== undefined) process.env.RETRAIN_STATE_MACHINE_ARN = saved;
    }
  });
});
