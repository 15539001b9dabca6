import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';

/**
 * Golden fixtures: each input in test/_fixtures/golden/ sits next to what
 * `aad extract` must write for it, byte for byte: `<input>.mentions.jsonl`
 * (stdout) and `<input>.rejected.jsonl` (the --errors file). To accept a
 * change in the output on purpose, regenerate them and review the diff:
 *
 *   AAD_UPDATE_GOLDEN=1 npx jest test/cli/extract-golden && git diff test/_fixtures/golden
 */
const GOLDEN = join(__dirname, '..', '_fixtures', 'golden');
const UPDATE = process.env.AAD_UPDATE_GOLDEN === '1';
const INPUTS = readdirSync(GOLDEN)
  .filter((f) => !f.endsWith('.mentions.jsonl') && !f.endsWith('.rejected.jsonl') && !f.endsWith('.md'))
  .sort();
const scratch = mkdtempSync(join(tmpdir(), 'aad-golden-'));

async function extract(input: string): Promise<{ code: number; mentions: string; rejected: string }> {
  const stdout = new PassThrough();
  let mentions = '';
  stdout.on('data', (c: Buffer) => (mentions += c.toString()));
  const errors = join(scratch, `${input}.rejected.jsonl`);
  const io: CliIo = {
    stdin: Readable.from([]),
    stdout,
    stderr: new PassThrough(),
    env: {},
    // Relative names: `source` and the hashed log ids do not depend on the checkout's path.
    cwd: GOLDEN,
    stderrIsTTY: false,
  };
  const code = await main(['extract', input, '--errors', errors], io);
  return { code, mentions, rejected: readFileSync(errors, 'utf8') };
}

describe('aad extract golden fixtures', () => {
  it('has the six input kinds side by side with their expected output', () => {
    // Assess
    expect(INPUTS).toEqual([
      'cloudtrail-records.json',
      'cloudtrail.jsonl',
      'eventbridge.jsonl',
      'text.log',
      'vpcflow-v2.log',
      'vpcflow-v5.log',
    ]);
    if (!UPDATE) {
      for (const input of INPUTS) {
        expect(existsSync(join(GOLDEN, `${input}.mentions.jsonl`))).toBe(true);
        expect(existsSync(join(GOLDEN, `${input}.rejected.jsonl`))).toBe(true);
      }
    }
  });

  it.each(INPUTS)('extracts exactly the expected mentions and rejections from %s', async (input) => {
    // Act
    const { code, mentions, rejected } = await extract(input);
    // Assess
    expect(code).toBe(rejected === '' ? 0 : 3);
    expect(mentions).not.toMatch(/wJalrXUtnFEMI|IQoJb3JpZ2lu/); // secret fields are never echoed
    if (UPDATE) {
      writeFileSync(join(GOLDEN, `${input}.mentions.jsonl`), mentions);
      writeFileSync(join(GOLDEN, `${input}.rejected.jsonl`), rejected);
      return;
    }
    expect(mentions).toBe(readFileSync(join(GOLDEN, `${input}.mentions.jsonl`), 'utf8'));
    expect(rejected).toBe(readFileSync(join(GOLDEN, `${input}.rejected.jsonl`), 'utf8'));
  });
});
