import { ASSET_HASH_PLACEHOLDER, buildBundles, contractFingerprint, normalizeAssetHashes } from '../../src';
import { FIXTURE_CODE_ASSET, changeAssetHash, copyFixture, editTemplate } from '../helpers';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const NEW_HASH = 'f'.repeat(64);

describe('normalizeAssetHashes', () => {
  it('replaces every occurrence of the given asset hashes and nothing else', () => {
    const text = `Default: cdk-assets/${A}.zip\nOther: cdk-assets/${A}.zip\nKeep: ${B}\n`;
    expect(normalizeAssetHashes(text, [A])).toBe(
      `Default: cdk-assets/${ASSET_HASH_PLACEHOLDER}.zip\nOther: cdk-assets/${ASSET_HASH_PLACEHOLDER}.zip\nKeep: ${B}\n`,
    );
  });

  it('replaces a hash that contains a shorter one whole, and ignores empty hashes', () => {
    expect(normalizeAssetHashes(`x/${A}.zip y/aaaa`, ['aaaa', A, ''])).toBe(
      `x/${ASSET_HASH_PLACEHOLDER}.zip y/${ASSET_HASH_PLACEHOLDER}`,
    );
  });
});

describe('contractFingerprint', () => {
  const files = (hash: string, extra = '') => [
    { path: 'schema/schema.yaml', content: `default: cdk-assets/${hash}.zip\n${extra}` },
    { path: 'infrastructure/cloudformation.yaml', content: 'Resources: {}\n' },
  ];

  it('is equal when only the asset hash differs, and independent of file order', () => {
    expect(contractFingerprint(files(A), [A])).toBe(contractFingerprint([...files(B)].reverse(), [B]));
  });

  it('differs when anything else in a file differs', () => {
    expect(contractFingerprint(files(A, 'type: number\n'), [A])).not.toBe(contractFingerprint(files(A), [A]));
    expect(contractFingerprint(files(A), [])).not.toBe(contractFingerprint(files(B), []));
  });

  it('keeps the manifest contract sha256 when only Lambda code changes, and changes it on a resource change', async () => {
    // Prepare
    const before = (await buildBundles({ cdkOut: copyFixture() })).manifest.templates;
    const codeOnly = copyFixture();
    changeAssetHash(codeOnly, FIXTURE_CODE_ASSET, NEW_HASH);
    const resource = copyFixture();
    editTemplate(resource, 'aad-dev-team-pipeline', (t) => {
      t.Resources!.TeamQueue8E3A1D55.Properties!.VisibilityTimeout = 901;
    });
    // Act
    const afterCode = (await buildBundles({ cdkOut: codeOnly })).manifest.templates;
    const afterResource = (await buildBundles({ cdkOut: resource })).manifest.templates;
    // Assess: the bytes follow the code, the contract does not
    for (const [i, t] of afterCode.entries()) {
      expect([t.name, t.contractSha256]).toEqual([before[i].name, before[i].contractSha256]);
      expect(t.bundle.sha256).not.toBe(before[i].bundle.sha256);
      expect(t.source.templateSha256).not.toBe(before[i].source.templateSha256);
    }
    expect(
      afterResource.map((t) => t.contractSha256 === before.find((b) => b.name === t.name)!.contractSha256),
    ).toEqual([true, false]);
  });
});
