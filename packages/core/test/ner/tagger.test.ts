import { statSync } from 'node:fs';
import { AadError } from '../../src/errors';
import {
  DEFAULT_MODEL_PATH,
  HELD_OUT_SEED,
  NerTagger,
  serializeModel,
  shape,
  tokenize,
  trainTagger,
} from '../../src/ner';

describe('tokenizer', () => {
  it('splits on delimiters, drops sentence punctuation and slices back exactly', () => {
    const text =
      'Login by "alice" from 10.0.0.1:443, see s3://my-bucket/key and arn:aws:iam::123456789012:role/Adm... now.';
    const tokens = tokenize(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokens.map((t) => t.text)).toEqual([
      'Login',
      'by',
      'alice',
      'from',
      '10.0.0.1',
      '443',
      'see',
      'my-bucket',
      'and',
      'arn:aws:iam::123456789012:role/Adm...',
      'now',
    ]);
    expect(tokens.find((t) => t.text === 'my-bucket')?.s3Url).toBe(true);
    expect(tokenize('https://logs-1.s3.us-east-1.amazonaws.com/x')[0]).toMatchObject({ text: 'logs-1', s3Url: true });
    expect(tokenize('...')).toEqual([]);
  });

  it('computes collapsed shapes', () => {
    expect(shape('alice.smith')).toBe('a.a');
    expect(shape('AKIA1234')).toBe('A9');
  });
});

describe('tagger', () => {
  const tagger = NerTagger.load();

  it('labels context-dependent tokens and leaves look-alikes alone', () => {
    const tagged = tagger.tagLine(
      'Please add 123456789012 to the allow list for KMS key 1234abcd-12ab-34cd-56ef-1234567890ab',
    );
    expect(tagged.find((t) => t.text === '123456789012')?.label).toBe('aws-account-id');
    expect(tagged.find((t) => t.text.startsWith('1234abcd'))?.label).toBe('kms-key-id');
    const order = tagger.tagLine('Order 123456789012 shipped to customer Jane Doe (invoice 987654321098)');
    expect(order.filter((t) => t.label !== 'O')).toEqual([]);
    const fixed = tagger.tagLine('from 10.0.0.1');
    expect(fixed[1].recognition?.type).toBe('ipv4');
  });

  it('is a small committed artifact', () => {
    expect(statSync(DEFAULT_MODEL_PATH).size).toBeLessThan(5 * 1024 * 1024);
  });

  it('refuses incompatible models and unreadable files', () => {
    expect(() => new NerTagger({ ...tagger.model, featureSet: 'other/9' })).toThrow(AadError);
    expect(() => new NerTagger({ ...tagger.model, labels: ['O'] })).toThrow(/labels/);
    expect(() => NerTagger.load('/nonexistent/model.json')).toThrow(/cannot load tagger model/);
  });
});

describe('training', () => {
  it('is reproducible: the same seed gives a byte-identical model', () => {
    const a = trainTagger({ seed: 7, worlds: 1, linesPerWorld: 300, epochs: 2 });
    const b = trainTagger({ seed: 7, worlds: 1, linesPerWorld: 300, epochs: 2 });
    expect(serializeModel(a.model)).toBe(serializeModel(b.model));
    expect(a.metadata).toEqual(b.metadata);
    expect(a.metadata).toMatchObject({ seed: 7, heldOutSeed: HELD_OUT_SEED, lines: 300, epochs: 2 });
    const c = trainTagger({ seed: 8, worlds: 1, linesPerWorld: 300, epochs: 2 });
    expect(c.metadata.dataSha256).not.toBe(a.metadata.dataSha256);
  });

  it('refuses the held-out seed', () => {
    expect(() => trainTagger({ seed: HELD_OUT_SEED })).toThrow(/held-out/);
  });
});
