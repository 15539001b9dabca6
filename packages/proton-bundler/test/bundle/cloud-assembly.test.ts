import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCloudAssembly } from '../../src';
import { FIXTURE, tempDir } from '../helpers';

describe('readCloudAssembly', () => {
  it('reads stacks sorted by name with tags and their file assets (the template itself excluded)', () => {
    const stacks = readCloudAssembly(FIXTURE);
    expect(stacks.map((s) => [s.stackName, s.tags.Environment, s.fileAssets.map((a) => a.objectKey)])).toEqual([
      [
        'aad-dev-detector',
        'dev',
        [
          '2519117d1d72b5f7ae0915c7597fbb3fd67081cca8d927b6c587ea680f2c5704.zip',
          'de9a61ca6a6824c08fe2decd367b217c0c05158d627ac91754aef1f41994c39d.zip',
        ],
      ],
      ['aad-dev-team-pipeline', 'dev', ['2519117d1d72b5f7ae0915c7597fbb3fd67081cca8d927b6c587ea680f2c5704.zip']],
    ]);
  });

  it('falls back to the artifact id for the stack name and template file', () => {
    // Prepare
    const dir = tempDir();
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        artifacts: { B: { type: 'aws:cloudformation:stack' }, A: { type: 'aws:cloudformation:stack' } },
      }),
    );
    writeFileSync(join(dir, 'A.template.json'), '{}');
    writeFileSync(join(dir, 'B.template.json'), '{}');
    // Act
    const stacks = readCloudAssembly(dir);
    // Assess
    expect(stacks.map((s) => [s.stackName, s.fileAssets, s.imageAssets])).toEqual([
      ['A', [], []],
      ['B', [], []],
    ]);
  });

  it('reads an assembly without artifacts as empty', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'manifest.json'), '{}');
    expect(readCloudAssembly(dir)).toEqual([]);
  });

  it('names the file of a template that is not JSON', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ artifacts: { A: { type: 'aws:cloudformation:stack' } } }),
    );
    writeFileSync(join(dir, 'A.template.json'), '{ nope');
    expect(() => readCloudAssembly(dir)).toThrow(`${join(dir, 'A.template.json')}: not valid JSON:`);
  });

  it('names a missing template and a broken manifest', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ artifacts: { A: { type: 'aws:cloudformation:stack' } } }),
    );
    expect(() => readCloudAssembly(dir)).toThrow(
      `${join(dir, 'A.template.json')}: template of stack A is missing from the cloud assembly`,
    );
    writeFileSync(join(dir, 'manifest.json'), '[');
    expect(() => readCloudAssembly(dir)).toThrow(`${join(dir, 'manifest.json')}: not valid JSON:`);
    mkdirSync(join(dir, 'unreadable.json'));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          A: { type: 'aws:cloudformation:stack', dependencies: ['A.assets'] },
          'A.assets': { type: 'cdk:asset-manifest', properties: { file: 'unreadable.json' } },
        },
      }),
    );
    writeFileSync(join(dir, 'A.template.json'), '{}');
    expect(() => readCloudAssembly(dir)).toThrow(`${join(dir, 'unreadable.json')}: cannot read:`);
  });

  it('lists container image assets', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          A: { type: 'aws:cloudformation:stack', dependencies: ['A.assets', 'missing'] },
          'A.assets': { type: 'cdk:asset-manifest', properties: { file: 'A.assets.json' } },
        },
      }),
    );
    writeFileSync(join(dir, 'A.template.json'), '{}');
    writeFileSync(
      join(dir, 'A.assets.json'),
      JSON.stringify({ files: { f: { source: { path: 'asset.f' }, destinations: {} } }, dockerImages: { img: {} } }),
    );
    const [stack] = readCloudAssembly(dir);
    expect(stack.imageAssets).toEqual(['img']);
    expect(stack.fileAssets).toEqual([{ hash: 'f', sourcePath: 'asset.f', packaging: 'file', objectKey: 'f.zip' }]);
  });
});
