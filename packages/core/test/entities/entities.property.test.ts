import fc from 'fast-check';
import {
  extractEntities,
  extractFromText,
  normalizeEntityId,
  recognizeUnambiguous,
  ENTITY_TYPES,
} from '../../src/entities';
import { classifyJson } from '../../src/logs';
import { NerTagger, tokenize } from '../../src/ner';

const tagger = NerTagger.load();
const base = { log_id: 'l', source: 's', line: 1 };

/** Strings rich in entity-like pieces. */
const piece = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'arn:aws:iam::123456789012:role/x',
    '10.0.0.1',
    '2001:db8::1',
    'AKIAIOSFODNN7EXAMPLE',
    'sg-0123abcd',
    '123456789012',
    's3://b-1/k',
    'alias/x',
    ' ',
    '.',
    ':',
    '"',
    '...',
  ),
);
const texty = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

describe('extraction properties', () => {
  it('never throws on arbitrary text, and offsets slice back to the text', () => {
    fc.assert(
      fc.property(texty, (text) => {
        for (const m of extractFromText(text, base, { tagger })) expect(text.slice(m.start, m.end)).toBe(m.text);
        for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary JSON records', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const record = classifyJson({ eventName: 'X', payload: value, requestParameters: value }, 's', 1, undefined);
        if (typeof record !== 'string') extractEntities(record, { tagger });
      }),
      { numRuns: 200 },
    );
  });

  it('normalization is idempotent', () => {
    fc.assert(
      fc.property(texty, fc.constantFrom(...ENTITY_TYPES), (text, type) => {
        const once = normalizeEntityId(type, text);
        expect(normalizeEntityId(type, once)).toBe(once);
        const r = recognizeUnambiguous(text);
        if (r) expect(recognizeUnambiguous(r.entity_id)?.entity_id ?? r.entity_id).toBe(r.entity_id);
      }),
      { numRuns: 300 },
    );
  });
});
