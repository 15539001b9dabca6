import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROTON_NOTICE } from '../../src/cli/main';
import {
  FIXTURE,
  FIXTURE_CODE_ASSET,
  GOLDEN,
  UPDATE_GOLDEN,
  changeAssetHash,
  copyFixture,
  editTemplate,
  listFiles,
  run,
  tempDir,
} from '../helpers';

/** A workspace-shaped folder: constructs/cdk.out (the fixture) and proton-bundler/ (the cwd). */
function workspace(): { root: string; pkg: string } {
  const root = tempDir('aad-ws-');
  mkdirSync(join(root, 'constructs'));
  mkdirSync(join(root, 'proton-bundler'));
  cpSync(FIXTURE, join(root, 'constructs', 'cdk.out'), { recursive: true });
  return { root, pkg: join(root, 'proton-bundler') };
}

async function builtWorkspace(): Promise<string> {
  const { pkg } = workspace();
  expect((await run(['build'], pkg)).code).toBe(0);
  return pkg;
}

describe('proton-bundle (help and usage)', () => {
  it.each([['--help'], ['-h'], ['help']])('prints the usage with %s', async (arg) => {
    const { code, out } = await run([arg]);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: proton-bundle <command> \[options\]/);
    expect(out).toContain('AWS Proton reached end of support on 2026-10-07');
    expect(out).toContain('Exit codes: 0 ok, 1 failed');
  });

  it.each(['build', 'validate', 'publish', 'drift'])('has help on %s (CMD --help and help CMD)', async (command) => {
    const a = await run([command, '--help']);
    const b = await run(['help', command]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.out).toMatch(new RegExp(`^Usage: proton-bundle ${command}`));
    expect(a.out).toBe(b.out);
    expect(a.out).toMatch(/Exit codes: 0 /);
  });

  it('exits 2 with the usage when no command is given', async () => {
    const { code, err } = await run([]);
    expect(code).toBe(2);
    expect(err).toMatch(/^Usage: proton-bundle/);
  });

  it('exits 2 on an unknown command, help topic or option', async () => {
    const unknown = await run(['deploy']);
    expect([unknown.code, unknown.err.split('\n')[0]]).toEqual([2, "proton-bundle: unknown command 'deploy'"]);
    expect((await run(['help', 'deploy'])).code).toBe(2);
    const option = await run(['build', '--nope']);
    expect(option.code).toBe(2);
    expect(option.err).toMatch(/^proton-bundle build: Unknown option '--nope'/);
    expect(option.err).toContain('Usage: proton-bundle build');
  });
});

