import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import {
  BundleManifest,
  BundleValidationError,
  CloudAssemblyError,
  GZIP_HEADER,
  MANIFEST_SCHEMA_FILE,
  TemplateMappingError,
  buildBundles,
  findBootstrapReferences,
  readTarball,
  renderManifest,
  sha256,
  writeBuild,
} from '../../src';
import { FIXTURE, GOLDEN, UPDATE_GOLDEN, copyFixture, editTemplate, listFiles, tempDir, writeGolden } from '../helpers';

const BOOTSTRAP = /cdk-hnb659fds|cdk-[a-z0-9]+-assets-|\/cdk-bootstrap\/|BootstrapVersion|CheckBootstrapVersion/;

describe('buildBundles on the fixture assembly', () => {
  let built: Awaited<ReturnType<typeof buildBundles>>;
  beforeAll(async () => {
    built = await buildBundles({ cdkOut: FIXTURE });
  });

  it('builds one environment and one service template for dev', () => {
    expect(built.manifest.templates.map((t) => [t.name, t.kind, t.environment])).toEqual([
      ['aad-dev-detector', 'environment', 'dev'],
      ['aad-dev-team-pipeline', 'service', 'dev'],
    ]);
    expect(built.notes).toEqual([]);
  });

  it.each(['aad-dev-detector', 'aad-dev-team-pipeline'])('matches the golden directory of %s', async (name) => {
    // Prepare
    const bundle = built.bundles.find((b) => b.name === name)!;
    // Act: what Proton receives is the tarball, so compare its contents
    const files = await readTarball(bundle.tarball);
    const actual = Object.fromEntries(files.map((f) => [f.path, f.content]));
    if (UPDATE_GOLDEN) {
      rmSync(join(GOLDEN, name), { recursive: true, force: true });
      writeGolden(join(GOLDEN, name), actual);
    }
    // Assess: the file list and every file's content
    const expected = listFiles(join(GOLDEN, name));
    expect(Object.keys(actual)).toEqual(expected);
    for (const path of expected) {
      expect(`${path}:\n${actual[path]}`).toEqual(`${path}:\n${readFileSync(join(GOLDEN, name, path), 'utf8')}`);
    }
  });

  it('matches the golden Service Catalog templates and manifest.json', () => {
    const actual: Record<string, string> = { 'manifest.json': renderManifest(built.manifest) };
    for (const b of built.bundles) actual[`service-catalog/${b.name}.template.yaml`] = b.serviceCatalogTemplate;
    if (UPDATE_GOLDEN) writeGolden(GOLDEN, actual);
    for (const [path, content] of Object.entries(actual)) {
      expect(content).toEqual(readFileSync(join(GOLDEN, path), 'utf8'));
    }
  });

  it('lays out each bundle as Proton expects, every file valid YAML', async () => {
    for (const bundle of built.bundles) {
      const infra = bundle.kind === 'environment' ? 'infrastructure' : 'instance_infrastructure';
      const files = await readTarball(bundle.tarball);
      expect(files.map((f) => f.path)).toEqual([
        `${infra}/cloudformation.yaml`,
        `${infra}/manifest.yaml`,
        'schema/schema.yaml',
      ]);
      for (const f of files) expect(() => parse(f.content)).not.toThrow();
      const schema = parse(files[2].content).schema;
      const typeKey = bundle.kind === 'environment' ? 'environment_input_type' : 'service_input_type';
      expect(schema.format).toEqual({ openapi: '3.0.0' });
      const type = schema.types[schema[typeKey]];
      expect(type.type).toBe('object');
      for (const [name, prop] of Object.entries<Record<string, unknown>>(type.properties)) {
        expect([name, typeof prop.type, typeof prop.description]).toEqual([name, 'string', 'string']);
        if (!(type.required ?? []).includes(name)) expect(prop).toHaveProperty('default');
      }
      expect(parse(files[1].content)).toEqual({
        infrastructure: {
          templates: [{ file: 'cloudformation.yaml', rendering_engine: 'jinja', template_language: 'cloudformation' }],
        },
      });
    }
  });

  it('maps parameters to inputs and environment outputs to {{ environment.outputs.X }}', async () => {
    const service = built.bundles.find((b) => b.kind === 'service')!;
    const iac = parse((await readTarball(service.tarball))[0].content);
    expect(iac.Parameters.TeamName.Default).toBe('{{ service_instance.inputs.team_name }}');
    expect(iac.Parameters.BatchSize.Default).toBe('{{ service_instance.inputs.batch_size }}');
    expect(iac.Parameters.SourcePrefixes.Default).toBe("{{ service_instance.inputs.source_prefixes | join(',') }}");
    expect(iac.Parameters.AlertsTopicArn.Default).toBe('{{ environment.outputs.AlertsTopicArn }}');
    expect(iac.Parameters.DataKeyArn.Default).toBe('{{ environment.outputs.DataKeyArn }}');
    const env = built.bundles.find((b) => b.kind === 'environment')!;
    const envIac = parse((await readTarball(env.tarball))[0].content);
    expect(envIac.Parameters.EnableSageMakerEndpoint.Default).toBe(
      '{{ environment.inputs.enable_sage_maker_endpoint }}',
    );
  });

  it('leaves no reference to CDK bootstrap buckets or parameters in any bundled or Service Catalog template', async () => {
    for (const bundle of built.bundles) {
      for (const file of await readTarball(bundle.tarball)) {
        expect(`${bundle.name}/${file.path}: ${BOOTSTRAP.test(file.content)}`).toBe(
          `${bundle.name}/${file.path}: false`,
        );
        expect(findBootstrapReferences(parse(file.content))).toEqual([]);
      }
      expect(BOOTSTRAP.test(bundle.serviceCatalogTemplate)).toBe(false);
    }
    // The source templates did have them: the assertion above can fail.
    expect(BOOTSTRAP.test(readFileSync(join(FIXTURE, 'aad-dev-detector.template.json'), 'utf8'))).toBe(true);
  });

  it('turns every Lambda asset into the artifacts bucket input and a key input per asset', async () => {
    const env = built.bundles.find((b) => b.kind === 'environment')!;
    const iac = parse((await readTarball(env.tarball))[0].content);
    expect(iac.Resources.ComputeEnrichmentFunction1A2B3C4D.Properties.Code).toEqual({
      S3Bucket: { Ref: 'ArtifactsBucket' },
      S3Key: { Ref: 'ComputeEnrichmentFunctionCodeAssetKey' },
    });
    expect(iac.Resources.ComputeEnrichmentFunction1A2B3C4D.Metadata).toEqual({
      'aws:cdk:path': 'aad-dev-detector/Compute/Enrichment/Function/Resource',
    });
    const entry = built.manifest.templates[0];
    expect(entry.assets.map((a) => [a.input, a.defaultKey, a.packaging, a.usedBy])).toEqual([
      [
        'compute_enrichment_function_code_asset_key',
        'cdk-assets/2519117d1d72b5f7ae0915c7597fbb3fd67081cca8d927b6c587ea680f2c5704.zip',
        'zip',
        ['ComputeEnrichmentFunction1A2B3C4D.Code'],
      ],
      [
        'custom_s3_auto_delete_objects_custom_resource_provider_handler_code_asset_key',
        'cdk-assets/de9a61ca6a6824c08fe2decd367b217c0c05158d627ac91754aef1f41994c39d.zip',
        'zip',
        ['CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F.Code'],
      ],
    ]);
    expect(entry.inputs.find((i) => i.name === 'artifacts_bucket')).toMatchObject({ required: true, type: 'string' });
  });

  it('records critical outputs: the ones a service reads, and exported ones', () => {
    expect(built.manifest.templates[0].criticalOutputs).toEqual(['AlertsTopicArn', 'DataKeyArn']);
    expect(built.manifest.templates[1].compatibleEnvironmentTemplates).toEqual([
      { name: 'aad-dev-detector', majorVersion: 1 },
    ]);
  });

  it('writes a manifest that its shipped JSON Schema accepts', () => {
    // Prepare
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    const validate = ajv.compile(JSON.parse(readFileSync(MANIFEST_SCHEMA_FILE, 'utf8')));
    // Act / Assess
    expect(validate(built.manifest)).toBe(true);
    const broken = JSON.parse(JSON.stringify(built.manifest)) as { templates: { inputs: object[] }[] };
    delete (broken.templates[0].inputs[0] as { default?: unknown }).default; // optional input without default
    expect(validate(broken)).toBe(false);
  });

  it('records the sha256 and size of each bundle and of the source template', () => {
    for (const [i, bundle] of built.bundles.entries()) {
      const entry = built.manifest.templates[i];
      expect([entry.bundle.sha256, entry.bundle.size]).toEqual([sha256(bundle.tarball), bundle.tarball.length]);
      expect(entry.source.templateSha256).toBe(
        sha256(readFileSync(join(FIXTURE, `${entry.source.stackName}.template.json`))),
      );
    }
  });
});

