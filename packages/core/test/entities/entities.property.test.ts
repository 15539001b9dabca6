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

  it('the scan of a field finds every single-token entity the recognizers know (UUIDs, dates and ids around them)', () => {
    // The scan skips values by their first characters before it asks the recognizers: that
    // shortcut must never skip a value they would recognize.
    const token = fc.oneof(
      fc.uuid(),
      fc.uuid().map((u) => u.toUpperCase()),
      fc.stringMatching(/^[0-9a-fA-F.:\-/]{3,24}$/),
      fc.stringMatching(/^(a|A|ar|arn|al|alias|AKIA|ASIA|vpc|sg|i|eni|subnet|vpce)[-:/.]?[0-9a-zA-Z.:/-]{0,24}$/),
      fc.constantFrom(
        '2026-11-07T00:00:00Z',
        '1.2.3.4',
        '001.2.3.4',
        '1234.5.6.7',
        '10.0.0.1/24',
        '10.0.0.1.',
        'AKIAIOSFODNN7EXAMPLE',
        'AKIAIOSFODNN7EXAMPLE.',
        'ASIAIOSFODNN7EXAMPLEX',
        'alias/prod',
        'arn:aws:iam::123456789012:role/x',
        'arn:aws:iam::123456789012:role/x...',
        'a::1',
        'fe80::1',
        '::1',
        '2001:db8::1',
        'vpc-0123abcd',
        'i-0123456789abcdef0',
      ),
    );
    fc.assert(
      fc.property(token, (value) => {
        if (/[\s"'`()[\]{}<>,;=|]/.test(value)) return;
        const record = classifyJson({ note: value }, 's', 1, undefined);
        if (typeof record === 'string') throw new Error(record);
        const found = extractEntities(record).map((m) => m.entity_id);
        // The scan reads a single token without its trailing sentence punctuation (a truncated ARN keeps its dots).
        let end = value.length;
        while (end > 0 && '.:!?'.includes(value[end - 1])) end--;
        const text = /^arn:/i.test(value) && value.endsWith('...') ? value : value.slice(0, end);
        const r = text.length > 0 ? recognizeUnambiguous(text) : undefined;
        if (r) expect(found).toContain(r.entity_id);
      }),
      { numRuns: 3000 },
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
