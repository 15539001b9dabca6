import {
  BundleManifest,
  ManifestTemplate,
  buildBundles,
  checkDrift,
  diffTemplates,
  formatVersion,
  nextVersion,
  renderDriftJson,
  renderDriftMarkdown,
  renderDriftText,
} from '../../src';
import { FIXTURE, FIXTURE_CODE_ASSET, changeAssetHash, copyFixture, editTemplate } from '../helpers';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

async function fixtureManifest(): Promise<BundleManifest> {
  return (await buildBundles({ cdkOut: FIXTURE })).manifest;
}

function clone(m: BundleManifest): BundleManifest {
  return JSON.parse(JSON.stringify(m)) as BundleManifest;
}

describe('checkDrift', () => {
  it('reports nothing when the build matches the lock', async () => {
    const m = await fixtureManifest();
    const report = checkDrift(m, clone(m), 'manifest.lock.json', 'dist/proton/manifest.json');
    expect(report.templates).toEqual([]);
    expect(renderDriftText(report)).toBe('No drift: 2 template(s) match the lock file manifest.lock.json.\n');
    expect(renderDriftMarkdown(report)).toBe('No drift: 2 template(s) match `manifest.lock.json`.\n');
    expect(JSON.parse(renderDriftJson(report)).drift).toBe(false);
  });

  it('prints a readable diff of a constructs change: hashes, inputs, outputs, versions', async () => {
    // Prepare: the constructs add an optional parameter and drop an output
    const lock = await fixtureManifest();
    const cdkOut = copyFixture();
    editTemplate(cdkOut, 'aad-dev-detector', (t) => {
      t.Parameters!.RetentionDays = { Type: 'Number', Default: '30', Description: 'Days to keep findings' };
      delete t.Outputs!.IngestQueueUrl;
    });
    const fresh = (await buildBundles({ cdkOut, lock })).manifest;
    // Act
    const report = checkDrift(lock, fresh, 'manifest.lock.json', 'dist/proton/manifest.json');
    const text = renderDriftText(report);
    // Assess
    const lines = text.split('\n');
    expect(lines[0]).toBe('Drift between the lock file manifest.lock.json and the build dist/proton/manifest.json:');
    expect(lines).toContain('~ aad-dev-detector (environment): 1.0 → 2.0 (major: breaking)');
    expect(lines).toContain('    + input retention_days (number, optional, default 30) ← parameter RetentionDays');
    expect(lines).toContain('    - output IngestQueueUrl [breaking]');
    expect(lines).toContain('~ aad-dev-team-pipeline (service): 1.0 → 1.1 (minor: compatible)');
    expect(lines).toContain('    ~ compatible environment templates [aad-dev-detector@1] → [aad-dev-detector@2]');
    expect(lines.some((l) => /^ {4}~ contract sha256 [0-9a-f]{12} → [0-9a-f]{12}$/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {4}~ template sha256 [0-9a-f]{12} → [0-9a-f]{12}$/.test(l))).toBe(true);
    expect(text).toContain(
      '2 of 2 template(s) drifted (1 breaking). If the change is intended, accept the new contract:',
    );
    expect(text).toContain(
      '  npx projen drift:update   (in packages/proton-bundler; or: proton-bundle drift --update after a build)',
    );
    expect(renderDriftText(report, true).split('\n').slice(0, 3)).toEqual([
      'Accepting into manifest.lock.json:',
      '',
      '~ aad-dev-detector (environment): 1.0 → 2.0 (major: breaking)',
    ]);
    const markdown = renderDriftMarkdown(report);
    expect(markdown).toContain('| `aad-dev-detector` | environment | 1.0 | 2.0 | changed (breaking) |');
    expect(markdown).toContain('@@ aad-dev-detector (environment): 1.0 → 2.0 (major: breaking) @@');
    expect(markdown).toContain('-   output IngestQueueUrl [breaking]');
    expect(JSON.parse(renderDriftJson(report)).templates[0].changes.length).toBeGreaterThan(3);
  });

  it('reports added and removed templates', async () => {
    const m = await fixtureManifest();
    const lock: BundleManifest = { ...m, templates: [m.templates[1]] };
    const fresh: BundleManifest = { ...m, templates: [m.templates[0]] };
    const report = checkDrift(lock, fresh, 'l', 'm');
    expect(report.templates.map((t) => [t.name, t.status, t.breaking])).toEqual([
      ['aad-dev-team-pipeline', 'removed', true],
      ['aad-dev-detector', 'added', false],
    ]);
    expect(renderDriftText(report)).toContain('- aad-dev-team-pipeline (service): removed (was 1.0) [breaking]');
    expect(renderDriftText(report)).toContain('+ aad-dev-detector (environment): new template, version 1.0');
  });

  it('reports a version that differs with identical contents', async () => {
    const m = await fixtureManifest();
    const fresh = clone(m);
    (fresh.templates[0] as Mutable<ManifestTemplate>).version = { major: 3, minor: 0 };
    expect(checkDrift(m, fresh, 'l', 'm').templates[0].changes.map((c) => c.text)).toEqual([
      'version 1.0 → 3.0 with identical contents',
    ]);
  });
});