describe('reproducibility', () => {
  it('gives byte-identical tarballs and manifest on two builds', async () => {
    // Act
    const outA = tempDir();
    const outB = tempDir();
    writeBuild(await buildBundles({ cdkOut: FIXTURE }), outA);
    writeBuild(await buildBundles({ cdkOut: copyFixture() }), outB);
    // Assess
    const files = listFiles(outA);
    expect(listFiles(outB)).toEqual(files);
    expect(files).toContain('aad-dev-detector.tar.gz');
    for (const f of files) {
      expect([f, sha256(readFileSync(join(outB, f)))]).toEqual([f, sha256(readFileSync(join(outA, f)))]);
    }
  });

  it('writes a gzip header without timestamp or file name', async () => {
    const { bundles } = await buildBundles({ cdkOut: FIXTURE });
    for (const b of bundles) expect(b.tarball.subarray(0, 10)).toEqual(GZIP_HEADER);
    expect([...GZIP_HEADER.subarray(4, 8)]).toEqual([0, 0, 0, 0]); // MTIME
    expect(GZIP_HEADER[3]).toBe(0); // FLG: no FNAME, no FCOMMENT
  });
});

describe('versions against the lock file', () => {
  it('keeps 1.0 when nothing changed, bumps the minor version for a compatible change', async () => {
    // Prepare
    const lock: BundleManifest = (await buildBundles({ cdkOut: FIXTURE })).manifest;
    const cdkOut = copyFixture();
    editTemplate(cdkOut, 'aad-dev-detector', (t) => {
      t.Parameters!.RetentionDays = { Type: 'Number', Default: '30', Description: 'Days to keep findings' };
    });
    // Act
    const same = await buildBundles({ cdkOut: FIXTURE, lock });
    const changed = await buildBundles({ cdkOut, lock });
    // Assess
    expect(same.manifest.templates.map((t) => t.version)).toEqual([
      { major: 1, minor: 0 },
      { major: 1, minor: 0 },
    ]);
    expect(changed.manifest.templates.map((t) => t.version)).toEqual([
      { major: 1, minor: 1 },
      { major: 1, minor: 0 },
    ]);
  });

  it('opens a new major version when a critical output is removed, and the service follows it', async () => {
    const lock = (await buildBundles({ cdkOut: FIXTURE })).manifest;
    const cdkOut = copyFixture();
    editTemplate(cdkOut, 'aad-dev-detector', (t) => {
      delete t.Outputs!.IngestQueueUrl;
    });
    const { manifest } = await buildBundles({ cdkOut, lock });
    expect(manifest.templates.map((t) => `${t.name} ${t.version.major}.${t.version.minor}`)).toEqual([
      'aad-dev-detector 2.0',
      'aad-dev-team-pipeline 1.1',
    ]);
    expect(manifest.templates[1].compatibleEnvironmentTemplates).toEqual([
      { name: 'aad-dev-detector', majorVersion: 2 },
    ]);
  });
});

