import { Readable } from 'node:stream';
import fc from 'fast-check';
import { JsonRecordSplitter, lines, LogRecord, readLogBatches, readLogs, RejectedRecord } from '../../src/logs';
import { classifyJson, jsonError } from '../../src/logs/read-logs';

/** Feeds `bytes` in chunks of the given sizes (cycled). */
function chunked(bytes: Buffer, sizes: readonly number[]): Readable {
  return Readable.from(
    (function* () {
      let k = 0;
      for (let at = 0; at < bytes.length; k++) {
        const size = sizes[k % sizes.length];
        yield bytes.subarray(at, at + size);
        at += size;
      }
    })(),
  );
}

/** What a Records file must give: every element split by the scanner alone, parsed one by one. */
function reference(source: string, bytes: Buffer): { records: LogRecord[]; rejected: RejectedRecord[] } {
  const splitter = new JsonRecordSplitter('records');
  const records: LogRecord[] = [];
  const rejected: RejectedRecord[] = [];
  for (const element of [...splitter.push(bytes), ...splitter.end()]) {
    if ('error' in element) {
      rejected.push({ source, index: element.index, reason: element.error });
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(element.text);
    } catch (error) {
      rejected.push({ source, index: element.index, reason: jsonError(error) });
      continue;
    }
    const record = classifyJson(value, source, undefined, element.index);
    if (typeof record === 'string') rejected.push({ source, index: element.index, reason: record });
    else records.push(record);
  }
  return { records, rejected };
}

async function read(
  source: string,
  data: Readable | Buffer,
): Promise<{ records: LogRecord[]; rejected: RejectedRecord[]; batches: number }> {
  const records: LogRecord[] = [];
  const rejected: RejectedRecord[] = [];
  let batches = 0;
  for await (const batch of readLogBatches({ source, data }, { onReject: (r) => rejected.push(r) })) {
    expect(batch.length).toBeGreaterThan(0);
    batches++;
    records.push(...batch);
  }
  return { records, rejected, batches };
}

/** Elements that make the fast path guess wrong: nested arrays of objects, `},{` in strings, bad records. */
const element = fc.oneof(
  { weight: 6, arbitrary: fc.record({ id: fc.nat(), pad: fc.string({ minLength: 50, maxLength: 400 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      id: fc.nat(),
      resources: fc.array(fc.record({ ARN: fc.constant('arn:aws:s3:::b'), n: fc.nat() }), { maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ id: fc.nat(), policy: fc.constant('{"a":1},{"b":[{"c":2},{"d":3}]}') }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);
const elementText = fc.oneof(
  {
    weight: 12,
    arbitrary: element.map((e) =>
      JSON.stringify(typeof e === 'object' && e !== null && !Array.isArray(e) ? { eventName: 'X', ...e } : e),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('{"eventName":"X","bad":tru}', '{"eventName":"X",}', '42', '"s"', 'null') },
);

describe('readLogBatches on Records files', () => {
  it('gives exactly what scanning alone gives, whatever the content and chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(elementText, { minLength: 20, maxLength: 200 }),
        fc.array(fc.integer({ min: 1, max: 40_000 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(',', ', ', ',\n  '),
        async (elements, sizes, separator) => {
          // Prepare
          const bytes = Buffer.from(`{"Records":[${elements.join(separator)}]}`);
          // Act
          const got = await read('t.json', chunked(bytes, sizes));
          // Assess
          expect(got).toEqual({ ...reference('t.json', bytes), batches: got.batches });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('parses long runs of records at once and still reports a bad record by its index', async () => {
    // Prepare: 3 MiB of records with nested `},{` and one malformed record in the middle
    const elements: string[] = [];
    for (let i = 0; i < 6000; i++) {
      elements.push(
        i === 3000
          ? '{"eventName":"X","broken":}'
          : JSON.stringify({
              eventVersion: '1.09',
              eventID: `e${i}`,
              resources: [{ ARN: 'arn:aws:s3:::a' }, { ARN: 'arn:aws:s3:::b' }],
              requestParameters: { policy: '{"x":1},{"y":2}', pad: 'p'.repeat(i % 500) },
            }),
      );
    }
    const bytes = Buffer.from(`{"Records":[${elements.join(',')}]}`);
    // Act
    const got = await read('big.json', bytes);
    // Assess
    expect(got.records).toHaveLength(5999);
    expect(got.records[4999].log_id).toBe('e5000');
    expect(got.records[4999].location).toEqual({ source: 'big.json', index: 5000 });
    expect(got.rejected).toEqual([{ source: 'big.json', index: 3000, reason: expect.stringMatching(/^invalid JSON/) }]);
    expect(got.batches).toBeGreaterThan(1);
  });

  it('reads the same records through readLogs, one at a time', async () => {
    // Prepare
    const bytes = Buffer.from(
      `{"Records":[${Array.from({ length: 500 }, (_, i) => JSON.stringify({ eventID: `e${i}`, pad: 'x'.repeat(100) })).join(',')}]}`,
    );
    // Act
    const ids: string[] = [];
    for await (const record of readLogs({ source: 's', data: chunked(bytes, [7000]) })) ids.push(record.log_id);
    // Assess
    expect(ids).toEqual(Array.from({ length: 500 }, (_, i) => `e${i}`));
  });
});

describe('readLogBatches on lines', () => {
  it('splits JSON Lines in any chunking like a whole buffer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(elementText, fc.constant(''), fc.constant('{"eventName":"é€😀"}')), { maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('\n', '\r\n'),
        async (jsonLines, sizes, eol) => {
          // Prepare
          const bytes = Buffer.from(jsonLines.join(eol));
          // Act
          const whole = await read('l.jsonl', bytes);
          const split = await read('l.jsonl', chunked(bytes, sizes));
          // Assess
          expect({ ...split, batches: 0 }).toEqual({ ...whole, batches: 0 });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('reading line by line', () => {
  it('detects the kind on the whole first line when a stream delivers it in pieces', async () => {
    // Prepare: a pretty-printed Records file whose first chunk is a lone `{`
    const text = '{\n "Records": [\n  {"eventName": "A", "eventID": "a"}\n ]\n}\n';
    // Act
    const got = await read('slow.json', chunked(Buffer.from(text), [1, 2, 3]));
    // Assess
    expect(got.records.map((r) => [r.log_id, r.location])).toEqual([['a', { source: 'slow.json', index: 0 }]]);
  });

  it('keeps the async lines() splitter for callers that use it', async () => {
    // Prepare
    const chunks = Readable.from([
      Buffer.from('a\r\nb'),
      Buffer.from('c\n'),
      Buffer.from('x'.repeat(20)),
      Buffer.from('\nlast'),
    ]);
    // Act
    const got: unknown[] = [];
    for await (const line of lines(chunks, 10)) got.push(line);
    // Assess
    expect(got).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'bc' },
      { line: 3, error: 'line longer than 10 bytes' },
      { line: 4, text: 'last' },
    ]);
  });
});
