import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Synthesizes the app once (dev and prod, both stacks, no policy plugins)
 * for every test file that only reads templates; `CONSTRUCTS_TEST_ASSEMBLY` names
 * the directory. Policy checks have their own tests (main, acknowledgements).
 */
export default function globalSetup(): void {
  process.env.CDK_VALIDATION = 'false';
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after CDK_VALIDATION is set
  const { buildApp } = require('../src/app/detector-app') as typeof import('../src/app/detector-app');
  const outdir = mkdtempSync(join(tmpdir(), 'aad-constructs-test-'));
  const configDir = join(__dirname, '..', '..', '..', 'config');
  buildApp({ outdir, configDir, environ: {}, policyChecks: false }).app.synth();
  process.env.CONSTRUCTS_TEST_ASSEMBLY = outdir;
}
