import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BundleManifest,
  PublishPlan,
  buildBundles,
  planPublish,
  productVariable,
  renderPlanJson,
  renderShell,
  shellQuote,
  writeBuild,
} from '../../src';
import { FIXTURE, tempDir } from '../helpers';

async function built(lock?: BundleManifest): Promise<{ dir: string; manifest: BundleManifest }> {
  const dir = tempDir();
  const result = await buildBundles({ cdkOut: FIXTURE, lock });
  writeBuild(result, dir);
  return { dir, manifest: result.manifest };
}

function commands(plan: PublishPlan): string[] {
  return plan.steps.map((s) => s.argv.slice(3, 5).join(' '));
}

describe('planPublish', () => {
  it('orders Proton environment templates, then services, then Service Catalog products', async () => {
    // Prepare
    const { dir, manifest } = await built();
    // Act
    const plan = planPublish({ manifest, manifestDir: dir, bucket: 'templates-bucket' });
    // Assess
    expect(plan.steps.map((s) => `${s.target} ${s.template} ${s.argv.slice(3, 5).join(' ')}`)).toEqual([
      'proton aad-dev-detector s3 cp',
      'proton aad-dev-detector proton create-environment-template',
      'proton aad-dev-detector proton create-environment-template-version',
      'proton aad-dev-detector proton wait',
      'proton aad-dev-detector proton update-environment-template-version',
      'proton aad-dev-team-pipeline s3 cp',
      'proton aad-dev-team-pipeline proton create-service-template',
      'proton aad-dev-team-pipeline proton create-service-template-version',
      'proton aad-dev-team-pipeline proton wait',
      'proton aad-dev-team-pipeline proton update-service-template-version',
      'service-catalog aad-dev-detector s3 cp',
      'service-catalog aad-dev-detector servicecatalog create-product',
      'service-catalog aad-dev-team-pipeline s3 cp',
      'service-catalog aad-dev-team-pipeline servicecatalog create-product',
    ]);
  });

  it('computes content-addressed S3 keys and passes them to Proton as --source s3=', async () => {
    const { dir, manifest } = await built();
    const plan = planPublish({
      manifest,
      manifestDir: dir,
      bucket: 'templates-bucket',
      prefix: 'p/q',
      region: 'eu-west-1',
    });
    const env = manifest.templates[0];
    const key = `p/q/proton/aad-dev-detector/1.0/${env.bundle.sha256}.tar.gz`;
    expect(plan.objects[0]).toEqual({
      target: 'proton',
      template: 'aad-dev-detector',
      file: join(dir, 'aad-dev-detector.tar.gz'),
      sha256: env.bundle.sha256,
      key,
    });
    expect(plan.steps[0].argv).toEqual([
      'aws',
      '--region',
      'eu-west-1',
      's3',
      'cp',
      join(dir, 'aad-dev-detector.tar.gz'),
      `s3://templates-bucket/${key}`,
    ]);
    expect(plan.steps[2].argv).toContain(`s3={bucket=templates-bucket,key=${key}}`);
    expect(plan.steps[7].argv.slice(-2)).toEqual([
      '--compatible-environment-templates',
      'templateName=aad-dev-detector,majorVersion=1',
    ]);
    expect(plan.steps[4].argv.slice(-2)).toEqual(['--status', 'PUBLISHED']);
  });

  it('adds a minor version to an existing template and a provisioning artifact to an existing product', async () => {
    // Prepare: a lock that differs from the fixture, so the environment template becomes 1.1
    const lock = JSON.parse(JSON.stringify((await buildBundles({ cdkOut: FIXTURE })).manifest)) as BundleManifest;
    (lock.templates[0] as { contractSha256: string }).contractSha256 = '0'.repeat(64);
    const { dir, manifest } = await built(lock);
    // Act
    const plan = planPublish({ manifest, manifestDir: dir, bucket: 'templates-bucket' });
    // Assess
    const env = plan.steps.filter((s) => s.template === 'aad-dev-detector');
    expect(env.map((s) => s.version)).toEqual(['1.1', '1.1', '1.1', '1.1', '1.1', '1.1', '1.1']);
    expect(commands({ ...plan, steps: env })).toEqual([
      's3 cp',
      'proton create-environment-template-version',
      'proton wait',
      'proton update-environment-template-version',
      's3 cp',
      'servicecatalog describe-product-as-admin',
      'servicecatalog create-provisioning-artifact',
    ]);
    expect(env[1].argv).toContain('--major-version');
    const artifact = env[6];
    expect(artifact.argv.slice(5, 7)).toEqual(['--product-id', `\${${productVariable('aad-dev-detector')}}`]);
    expect(JSON.parse(artifact.argv[8])).toMatchObject({ Name: '1.1', Type: 'CLOUD_FORMATION_TEMPLATE' });
    expect(env[5].captureAs).toBe('PRODUCT_ID_AAD_DEV_DETECTOR');
  });

  it('opens a new major version without --major-version', async () => {
    const lock = JSON.parse(JSON.stringify((await buildBundles({ cdkOut: FIXTURE })).manifest)) as BundleManifest;
    (lock.templates[0] as { outputs: string[] }).outputs = [...lock.templates[0].outputs, 'Gone'];
    const { dir, manifest } = await built(lock);
    const plan = planPublish({ manifest, manifestDir: dir, bucket: 'templates-bucket', targets: ['proton'] });
    const create = plan.steps.find((s) => s.argv[4] === 'create-environment-template-version')!;
    expect(create.version).toBe('2.0');
    expect(create.argv).not.toContain('--major-version');
    expect(plan.steps.every((s) => s.target === 'proton')).toBe(true);
  });

  it.each([
    [
      'Bad_Bucket',
      'p',
      'us-east-1',
      "--bucket must be an S3 bucket name (3-63 lower-case letters, digits, dots, hyphens), received 'Bad_Bucket'",
    ],
    [
      'ok-bucket',
      '/p/',
      'us-east-1',
      "--prefix must be an S3 key prefix without leading or trailing '/', received '/p/'",
    ],
    ['ok-bucket', 'p', 'mars', "--region must be an AWS Region such as us-east-1, received 'mars'"],
  ])('rejects bucket %s, prefix %s, region %s', async (bucket, prefix, region, message) => {
    const { dir, manifest } = await built();
    expect(() => planPublish({ manifest, manifestDir: dir, bucket, prefix, region })).toThrow(message);
  });

  it('refuses to plan for a bundle that is missing or differs from the manifest', async () => {
    const { dir, manifest } = await built();
    writeFileSync(join(dir, 'aad-dev-detector.tar.gz'), 'tampered');
    expect(() => planPublish({ manifest, manifestDir: dir, bucket: 'templates-bucket' })).toThrow(
      `${join(dir, 'aad-dev-detector.tar.gz')}: sha256 `,
    );
    expect(() => planPublish({ manifest, manifestDir: join(dir, 'nowhere'), bucket: 'templates-bucket' })).toThrow(
      'aad-dev-detector is listed in the manifest but its file is missing; run proton-bundle build',
    );
  });
});