describe('proton-bundle build', () => {
  it('reads ../constructs/cdk.out and writes dist/proton by default', async () => {
    // Prepare
    const { pkg } = workspace();
    // Act
    const { code, out, err } = await run(['build'], pkg);
    // Assess
    expect(code).toBe(0);
    expect(listFiles(join(pkg, 'dist', 'proton'))).toEqual([
      'aad-dev-detector/infrastructure/cloudformation.yaml',
      'aad-dev-detector/infrastructure/manifest.yaml',
      'aad-dev-detector/schema/schema.yaml',
      'aad-dev-detector.tar.gz',
      'aad-dev-team-pipeline/instance_infrastructure/cloudformation.yaml',
      'aad-dev-team-pipeline/instance_infrastructure/manifest.yaml',
      'aad-dev-team-pipeline/schema/schema.yaml',
      'aad-dev-team-pipeline.tar.gz',
      'manifest.json',
      'service-catalog/aad-dev-detector.template.yaml',
      'service-catalog/aad-dev-team-pipeline.template.yaml',
    ]);
    expect(out).toMatch(
      /^environment aad-dev-detector 1\.0 {2}5 input\(s\), 3 output\(s\), 2 asset\(s\) {2}dist\/proton\/aad-dev-detector\.tar\.gz sha256 [0-9a-f]{12}$/m,
    );
    expect(out).toMatch(
      /^2 template\(s\) from \.\.\/constructs\/cdk\.out in \d+ ms; wrote dist\/proton\/manifest\.json$/m,
    );
    expect(err).toBe(`${PROTON_NOTICE}\n`);
  });

  it('removes the bundles of a previous build', async () => {
    const pkg = await builtWorkspace();
    writeFileSync(join(pkg, 'dist', 'proton', 'stale.tar.gz'), 'x');
    expect((await run(['build'], pkg)).code).toBe(0);
    expect(existsSync(join(pkg, 'dist', 'proton', 'stale.tar.gz'))).toBe(false);
  });

  it('exits 1 naming the directory when there is no cloud assembly', async () => {
    const empty = tempDir('aad-empty-');
    const { code, err } = await run(['build', '--cdk-out', empty]);
    expect(code).toBe(1);
    expect(err.split('\n')[0]).toBe(
      `proton-bundle build: ${join(empty, 'manifest.json')}: no cloud assembly here; run \`npx projen synth\` first`,
    );
  });

  it('exits 1 on a template without parameters', async () => {
    // Prepare: the service stack keeps only what it reads from the environment... and then nothing at all
    const cdkOut = copyFixture();
    editTemplate(cdkOut, 'aad-dev-detector', (t) => {
      delete t.Parameters;
      delete t.Rules;
      delete t.Conditions;
      t.Resources = { Topic: { Type: 'AWS::SNS::Topic' } };
      t.Outputs = { AlertsTopicArn: { Value: { Ref: 'Topic' } }, DataKeyArn: { Value: 'k' } };
    });
    // Act
    const { code, err } = await run(['build', '--cdk-out', cdkOut, '--out', tempDir()]);
    // Assess
    expect(code).toBe(1);
    expect(err.split('\n')[0]).toBe(
      'proton-bundle build: aad-dev-detector: the template has no Parameters (after removing the CDK bootstrap ' +
        'parameter), so its environment template would take no input; declare at least one CfnParameter in the stack',
    );
  });

  it('exits 1 listing every validation error of the built bundles', async () => {
    const cdkOut = copyFixture();
    editTemplate(cdkOut, 'aad-dev-detector', (t) => {
      t.Resources!.AlertsTopic7C9A6E31.Properties!.TopicName = '{{ environment.inputs.nope }}';
    });
    const { code, err } = await run(['build', '--cdk-out', cdkOut, '--out', tempDir()]);
    expect(code).toBe(1);
    expect(err.split('\n').slice(0, 2)).toEqual([
      'proton-bundle build: 1 validation error(s):',
      "  aad-dev-detector: infrastructure/cloudformation.yaml: Resources.AlertsTopic7C9A6E31.Properties.TopicName: {{ environment.inputs.nope }} does not resolve: no input 'nope' in schema type AadDevDetectorEnvironmentInput",
    ]);
  });

  it('prints a note for stacks it leaves out', async () => {
    const cdkOut = copyFixture();
    editTemplate(cdkOut, 'aad-dev-team-pipeline', (t) => {
      delete t.Parameters!.AlertsTopicArn;
      delete t.Parameters!.DataKeyArn;
    });
    const { code, err } = await run(['build', '--cdk-out', cdkOut, '--out', tempDir(), '--env', 'dev']);
    expect(code).toBe(0);
    expect(err).toContain(
      'note: aad-dev-team-pipeline: not bundled as a service template: none of its parameters is named like an output of aad-dev-detector\n',
    );
    expect(err).toContain('note: aad-dev-detector: no service unit stack reads its outputs\n');
  });
});

