import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';

async function run(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const io: CliIo = {
    stdin: Readable.from([Buffer.from(stdin)]),
    stdout,
    stderr,
    env: {},
    cwd: process.cwd(),
    stderrIsTTY: false,
  };
  const code = await main(argv, io);
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'aad-cli-'));

describe('aad extract', () => {
  it('writes one JSON line per mention and exits 0 when every record parsed', async () => {
    const { code, out, err } = await run([
      'extract',
      join(__dirname, '..', '..', 'samples', 'cloudtrail-sample.jsonl'),
    ]);
    expect(code).toBe(0);
    const mentions = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { entity_type: string; field: string; log_id: string });
    expect(mentions.find((m) => m.field === 'userIdentity.arn')).toMatchObject({
      entity_type: 'iam-user-arn',
      log_id: '00000000-0000-4000-8000-000000000001',
    });
    expect(err).toMatch(/^12 records, \d+ mentions, 0 rejected from 1 input\(s\)/m);
  });

  it('exits 3, reports rejected records in --errors and keeps going', async () => {
    const input = join(dir, 'mixed.jsonl');
    writeFileSync(input, '{"eventName":"A","sourceIPAddress":"10.0.0.1","eventID":"x"}\n{broken\n');
    const errors = join(dir, 'errors.jsonl');
    const { code, out, err } = await run(['extract', input, '--errors', errors]);
    expect(code).toBe(3);
    expect(out).toMatch(/"entity_id":"10.0.0.1"/);
    expect(JSON.parse(readFileSync(errors, 'utf8').trim())).toMatchObject({
      source: input,
      line: 2,
      reason: expect.stringMatching(/^invalid JSON/),
    });
    expect(err).toMatch(/1 rejected .*rejections in/);
  });

  it('reports rejections on stderr without --errors, reads stdin and prints a table', async () => {
    const { code, out, err } = await run(
      ['extract', '-', '--format', 'table', '--kind', 'text'],
      'key AKIAIOSFODNN7EXAMPLE used from 203.0.113.5\n',
    );
    expect(code).toBe(0);
    expect(out).toMatch(/^access-key-id\s+AKIAIOSFODNN7EXAMPLE\s+-:1 @4-24/m);
    expect(err).toMatch(/1 records/);
    const bad = await run(['extract', '--no-tagger'], '{"a":1}\n{x\n');
    expect(bad.code).toBe(3);
    expect(bad.err).toMatch(/rejected: -:2: invalid JSON/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['extract', '--format', 'xml'])).code).toBe(2);
    expect((await run(['extract', '--kind', 'pdf'])).code).toBe(2);
    expect((await run(['extract', join(dir, 'missing.log')])).err).toMatch(/no such file/);
    expect((await run(['extract', '--bogus'])).code).toBe(2);
  });

  it('prints --help', async () => {
    const { code, out } = await run(['extract', '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: aad extract/);
  });
});

describe('aad generate, eval and train-ner', () => {
  it('generates a corpus and exits 2 without required options', async () => {
    const out = join(dir, 'gen');
    const { code, err } = await run([
      'generate',
      '--seed',
      '3',
      '--events',
      '50',
      '--out',
      out,
      '--attacks',
      '--vpc-lines',
      '10',
      '--text-lines',
      '10',
      '--days',
      '7',
      '--accounts',
      '2',
    ]);
    expect(code).toBe(0);
    expect(err).toMatch(/generated seed 3: 50 benign events/);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).files['vpcflow-v2.log'].records).toBe(5);
    expect((await run(['generate', '--seed', '3'])).code).toBe(2);
    expect((await run(['generate', '--seed', 'x', '--events', '1', '--out', out])).err).toMatch(
      /`--seed` must be an integer/,
    );
  });

  it('evaluates the ner suite, writes JSON and dispatches by suite name', async () => {
    const json = join(dir, 'ner.json');
    const { code, out } = await run([
      'eval',
      'ner',
      '--events',
      '100',
      '--vpc-lines',
      '20',
      '--text-lines',
      '100',
      '--json',
      json,
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/micro\s+1\.0000|micro\s+0\.9\d{3}/);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ suite: 'ner', passed: true });
    expect((await run(['eval', 'nope'])).code).toBe(2);
    expect((await run(['eval', 'ner', '--help'])).out).toMatch(/^Usage: aad eval ner/m);
    expect((await run(['eval', '--help'])).out).toMatch(/ner\s+Entity extraction/);
  });

  it('trains a small tagger reproducibly', async () => {
    const a = join(dir, 'model-a');
    const b = join(dir, 'model-b');
    for (const out of [a, b]) {
      expect(
        (await run(['train-ner', '--seed', '5', '--out', out, '--epochs', '1', '--worlds', '1', '--lines', '200']))
          .code,
      ).toBe(0);
    }
    expect(readFileSync(join(a, 'ner-tagger.json'))).toEqual(readFileSync(join(b, 'ner-tagger.json')));
    expect(JSON.parse(readFileSync(join(a, 'ner-tagger.meta.json'), 'utf8'))).toMatchObject({
      seed: 5,
      featureSet: 'aad-ner-features/1',
    });
  });
});