describe('code assets are not the contract', () => {
  const NEW_CODE = 'c0de'.repeat(16);

  async function rebuild(edit: (cdkOut: string) => void): Promise<{ lock: BundleManifest; fresh: BundleManifest }> {
    const lock = await fixtureManifest();
    const cdkOut = copyFixture();
    edit(cdkOut);
    return { lock, fresh: (await buildBundles({ cdkOut, lock })).manifest };
  }

  it('finds no drift and keeps every version when only a Lambda asset hash changes', async () => {
    // Prepare: new enrichment code, so a new asset hash in both stacks
    const { lock, fresh } = await rebuild((cdkOut) => changeAssetHash(cdkOut, FIXTURE_CODE_ASSET, NEW_CODE));
    // Act
    const report = checkDrift(lock, fresh, 'manifest.lock.json', 'dist/proton/manifest.json');
    // Assess: no drift, same versions and contract, new bytes recorded
    expect(report.templates).toEqual([]);
    expect(fresh.templates.map((t) => formatVersion(t.version))).toEqual(['1.0', '1.0']);
    expect(fresh.templates.map((t) => t.contractSha256)).toEqual(lock.templates.map((t) => t.contractSha256));
    expect(fresh.templates[0].bundle.sha256).not.toBe(lock.templates[0].bundle.sha256);
    expect(report.codeChanges.map((c) => c.name)).toEqual(['aad-dev-detector', 'aad-dev-team-pipeline']);
    const text = renderDriftText(report);
    expect(text.split('\n').slice(0, 4)).toEqual([
      'No drift: 2 template(s) match the lock file manifest.lock.json.',
      'Code assets changed: not a contract change (2 template(s) keep their version; the byte hashes are informational):',
      '· aad-dev-detector (environment) 1.0',
      `    · code asset compute_enrichment_function_code_asset_key: 2519117d1d72 → c0dec0dec0de (cdk-assets/${NEW_CODE}.zip)`,
    ]);
    expect(text).toMatch(/^ {4}· bundle sha256 [0-9a-f]{12} → [0-9a-f]{12} \(\d+ → \d+ bytes\)$/m);
    expect(text).toMatch(/^ {4}· source aad-dev-team-pipeline@[0-9a-f]{12} → aad-dev-team-pipeline@[0-9a-f]{12}$/m);
    expect(renderDriftMarkdown(report)).toContain('- `aad-dev-team-pipeline` 1.0\n  - code asset ');
    expect(JSON.parse(renderDriftJson(report))).toMatchObject({ drift: false, templates: [] });
  });

  it.each<[string, (cdkOut: string) => void, string[], string]>([
    [
      'a parameter default',
      (cdkOut) =>
        editTemplate(cdkOut, 'aad-dev-detector', (t) => {
          t.Parameters!.EnableSageMakerEndpoint.Default = 'true';
        }),
      ['aad-dev-detector'],
      '    ~ input enable_sage_maker_endpoint: default "false" → "true"',
    ],
    [
      'an output',
      (cdkOut) =>
        editTemplate(cdkOut, 'aad-dev-detector', (t) => {
          delete t.Outputs!.IngestQueueUrl;
        }),
      ['aad-dev-detector', 'aad-dev-team-pipeline'], // a new major environment version: the service's compatibility changes
      '    - output IngestQueueUrl [breaking]',
    ],
    [
      'a resource property',
      (cdkOut) =>
        editTemplate(cdkOut, 'aad-dev-team-pipeline', (t) => {
          t.Resources!.TeamQueue8E3A1D55.Properties!.VisibilityTimeout = 901;
        }),
      ['aad-dev-team-pipeline'],
      '~ aad-dev-team-pipeline (service): 1.0 → 1.1 (minor: compatible)',
    ],
  ])('still drifts on a change of %s that comes with new code', async (_what, edit, names, line) => {
    // Prepare: the contract change and a code change in the same build
    const { lock, fresh } = await rebuild((cdkOut) => {
      changeAssetHash(cdkOut, FIXTURE_CODE_ASSET, NEW_CODE);
      edit(cdkOut);
    });
    // Act
    const report = checkDrift(lock, fresh, 'manifest.lock.json', 'dist/proton/manifest.json');
    // Assess
    expect(report.templates.map((t) => t.name)).toEqual(names);
    const text = renderDriftText(report);
    expect(text.split('\n')).toContain(line);
    expect(text).toMatch(/^ {4}~ contract sha256 [0-9a-f]{12} → [0-9a-f]{12}$/m);
    expect(text).toContain(`    · code asset compute_enrichment_function_code_asset_key: 2519117d1d72 → c0dec0dec0de`);
    expect(text).not.toMatch(/input \w+_asset_key: default/);
  });

  it('compares the template sha256 with a lock file written before contractSha256', async () => {
    // Prepare: a legacy lock (no contractSha256)
    const m = await fixtureManifest();
    const legacy = clone(m);
    for (const t of legacy.templates) delete (t as Partial<Mutable<ManifestTemplate>>).contractSha256;
    const changed = clone(m);
    (changed.templates[0] as Mutable<ManifestTemplate>).templateSha256 = '0'.repeat(64);
    // Act / Assess
    expect(checkDrift(legacy, clone(m), 'l', 'm').templates).toEqual([]);
    expect(checkDrift(legacy, changed, 'l', 'm').templates[0].changes.map((c) => c.kind)).toEqual(['template']);
  });
});