describe('proton-bundle validate', () => {
  it('accepts the built dist directory, its tarballs checked against manifest.json', async () => {
    const pkg = await builtWorkspace();
    const { code, out } = await run(['validate'], pkg);
    expect(code).toBe(0);
    expect(out).toBe('2 bundle(s) valid: aad-dev-detector, aad-dev-team-pipeline\n');
  });

  it('exits 1 on a broken schema in an unpacked bundle, naming file and key path', async () => {
    // Prepare
    const pkg = await builtWorkspace();
    const bundle = join(pkg, 'dist', 'proton', 'aad-dev-detector');
    const schema = join(bundle, 'schema', 'schema.yaml');
    writeFileSync(schema, readFileSync(schema, 'utf8').replace(/ {2}environment_input_type: .*\n/, ''));
    // Act
    const { code, out } = await run(['validate', bundle], pkg);
    // Assess
    expect(code).toBe(1);
    expect(out).toBe(
      "aad-dev-detector: schema/schema.yaml: schema.environment_input_type: missing required key 'environment_input_type' (a environment template names its input type)\n" +
        '1 error(s) in 1 bundle(s)\n',
    );
  });

  it('exits 1 on an unresolved placeholder, in JSON when asked', async () => {
    const pkg = await builtWorkspace();
    const bundle = join(pkg, 'dist', 'proton', 'aad-dev-team-pipeline');
    const iac = join(bundle, 'instance_infrastructure', 'cloudformation.yaml');
    writeFileSync(
      iac,
      readFileSync(iac, 'utf8').replace('environment.outputs.DataKeyArn', 'environment.outputs.DataKey'),
    );
    const { code, out } = await run(
      ['validate', bundle, '--environment', join(pkg, 'dist', 'proton', 'aad-dev-detector'), '--format', 'json'],
      pkg,
    );
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual({
      valid: false,
      bundles: ['aad-dev-team-pipeline'],
      issues: [
        {
          bundle: 'aad-dev-team-pipeline',
          file: 'instance_infrastructure/cloudformation.yaml',
          path: 'Parameters.DataKeyArn.Default',
          message:
            "{{ environment.outputs.DataKey }} does not resolve: environment template aad-dev-detector has no output 'DataKey'",
        },
      ],
    });
  });

  it('checks tarballs against manifest.json and finds bundles without a manifest', async () => {
    const pkg = await builtWorkspace();
    const dist = join(pkg, 'dist', 'proton');
    writeFileSync(join(dist, 'aad-dev-team-pipeline.tar.gz'), 'not gzip');
    const tampered = await run(['validate'], pkg);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toMatch(
      /^aad-dev-team-pipeline: aad-dev-team-pipeline\.tar\.gz: \(file\): sha256 [0-9a-f]{64} \(8 bytes\) does not match manifest\.json/,
    );
    expect(tampered.out).toContain(
      'aad-dev-team-pipeline: aad-dev-team-pipeline.tar.gz: (file): not a gzipped tar archive:',
    );
    rmSync(join(dist, 'manifest.json'));
    rmSync(join(dist, 'aad-dev-team-pipeline.tar.gz'));
    const noManifest = await run(['validate'], pkg);
    expect([noManifest.code, noManifest.out]).toEqual([
      0,
      '2 bundle(s) valid: aad-dev-detector, aad-dev-team-pipeline\n',
    ]);
    rmSync(join(dist, 'aad-dev-detector.tar.gz'));
    const missing = await run(['validate', '--format', 'json'], pkg);
    expect(JSON.parse(missing.out).valid).toBe(true);
  });

  it('reports a tarball listed in the manifest but missing', async () => {
    const pkg = await builtWorkspace();
    rmSync(join(pkg, 'dist', 'proton', 'aad-dev-detector.tar.gz'));
    const { code, out } = await run(['validate'], pkg);
    expect(code).toBe(1);
    expect(out).toContain('aad-dev-detector: aad-dev-detector.tar.gz: (file): listed in manifest.json but missing\n');
  });

  it('exits 1 for a directory without bundles and 2 for two directories', async () => {
    const empty = tempDir();
    const none = await run(['validate', empty]);
    expect([none.code, none.err.split('\n')[0]]).toEqual([
      1,
      `proton-bundle validate: ${empty}: no template bundle here (no manifest.json, *.tar.gz or */schema/schema.yaml)`,
    ]);
    expect((await run(['validate', join(empty, 'nope')])).err.split('\n')[0]).toBe(
      `proton-bundle validate: ${join(empty, 'nope')}: no such directory`,
    );
    expect((await run(['validate', 'a', 'b'])).code).toBe(2);
    expect((await run(['validate', '--format', 'xml'])).code).toBe(2);
  });
});

