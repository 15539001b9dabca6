import fc from 'fast-check';
import { NerTagger, TAG_LABELS, tokenize, tokenizeInto, TokenSpans } from '../../src/ner';

const tagger = NerTagger.load();

/** Lines made of words, ids, addresses, URLs and punctuation. */
const line = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        'account',
        '123456789012',
        'key',
        '1234abcd-12ab-34cd-56ef-1234567890ab',
        'bucket',
        'logs-prod',
        'role',
        'deploy-role',
        '10.0.0.1:443',
        's3://b-1/k',
        'https://logs-1.s3.us-east-1.amazonaws.com/x',
        'arn:aws:iam::123456789012:role/Adm...',
        'sg-0123abcd',
        '2001:db8::1',
        'é€😀',
        ', ',
        '. ',
        ' ',
      ),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(' '));

describe('tagging without token objects', () => {
  it('tagSpans and tagLine agree with tag(tokenize(text))', () => {
    fc.assert(
      fc.property(line, (text) => {
        // Prepare
        const expected = tagger.tag(tokenize(text));
        // Act
        const viaLine = tagger.tagLine(text);
        const spans = tagger.tagSpans(text);
        // Assess
        expect(viaLine).toEqual(expected);
        expect(spans.spans.count).toBe(expected.length);
        for (let k = 0; k < expected.length; k++) {
          expect(text.slice(spans.spans.start[k], spans.spans.end[k])).toBe(expected[k].text);
          expect(TAG_LABELS[spans.label[k]]).toBe(expected[k].label);
          expect(spans.recognition[k]).toEqual(expected[k].recognition);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('grows its buffers for long lines and reuses them', () => {
    // Prepare
    const spans = new TokenSpans();
    const long = Array.from({ length: 500 }, (_, i) => `w${i}`).join(' ');
    // Act
    tokenizeInto(long, spans);
    const count = spans.count;
    tokenizeInto('a b', spans);
    // Assess
    expect(count).toBe(500);
    expect(spans.start.length).toBeGreaterThanOrEqual(500);
    expect(spans.count).toBe(2);
    expect(tagger.tagSpans(long).spans.count).toBe(500);
  });
});