describe('bad input', () => {
  it('fails naming manifest.json when there is no cdk.out', async () => {
    const dir = tempDir();
    await expect(buildBundles({ cdkOut: dir })).rejects.toThrow(
      new CloudAssemblyError(`${join(dir, 'manifest.json')}: no cloud assembly here; run \`npx projen synth\` first`),
    );
  });

  it('refuses an environment template without parameters', async () => {
    const cdkOut = copyFixture();
    editTemplate(cdkOut, 'aad-dev-detector', (t) => {
      delete t.Parameters;
      delete t.Rules;
      delete t.Conditions;
      for (const id of Object.keys(t.Resources!)) {
        if (
          id.startsWith('Model') ||
          id.includes('Subscription') ||
          id.includes('Function') ||
          id.includes('Provider')
        ) {
          delete t.Resources![id];
        }
      }
      delete t.Resources!.RawLogsBucketAutoDeleteObjectsCustomResource3F0E5D7C;
      delete t.Resources!.ComputeEnrichmentServiceRole5E8F1A2B;
    });
    await expect(buildBundles({ cdkOut })).rejects.toThrow(
      new TemplateMappingError(
        'aad-dev-detector: the template has no Parameters (after removing the CDK bootstrap parameter), so its ' +
          'environment template would take no input; declare at least one CfnParameter in the stack',
      ),
    );
  });

  it('refuses a bootstrap parameter that is still referenced', async () => {
    const cdkOut = copyFixture();
    editTemplate(cdkOut, 'aad-dev-detector', (t) => {
      t.Outputs!.Bootstrap = { Value: { Ref: 'BootstrapVersion' } };
    });
    await expect(buildBundles({ cdkOut })).rejects.toThrow(
      'aad-dev-detector: Parameters.BootstrapVersion is a CDK bootstrap parameter and is still referenced',
    );
  });

  it('refuses container image assets', async () => {
    const cdkOut = copyFixture();
    editTemplate(cdkOut, 'aad-dev-detector', (t) => {
      t.Resources!.ComputeEnrichmentFunction1A2B3C4D.Properties!.Code = {
        ImageUri: {
          'Fn::Sub':
            '${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/cdk-hnb659fds-container-assets-${AWS::AccountId}-${AWS::Region}:abc',
        },
      };
    });
    await expect(buildBundles({ cdkOut })).rejects.toThrow(
      'aad-dev-detector: Resources.ComputeEnrichmentFunction1A2B3C4D.Properties.Code.ImageUri.Fn::Sub: container image assets',
    );
  });

  it('fails validation naming bundle, file and key path of an unresolved placeholder', async () => {
    const cdkOut = copyFixture();
    editTemplate(cdkOut, 'aad-dev-team-pipeline', (t) => {
      t.Resources!.TeamQueue8E3A1D55.Properties!.QueueName = '{{ service_instance.inputs.missing }}';
    });
    const error = await buildBundles({ cdkOut }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleValidationError);
    expect((error as BundleValidationError).issues).toEqual([
      {
        bundle: 'aad-dev-team-pipeline',
        file: 'instance_infrastructure/cloudformation.yaml',
        path: 'Resources.TeamQueue8E3A1D55.Properties.QueueName',
        message:
          "{{ service_instance.inputs.missing }} does not resolve: no input 'missing' in schema type AadDevTeamPipelineServiceInstanceInput",
      },
    ]);
  });

  it('lists an unknown environment with the ones found', async () => {
    await expect(buildBundles({ cdkOut: FIXTURE, environments: ['qa'] })).rejects.toThrow(
      `${FIXTURE}: no environment 'qa' in the cloud assembly (found dev)`,
    );
  });

  it('names the stacks when none is an environment stack', async () => {
    const cdkOut = copyFixture();
    const manifest = JSON.parse(readFileSync(join(cdkOut, 'manifest.json'), 'utf8'));
    delete manifest.artifacts['aad-dev-detector'];
    writeFileSync(join(cdkOut, 'manifest.json'), JSON.stringify(manifest));
    await expect(buildBundles({ cdkOut })).rejects.toThrow(
      `${cdkOut}: no environment stack (a stack named <prefix>-detector) among aad-dev-team-pipeline`,
    );
  });
});