describe('diffTemplates and nextVersion', () => {
  it.each<[string, (t: Mutable<ManifestTemplate>) => void, string, boolean]>([
    [
      'removing an input',
      (t) => (t.inputs = t.inputs.slice(1)),
      '- input enable_sage_maker_endpoint (string, optional, default "false") ← parameter EnableSageMakerEndpoint',
      true,
    ],
    [
      'making an input required',
      (t) => (t.inputs = t.inputs.map((i, n) => (n === 0 ? { ...i, required: true, default: undefined } : i))),
      '~ input enable_sage_maker_endpoint: optional → required',
      true,
    ],
    [
      'changing a type',
      (t) => (t.inputs = t.inputs.map((i, n) => (n === 0 ? { ...i, type: 'number' } : i))),
      '~ input enable_sage_maker_endpoint: type string → number',
      true,
    ],
    [
      'changing a default and a description',
      (t) => (t.inputs = t.inputs.map((i, n) => (n === 0 ? { ...i, default: 'true', description: 'new' } : i))),
      '~ input enable_sage_maker_endpoint: default "false" → "true"; description changed',
      false,
    ],
    ['adding an output', (t) => (t.outputs = [...t.outputs, 'New']), '+ output New', false],
    ['changing the kind', (t) => (t.kind = 'service'), '~ kind environment → service', true],
    [
      'reading another environment output',
      (t) => (t.environmentOutputs = [{ parameter: 'X', output: 'X' }]),
      '+ reads environment output X',
      false,
    ],
  ])('classifies %s', async (_what, change, line, breaking) => {
    const before = (await fixtureManifest()).templates[0];
    const after = JSON.parse(JSON.stringify(before)) as Mutable<ManifestTemplate>;
    change(after);
    const changes = diffTemplates(before, after);
    expect(changes.map((c) => `${c.sign} ${c.text}`)).toContain(line);
    expect(changes.some((c) => c.breaking)).toBe(breaking);
    expect(nextVersion({ major: 1, minor: 2 }, changes)).toEqual(
      breaking ? { major: 2, minor: 0 } : { major: 1, minor: 3 },
    );
  });

  it('reports an environment output a service stops reading and a newly critical output', async () => {
    const m = await fixtureManifest();
    const service = m.templates[1];
    const after = { ...service, environmentOutputs: service.environmentOutputs.slice(1) };
    expect(diffTemplates(service, after).map((c) => c.text)).toEqual([
      'no longer reads environment output AlertsTopicArn',
    ]);
    const env = m.templates[0];
    const critical = { ...env, criticalOutputs: [...env.criticalOutputs, 'IngestQueueUrl'] };
    expect(diffTemplates(env, critical).map((c) => c.text)).toEqual(['critical output IngestQueueUrl']);
    expect(nextVersion({ major: 1, minor: 0 }, [])).toEqual({ major: 1, minor: 0 });
  });
});