describe('proton-bundle publish', () => {
  it('prints the golden gated shell plan (dry run)', async () => {
    // Prepare
    const pkg = await builtWorkspace();
    // Act
    const { code, out, err } = await run(['publish', '--dry-run', '--bucket', 'aad-templates-111111111111'], pkg);
    // Assess
    expect(code).toBe(0);
    const golden = join(GOLDEN, 'publish-dry-run.sh');
    if (UPDATE_GOLDEN) writeFileSync(golden, out);
    expect(out).toBe(readFileSync(golden, 'utf8'));
    expect(err).toBe(`${PROTON_NOTICE}\n`);
  });

  it('prints JSON for one target', async () => {
    const pkg = await builtWorkspace();
    const { code, out } = await run(
      [
        'publish',
        '--dry-run',
        '--bucket',
        'b-bucket',
        '--target',
        'service-catalog',
        '--format',
        'json',
        '--region',
        'eu-west-1',
      ],
      pkg,
    );
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect([plan.dryRun, plan.region, plan.steps.length]).toEqual([true, 'eu-west-1', 4]);
    expect(plan.steps.map((s: { argv: string[] }) => s.argv[4])).toEqual([
      'cp',
      'create-product',
      'cp',
      'create-product',
    ]);
    expect(plan.notice).toMatch(/^AWS Proton reached end of support on 2026-10-07/);
  });

  it.each([[['publish', '--bucket', 'b-bucket']], [['publish', '--dry-run', '--apply', '--bucket', 'b-bucket']]])(
    'refuses a real publish with an explanation (%j)',
    async (argv) => {
      const { code, out, err } = await run(argv);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toContain(
        'proton-bundle publish: refused.\nproton-bundle never publishes: `publish --dry-run` is the only mode.',
      );
    },
  );

  it.each([
    [['publish', '--dry-run'], '--bucket is required (the S3 bucket the bundles are uploaded to)'],
    [
      ['publish', '--dry-run', '--bucket', 'UPPER'],
      "--bucket must be an S3 bucket name (3-63 lower-case letters, digits, dots, hyphens), received 'UPPER'",
    ],
    [
      ['publish', '--dry-run', '--bucket', 'b-bucket', '--format', 'yaml'],
      "--format must be one of shell, json, received 'yaml'",
    ],
    [
      ['publish', '--dry-run', '--bucket', 'b-bucket', '--target', 'cloudformation'],
      "--target must be one of all, proton, service-catalog, received 'cloudformation'",
    ],
  ])('exits 2 on %j', async (argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err.split('\n')[0]).toBe(`proton-bundle publish: ${message}`);
  });

  it('exits 1 when there is no build to publish', async () => {
    const dir = tempDir();
    const { code, err } = await run(['publish', '--dry-run', '--bucket', 'b-bucket'], dir);
    expect(code).toBe(1);
    expect(err.split('\n')[0]).toBe(
      `proton-bundle publish: ${join(dir, 'dist', 'proton', 'manifest.json')}: no manifest here`,
    );
  });
});

