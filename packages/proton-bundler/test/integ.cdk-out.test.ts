import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildBundles, findBootstrapReferences, readTarball, validateBundle } from '../src';

/**
 * The integration path: the real synth of @aad/constructs. The root build
 * synthesizes before it tests, so in CI (`CI` set) a missing synth is a
 * failure, never a silent skip; on a developer machine without a synth
 * (`npx projen synth`) the suite is skipped.
 */
const CDK_OUT = join(__dirname, '..', '..', 'constructs', 'cdk.out');
const HAS_SYNTH = existsSync(join(CDK_OUT, 'manifest.json'));
const withSynth = HAS_SYNTH || process.env.CI ? describe : describe.skip;

withSynth('bundling the real synth (../constructs/cdk.out)', () => {
  let result: Awaited<ReturnType<typeof buildBundles>>;
  beforeAll(async () => {
    result = await buildBundles({ cdkOut: CDK_OUT });
  }, 60_000);

  it('builds an environment template and at least one service template per environment', () => {
    const byEnv = new Map<string, string[]>();
    for (const t of result.manifest.templates) byEnv.set(t.environment, [...(byEnv.get(t.environment) ?? []), t.kind]);
    expect(byEnv.size).toBeGreaterThan(0);
    for (const kinds of byEnv.values()) {
      expect(kinds.filter((k) => k === 'environment')).toHaveLength(1);
      expect(kinds).toContain('service');
    }
  });

  it('leaves no CDK bootstrap reference and keeps every asset behind an input', async () => {
    for (const bundle of result.bundles) {
      const iac = parse((await readTarball(bundle.tarball)).find((f) => f.path === bundle.iacFile)!.content);
      expect([bundle.name, findBootstrapReferences(iac)]).toEqual([bundle.name, []]);
      expect([bundle.name, findBootstrapReferences(parse(bundle.serviceCatalogTemplate))]).toEqual([bundle.name, []]);
      for (const asset of bundle.assets) {
        expect(bundle.mapping.inputs.map((i) => i.parameter)).toContain(asset.parameter);
      }
    }
  });

  it('resolves every environment output a service reads and marks it critical', () => {
    for (const service of result.manifest.templates.filter((t) => t.kind === 'service')) {
      const env = result.manifest.templates.find((t) => t.name === service.compatibleEnvironmentTemplates[0].name)!;
      for (const binding of service.environmentOutputs) {
        expect([
          service.name,
          env.outputs.includes(binding.output),
          env.criticalOutputs.includes(binding.output),
        ]).toEqual([service.name, true, true]);
      }
    }
  });

  it('revalidates from the tarballs (YAML parsed back) without findings', async () => {
    const envOutputs = new Map(result.bundles.filter((b) => b.kind === 'environment').map((b) => [b.environment, b]));
    for (const bundle of result.bundles) {
      const env = envOutputs.get(bundle.environment)!;
      const issues = validateBundle(
        { name: bundle.name, kind: bundle.kind, files: await readTarball(bundle.tarball) },
        bundle.kind === 'service' ? { environment: { name: env.name, outputs: new Set(env.outputs) } } : {},
      );
      expect(issues).toEqual([]);
    }
  });

  it('is reproducible', async () => {
    const again = await buildBundles({ cdkOut: CDK_OUT });
    expect(again.manifest).toEqual(result.manifest);
  }, 60_000);
});
