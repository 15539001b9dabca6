import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANDLERS } from '../src';
import { BundleReport, bundleHandlers } from '../src/bundle/bundle-handlers';

/** esbuild over every handler and @aad/core's sources: seconds on a loaded 2-core machine. */
const BUNDLE_TIMEOUT_MS = 120_000;

describe('bundleHandlers', () => {
  let out: string;
  let reports: BundleReport[];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'aad-bundle-'));
    reports = await bundleHandlers(join(__dirname, '..', 'src', 'handlers'), join(out, 'handlers'));
  }, BUNDLE_TIMEOUT_MS);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('bundles one minified ES module entry with a source map per handler', () => {
    expect(reports.map((r) => r.handler)).toEqual(HANDLERS.map((h) => h.name).sort());
    for (const r of reports) {
      expect(r.outfile.endsWith('index.mjs')).toBe(true);
      expect(r.bytes).toBeGreaterThan(0);
      expect(r.initialBytes).toBeGreaterThan(0);
      expect(r.initialBytes).toBeLessThanOrEqual(r.bytes);
      expect(readFileSync(`${r.outfile}.map`, 'utf8')).toContain('"mappings"');
    }
  });

  it(
    'produces a bundle that fails at cold start naming the missing variable',
    () => {
      const retrain = reports.find((r) => r.handler === 'retrain-trigger')!;
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
    },
    BUNDLE_TIMEOUT_MS,
  );
});