describe('proton-bundle drift', () => {
  it('creates the lock with --update, then finds no drift, then finds a constructs change', async () => {
    // Prepare
    const { root, pkg } = workspace();
    expect((await run(['build'], pkg)).code).toBe(0);
    // Act / Assess: no lock yet
    const missing = await run(['drift'], pkg);
    expect([missing.code, missing.err.split('\n')[0]]).toEqual([
      1,
      `proton-bundle drift: ${join(pkg, 'manifest.lock.json')}: no lock file here; create it with: npx projen drift:update`,
    ]);
    // accept
    const update = await run(['drift', '--update'], pkg);
    expect(update.code).toBe(0);
    expect(update.out).toContain('Lock file manifest.lock.json updated: 2 template change(s) accepted. Commit it.\n');
    expect(readFileSync(join(pkg, 'manifest.lock.json'))).toEqual(
      readFileSync(join(pkg, 'dist', 'proton', 'manifest.json')),
    );
    const clean = await run(['drift'], pkg);
    expect([clean.code, clean.out]).toEqual([0, 'No drift: 2 template(s) match the lock file manifest.lock.json.\n']);
    // a constructs change
    editTemplate(join(root, 'constructs', 'cdk.out'), 'aad-dev-team-pipeline', (t) => {
      t.Parameters!.Owner = { Type: 'String', Description: 'Owner' };
      t.Resources!.TeamQueue8E3A1D55.Properties!.Tags = [{ Key: 'Owner', Value: { Ref: 'Owner' } }];
    });
    expect((await run(['build'], pkg)).code).toBe(0);
    const drift = await run(['drift', '--report', 'reports/drift.md'], pkg);
    expect(drift.code).toBe(1);
    expect(drift.out).toContain('~ aad-dev-team-pipeline (service): 1.0 → 2.0 (major: breaking)\n');
    expect(drift.out).toContain('    + input owner (string, required) ← parameter Owner [breaking]\n');
    expect(readFileSync(join(pkg, 'reports', 'drift.md'), 'utf8')).toMatch(/^## Template contract drift\n/);
    const json = await run(['drift', '--format', 'json'], pkg);
    expect([json.code, JSON.parse(json.out).drift]).toEqual([1, true]);
    const markdown = await run(['drift', '--format', 'markdown'], pkg);
    expect(markdown.out).toContain('| `aad-dev-team-pipeline` | service | 1.0 | 2.0 | changed (breaking) |');
    // accept again: the build now carries version 2.0
    expect((await run(['drift', '--update'], pkg)).code).toBe(0);
    const again = await run(['drift', '--update'], pkg);
    expect(again.out).toContain('Lock file manifest.lock.json already matches; rewritten unchanged.\n');
  });

  it('exits 0 when only Lambda code (an asset hash) changed, and 1 when a resource changed too', async () => {
    // Prepare: an accepted lock, then new enrichment code
    const { root, pkg } = workspace();
    const cdkOut = join(root, 'constructs', 'cdk.out');
    expect((await run(['build'], pkg)).code).toBe(0);
    expect((await run(['drift', '--update'], pkg)).code).toBe(0);
    changeAssetHash(cdkOut, FIXTURE_CODE_ASSET, 'e'.repeat(64));
    expect((await run(['build'], pkg)).code).toBe(0);
    // Act
    const codeOnly = await run(['drift'], pkg);
    // Assess
    expect(codeOnly.code).toBe(0);
    expect(codeOnly.out).toMatch(
      /^No drift: 2 template\(s\) match the lock file manifest\.lock\.json\.\nCode assets changed: not a contract change /,
    );
    expect(JSON.parse(readFileSync(join(pkg, 'dist', 'proton', 'manifest.json'), 'utf8')).templates[0].version).toEqual(
      { major: 1, minor: 0 },
    );
    const accept = await run(['drift', '--update'], pkg);
    expect(accept.out).toContain(
      'Lock file manifest.lock.json: no contract change; rewritten with the new asset and bundle hashes of 2 template(s) (committing it is optional).\n',
    );
    // a resource change on top of new code
    changeAssetHash(cdkOut, 'e'.repeat(64), 'd'.repeat(64));
    editTemplate(cdkOut, 'aad-dev-team-pipeline', (t) => {
      t.Resources!.TeamQueue8E3A1D55.Properties!.VisibilityTimeout = 901;
    });
    expect((await run(['build'], pkg)).code).toBe(0);
    const drift = await run(['drift'], pkg);
    expect(drift.code).toBe(1);
    expect(drift.out).toContain('~ aad-dev-team-pipeline (service): 1.0 → 1.1 (minor: compatible)\n');
    expect(drift.out).toContain('1 of 2 template(s) drifted.');
    expect(drift.out).toContain('· aad-dev-detector (environment) 1.0\n');
  });

  it('exits 1 asking for a build when there is no manifest', async () => {
    const dir = tempDir();
    const { code, err } = await run(['drift'], dir);
    expect(code).toBe(1);
    expect(err.split('\n')[0]).toBe(
      `proton-bundle drift: ${join(dir, 'dist', 'proton', 'manifest.json')}: no manifest here; run proton-bundle build first`,
    );
  });

  it('exits 1 on a malformed lock file', async () => {
    const pkg = await builtWorkspace();
    writeFileSync(join(pkg, 'manifest.lock.json'), '{"format": 2}');
    const { code, err } = await run(['drift'], pkg);
    expect(code).toBe(1);
    expect(err.split('\n')[0]).toBe(
      `proton-bundle drift: ${join(pkg, 'manifest.lock.json')}: lock file must have "format": 1`,
    );
    writeFileSync(join(pkg, 'manifest.lock.json'), '{"format": 1, "templates": [{}]}');
    expect((await run(['drift'], pkg)).err.split('\n')[0]).toBe(
      `proton-bundle drift: ${join(pkg, 'manifest.lock.json')}: templates[0] must have a name and a kind (environment or service)`,
    );
    writeFileSync(join(pkg, 'manifest.lock.json'), '{"format": 1}');
    expect((await run(['drift'], pkg)).err).toContain('lock file must have a "templates" array');
    writeFileSync(join(pkg, 'manifest.lock.json'), 'nope');
    expect((await run(['drift'], pkg)).err).toContain('lock file is not valid JSON');
  });
});