describe('renderShell / renderPlanJson', () => {
  it('gates the script behind --apply and ALLOW_AWS_DEPLOY=1 before any command', async () => {
    const { dir, manifest } = await built();
    const script = renderShell(planPublish({ manifest, manifestDir: dir, bucket: 'templates-bucket' }));
    const lines = script.split('\n');
    const firstAws = lines.findIndex((l) => /^(PRODUCT_ID_\w+="\$\()?aws /.test(l));
    expect(lines.slice(0, firstAws)).toEqual(
      expect.arrayContaining([
        'set -euo pipefail',
        '[ "${1:-}" = "--apply" ] || { echo "dry run: review this plan, then run it with --apply and ALLOW_AWS_DEPLOY=1" >&2; exit 1; }',
        '[ "${ALLOW_AWS_DEPLOY:-0}" = 1 ] || { echo "refused: set ALLOW_AWS_DEPLOY=1 to publish" >&2; exit 1; }',
      ]),
    );
    expect(script).toContain('# AWS Proton reached end of support on 2026-10-07');
  });

  it('renders stable JSON with the same argv', async () => {
    const { dir, manifest } = await built();
    const plan = planPublish({ manifest, manifestDir: dir, bucket: 'templates-bucket' });
    const json = JSON.parse(renderPlanJson(plan));
    expect(json.dryRun).toBe(true);
    expect(json.steps).toHaveLength(14);
    expect(json.steps[0].argv).toEqual(plan.steps[0].argv);
    expect(renderPlanJson(plan)).toBe(
      renderPlanJson(planPublish({ manifest, manifestDir: dir, bucket: 'templates-bucket' })),
    );
  });

  it.each([
    ['plain-word_1.2/x:y=z@a%b+c,d', 'plain-word_1.2/x:y=z@a%b+c,d'],
    ['s3={bucket=b,key=k}', "'s3={bucket=b,key=k}'"],
    ["it's", "'it'\\''s'"],
    ['${PRODUCT_ID_X}', '"${PRODUCT_ID_X}"'],
    ['a b', "'a b'"],
  ])('quotes %s as %s', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });
});
