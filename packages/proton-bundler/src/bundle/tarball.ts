import { gunzipSync, gzipSync } from 'node:zlib';
import { extract, pack } from 'tar-stream';

/** A file of a template bundle: path inside the bundle and its UTF-8 text. */
export interface BundleFile {
  readonly path: string;
  readonly content: string;
}

/** Fixed metadata of every tar entry, so the bytes depend on the files only. */
const ENTRY_DEFAULTS = { mtime: new Date(0), uid: 0, gid: 0, uname: '', gname: '' } as const;

/**
 * The first 10 bytes of every bundle: gzip magic, deflate, no flags, mtime 0,
 * XFL 2 (best compression), OS 3 (Unix): no timestamp, no file name, the same
 * on every platform.
 */
export const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03]);

function directoriesOf(paths: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(`${parts.slice(0, i).join('/')}/`);
  }
  return [...dirs];
}

/**
 * A byte-for-byte reproducible `.tar.gz`: entries sorted by path (each
 * directory before its files), mtime 0, uid/gid 0, no user names, modes 0755
 * and 0644, and the gzip header of {@link GZIP_HEADER}.
 */
export async function createTarball(files: readonly BundleFile[]): Promise<Buffer> {
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) throw new Error(`duplicate bundle file ${file.path}`);
    seen.add(file.path);
  }
  const entries = [
    ...directoriesOf(files.map((f) => f.path)).map((name) => ({ name, dir: true, content: '' })),
    ...files.map((f) => ({ name: f.path, dir: false, content: f.content })),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const tar = pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of tar) chunks.push(Buffer.from(chunk as Uint8Array));
  })();
  for (const entry of entries) {
    if (entry.dir) {
      tar.entry({ ...ENTRY_DEFAULTS, name: entry.name, type: 'directory', mode: 0o755 });
    } else {
      tar.entry({ ...ENTRY_DEFAULTS, name: entry.name, type: 'file', mode: 0o644 }, Buffer.from(entry.content, 'utf8'));
    }
  }
  tar.finalize();
  await done;
  const gz = gzipSync(Buffer.concat(chunks), { level: 9 });
  GZIP_HEADER.copy(gz, 0); // zlib writes the OS byte of the build platform: pin it
  return gz;
}

/** The regular files of a `.tar.gz`, sorted by path (directories omitted). */
export async function readTarball(bytes: Buffer): Promise<BundleFile[]> {
  const files: BundleFile[] = [];
  const tar = extract();
  const finished = new Promise<void>((resolve, reject) => {
    tar.on('finish', resolve);
    tar.on('error', reject);
  });
  tar.on('entry', (header, stream, next) => {
    const parts: Buffer[] = [];
    stream.on('data', (c: unknown) => parts.push(Buffer.from(c as Uint8Array)));
    stream.on('end', () => {
      if (header.type === 'file') files.push({ path: header.name, content: Buffer.concat(parts).toString('utf8') });
      next();
    });
  });
  tar.end(gunzipSync(bytes));
  await finished;
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
