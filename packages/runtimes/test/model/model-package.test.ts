import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { ModelIntegrityError } from '../../src/errors';
import { ModelPackageSource, packageJson, verifyModelPackage } from '../../src/model';
import { modelPackageZip, s3Body } from '../_helpers/s3';

const NAME = 'model_package-20261120T000000Z.zip';

describe('verifyModelPackage', () => {
  it('returns the verified files of a well-formed package', () => {
    const pkg = verifyModelPackage(NAME, modelPackageZip(), 'dev');
    expect([...pkg.files.keys()].sort()).toEqual(['baseline-profile.json', 'ner-model.json']);
    expect(packageJson<{ version: number }>(pkg, 'ner-model.json').version).toBe(1);
  });

  it.each([
    [
      { tamper: { 'ner-model.json': { sha256: '0'.repeat(64) } } },
      /ner-model.json has sha256 [0-9a-f]{64}, the manifest says 0{64}/,
    ],
    [{ tamper: { 'baseline-profile.json': { bytes: 3 } } }, /baseline-profile.json has \d+ bytes, the manifest says 3/],
    [{ env: 'prod' }, /package is for env "prod", expected dev/],
    [{ format: 'aad-model-package/v0' }, /manifest format must be aad-model-package\/v1/],
    [{ extra: { 'evil.js': 'x' } }, /files not covered by the manifest: evil.js/],
    [{ files: { 'ner-model.json': '{}' } }, /manifest does not list baseline-profile.json/],
    [{ files: { '../x.json': '{}' } }, /unsafe path in manifest: "..\/x.json"/],
  ])('refuses a package that fails verification (%#)', (options, message) => {
    expect(() => verifyModelPackage(NAME, modelPackageZip(options), 'dev')).toThrow(message);
  });

  it('refuses bytes that are not a zip', () => {
    expect(() => verifyModelPackage(NAME, Buffer.from('not a zip'), 'dev')).toThrow(
      new RegExp(`${NAME}: not a readable zip`),
    );
  });

  it('reports a file that is not JSON by name', () => {
    const pkg = verifyModelPackage(
      NAME,
      modelPackageZip({ files: { 'ner-model.json': 'nope', 'baseline-profile.json': '{}' } }),
    );
    expect(() => packageJson(pkg, 'ner-model.json')).toThrow(/ner-model.json is not valid JSON/);
    expect(() => packageJson(pkg, 'missing.json')).toThrow(/missing.json is not in the package/);
  });
});

describe('ModelPackageSource', () => {
  const s3 = mockClient(S3Client);
  let clock = 0;
  const source = (): ModelPackageSource =>
    new ModelPackageSource(new S3Client({}), {
      bucket: 'models',
      prefix: 'model-packages/dev/',
      refreshSeconds: 300,
      now: () => clock,
      retry: { sleep: async () => undefined },
    });

  beforeEach(() => {
    s3.reset();
    clock = 0;
  });

  it('loads current.txt then the package, once per refresh period', async () => {
    // Prepare
    s3.on(GetObjectCommand, { Key: 'model-packages/dev/current.txt' }).callsFake(async () => ({
      Body: s3Body(`${NAME}\n`),
    }));
    s3.on(GetObjectCommand, { Key: `model-packages/dev/${NAME}` }).callsFake(async () => ({
      Body: s3Body(modelPackageZip()),
    }));
    const src = source();
    // Act
    const [a, b] = await Promise.all([src.current(), src.current()]);
    clock = 100_000;
    await src.current();
    clock = 400_000;
    const c = await src.current();
    // Assess
    expect(a).toBe(b);
    expect(c).toBe(a);
    const keys = s3.commandCalls(GetObjectCommand).map((call) => call.args[0].input.Key);
    expect(keys).toEqual([
      'model-packages/dev/current.txt',
      `model-packages/dev/${NAME}`,
      'model-packages/dev/current.txt',
    ]);
    expect(s3.commandCalls(GetObjectCommand)[0].args[0].input.Bucket).toBe('models');
  });

  it('refuses to use a package whose file does not match its sha256', async () => {
    s3.on(GetObjectCommand, { Key: 'model-packages/dev/current.txt' }).resolves({ Body: s3Body(NAME) });
    s3.on(GetObjectCommand, { Key: `model-packages/dev/${NAME}` }).resolves({
      Body: s3Body(modelPackageZip({ tamper: { 'baseline-profile.json': { sha256: 'f'.repeat(64) } } })),
    });
    await expect(source().current()).rejects.toThrow(ModelIntegrityError);
  });

  it('rejects a current.txt that does not name a package', async () => {
    s3.on(GetObjectCommand).resolves({ Body: s3Body('../../etc/passwd') });
    await expect(source().current()).rejects.toThrow(/current.txt must name a model_package-<UTC ts>.zip/);
  });

  it('keeps the verified package when a refresh hits a transient S3 error', async () => {
    // Prepare
    s3.on(GetObjectCommand, { Key: 'model-packages/dev/current.txt' })
      .resolvesOnce({ Body: s3Body(NAME) })
      .rejects(Object.assign(new Error('slow down'), { name: 'AccessDenied' }));
    s3.on(GetObjectCommand, { Key: `model-packages/dev/${NAME}` }).resolves({ Body: s3Body(modelPackageZip()) });
    const src = source();
    const first = await src.current();
    clock = 1_000_000;
    // Act
    const second = await src.current();
    // Assess
    expect(second).toBe(first);
  });

  it('switches to the new package current.txt names', async () => {
    const next = 'model_package-20261121T000000Z.zip';
    s3.on(GetObjectCommand, { Key: 'model-packages/dev/current.txt' })
      .resolvesOnce({ Body: s3Body(NAME) })
      .resolves({ Body: s3Body(next) });
    s3.on(GetObjectCommand, { Key: `model-packages/dev/${NAME}` }).resolves({ Body: s3Body(modelPackageZip()) });
    s3.on(GetObjectCommand, { Key: `model-packages/dev/${next}` }).resolves({ Body: s3Body(modelPackageZip()) });
    const src = source();
    expect((await src.current()).name).toBe(NAME);
    clock = 301_000;
    expect((await src.current()).name).toBe(next);
  });
});
