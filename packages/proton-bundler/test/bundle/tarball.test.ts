import { gunzipSync } from 'node:zlib';
import { GZIP_HEADER, createTarball, readTarball } from '../../src';

describe('createTarball', () => {
  it('is independent of the order files are given in', async () => {
    // Prepare
    const files = [
      { path: 'schema/schema.yaml', content: 'schema: {}\n' },
      { path: 'infrastructure/manifest.yaml', content: 'a: 1\n' },
    ];
    // Act
    const a = await createTarball(files);
    const b = await createTarball([...files].reverse());
    // Assess
    expect(a.equals(b)).toBe(true);
  });

  it('writes sorted entries with fixed mtime, owner and modes, directories first', async () => {
    const tar = gunzipSync(
      await createTarball([
        { path: 'b/x.yaml', content: 'x: 1\n' },
        { path: 'a.yaml', content: 'a: 1\n' },
      ]),
    );
    const headers: { name: string; mode: string; uid: string; mtime: string }[] = [];
    for (let offset = 0; offset + 512 <= tar.length; offset += 512) {
      const name = tar
        .subarray(offset, offset + 100)
        .toString('utf8')
        .replace(/\0.*$/s, '');
      if (name === '') break;
      const field = (start: number, length: number): string =>
        tar
          .subarray(offset + start, offset + start + length)
          .toString('utf8')
          .replace(/\0.*$/s, '')
          .trim();
      headers.push({ name, mode: field(100, 8), uid: field(108, 8), mtime: field(136, 12) });
      const size = parseInt(field(124, 12), 8);
      offset += Math.ceil(size / 512) * 512;
    }
    expect(headers).toEqual([
      { name: 'a.yaml', mode: '000644', uid: '000000', mtime: '00000000000' },
      { name: 'b/', mode: '000755', uid: '000000', mtime: '00000000000' },
      { name: 'b/x.yaml', mode: '000644', uid: '000000', mtime: '00000000000' },
    ]);
  });

  it('starts with the pinned gzip header: no mtime, no name, OS Unix', async () => {
    const gz = await createTarball([{ path: 'a.yaml', content: 'a: 1\n' }]);
    expect([...gz.subarray(0, 10)]).toEqual([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03]);
    expect(gz.subarray(0, 10).equals(GZIP_HEADER)).toBe(true);
  });

  it('round-trips through readTarball (directories omitted)', async () => {
    const files = [
      { path: 'infrastructure/cloudformation.yaml', content: 'Resources: {}\n' },
      { path: 'schema/schema.yaml', content: 'é: ü\n' },
    ];
    expect(await readTarball(await createTarball(files))).toEqual(files);
  });

  it('rejects two files with the same path', async () => {
    await expect(
      createTarball([
        { path: 'a', content: '' },
        { path: 'a', content: '' },
      ]),
    ).rejects.toThrow('duplicate bundle file a');
  });
});
