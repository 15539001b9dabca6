import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANDLERS } from '../src';
import { bundleHandlers } from '../src/bundle/bundle-handlers';

describe('bundleHandlers', () => {
  it('bundles one minified ES module entry with a source map per handler', async () => {
    // Prepare
    const out = mkdtempSync(join(tmpdir(), 'aad-bundle-'));
    // Act
    const reports = await bundleHandlers(join(__dirname, '..', 'src', 'handlers'), join(out, 'handlers'));
    // Assess
    expect(reports.map((r) => r.handler)).toEqual(HANDLERS.map((h) => h.name).sort());
    for (const r of reports) {
      expect(r.outfile.endsWith('index.mjs')).toBe(true);
      expect(r.bytes).toBeGreaterThan(0);
      expect(r.initialBytes).toBeGreaterThan(0);
      expect(r.initialBytes).toBeLessThanOrEqual(r.bytes);
      expect(readFileSync(`${r.outfile}.map`, 'utf8')).toContain('"mappings"');
    }
  });

  it('produces a bundle that fails at cold start naming the missing variable', async () => {
    const out = mkdtempSync(join(tmpdir(), 'aad-bundle-'));
    const [retrain] = (await bundleHandlers(join(__dirname, '..', 'src', 'handlers'), join(out, 'handlers'))).filter(
      (r) => r.handler === 'retrain-trigger',
    );
    // Act: a fresh Node process imports the ES module as Lambda's runtime does.
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.RETRAIN_STATE_MACHINE_ARN;
    const run = spawnSync(
      process.execPath,
      [
        '-e',
        `import(${JSON.stringify(retrain.outfile)}).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(3); })`,
      ],
      { env, encoding: 'utf8' },
    );
    // Assess
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/RETRAIN_STATE_MACHINE_ARN is required/);
  });
});
