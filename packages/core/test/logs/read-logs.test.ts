import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import {
  formatRejectedRecord,
  JsonRecordSplitter,
  LogRecord,
  newReadStats,
  readLogs,
  ReadLogsOptions,
  RejectedRecord,
  stableLogId,
} from '../../src/logs';
import { jsonError } from '../../src/logs/read-logs';
import { isVpcFlowV2Line, parseVpcFlowHeader } from '../../src/logs/vpc-flow';

async function collect(
  input: Parameters<typeof readLogs>[0],
  options: ReadLogsOptions = {},
): Promise<{ records: LogRecord[]; rejected: RejectedRecord[] }> {
  const rejected: RejectedRecord[] = [];
  const records: LogRecord[] = [];
  for await (const r of readLogs(input, { onReject: (x) => rejected.push(x), ...options })) records.push(r);
  return { records, rejected };
}

/** Feeds bytes one at a time: every chunk boundary is exercised. */
function byteStream(text: string): Readable {
  const bytes = Buffer.from(text);
  return Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
    })(),
  );
}

const RECORDS =
  '{"Records":[{"eventID":"a","eventName":"X","msg":"he said \\"}\\" {ok} [x]"},{"eventName":"Y","userIdentity":{"arn":"arn:aws:iam::123456789012:user/bob"}},42,{"bad":tru}]}';

describe('readLogs', () => {
  it('splits a CloudTrail Records file, keeping record indexes and reporting bad elements', async () => {
    const { records, rejected } = await collect({ source: 'trail.json', data: Buffer.from(RECORDS) });
    expect(records.map((r) => r.log_id)).toEqual(['a', stableLogId('trail.json', undefined, 1)]);
    expect(records[1].location).toEqual({ source: 'trail.json', index: 1 });
    expect(rejected).toEqual([
      { source: 'trail.json', index: 2, reason: 'not an object: a record must be a JSON object, found a number' },
      { source: 'trail.json', index: 3, reason: expect.stringMatching(/^invalid JSON: /) },
    ]);
  });

  it('gives the same records when the bytes arrive one at a time', async () => {
    const whole = await collect({ source: 's', data: Buffer.from(RECORDS) });
    const split = await collect({ source: 's', data: byteStream(RECORDS) });
    expect(split).toEqual(whole);
  });

  it('reads gzip by content, from a file path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aad-read-'));
    const file = join(dir, 'trail.json.gz');
    writeFileSync(file, gzipSync(Buffer.from(RECORDS)));
    const stats = newReadStats();
    const { records } = await collect(file, { stats });
    expect(records).toHaveLength(2);
    expect(stats).toMatchObject({ records: 2, rejected: 2 });
    expect(stats.bytes).toBe(Buffer.byteLength(RECORDS));
  });

  it('reports a truncated Records file and a file without Records', async () => {
    const truncated = await collect({
      source: 't',
      data: Buffer.from('{"Records":[{"eventName":"A"},{"eventName":"B"'),
    });
    expect(truncated.records).toHaveLength(1);
    expect(truncated.rejected).toEqual([
      { source: 't', index: 1, reason: 'truncated: the input ends inside this record' },
    ]);
    const none = await collect({ source: 'n', data: Buffer.from('{\n"Other": []\n}') });
    expect(none.rejected).toEqual([{ source: 'n', reason: 'no "Records" array found in this CloudTrail file' }]);
  });

  it('reads a top-level JSON array and a pretty-printed Records file', async () => {
    const array = await collect({ source: 'a', data: Buffer.from('[{"eventName":"A"}, "x"]') });
    expect(array.records).toHaveLength(1);
    expect(array.rejected[0].reason).toBe('not an object: a record must be a JSON object, found a string');
    const pretty = await collect({
      source: 'p',
      data: Buffer.from('{\n  "Records": [\n    {"eventName": "A", "eventID": "e"}\n  ]\n}\n'),
    });
    expect(pretty.records.map((r) => r.log_id)).toEqual(['e']);
  });

  it('reads JSON Lines: CloudTrail events, EventBridge envelopes, other JSON, whole Records lines', async () => {
    const text = [
      '{"eventName":"A","eventID":"e1"}',
      '',
      '{not json',
      '{"detail-type":"AWS API Call via CloudTrail","source":"aws.s3","id":"env","detail":{"eventName":"B"}}',
      '{"srcAddr":"1.1.1.1"}',
      '{"Records":[{"eventName":"C","eventID":"e3"},7]}',
      '[1]',
    ].join('\r\n');
    const { records, rejected } = await collect({ source: 'l.jsonl', data: Buffer.from(text) });
    expect(records.map((r) => [r.kind, r.log_id, r.location.line])).toEqual([
      ['cloudtrail', 'e1', 1],
      ['cloudtrail', 'env', 4],
      ['json', stableLogId('l.jsonl', 5), 5],
      ['cloudtrail', 'e3', 6],
    ]);
    expect(records[1]).toMatchObject({ envelope: 'eventbridge' });
    expect(rejected.map((r) => formatRejectedRecord(r))).toEqual([
      expect.stringMatching(/^l\.jsonl:3: invalid JSON/),
      'l.jsonl:6#1: not an object: a record must be a JSON object, found a number',
      'l.jsonl:7: not an object: a record must be a JSON object, found an array',
    ]);
  });

  it('reads VPC flow logs: v2 lines, header-defined v5 lines, dashes, bad lines', async () => {
    const v2 = await collect({
      source: 'v2',
      data: Buffer.from(
        '2 123456789012 eni-0a1b2c3d 10.0.0.1 1.2.3.4 443 5000 6 10 840 1 2 ACCEPT OK\n2 - - - - - - - - - 1 2 - NODATA\n',
      ),
    });
    expect(v2.records).toHaveLength(2);
    expect(v2.records[1]).toMatchObject({ kind: 'vpcflow', fields: { srcaddr: undefined, 'log-status': 'NODATA' } });
    const v5 = await collect({
      source: 'v5',
      data: Buffer.from('version vpc-id srcaddr dstaddr\n5 vpc-0abc 10.0.0.1 10.0.0.2\n5 - 1.1.1.1\n'),
    });
    expect(v5.records[0]).toMatchObject({
      kind: 'vpcflow',
      columns: ['version', 'vpc-id', 'srcaddr', 'dstaddr'],
      fields: { 'vpc-id': 'vpc-0abc' },
    });
    expect(v5.rejected).toEqual([{ source: 'v5', line: 3, reason: 'flow log line has 3 fields, the format has 4' }]);
    expect(parseVpcFlowHeader('${version} ${srcaddr}')).toEqual(['version', 'srcaddr']);
    expect(parseVpcFlowHeader('hello world')).toBeUndefined();
    expect(isVpcFlowV2Line('2 a b c d e f g h i j k ACCEPT OK')).toBe(true);
  });

  it('reads free text line by line, from stdin and from a Readable, skipping blank lines', async () => {
    const stdin = Readable.from([Buffer.from('User alice logged in\n\nfrom 10.0.0.1')]);
    const { records } = await collect('-', { stdin });
    expect(records.map((r) => (r.kind === 'text' ? [r.text, r.location.line] : r.kind))).toEqual([
      ['User alice logged in', 1],
      ['from 10.0.0.1', 3],
    ]);
    const stream = await collect(Readable.from([Buffer.from('a b c\n')]));
    expect(stream.records[0].location.source).toBe('stream');
    const forced = await collect(Buffer.from('{"a":1}\n'), { kind: 'text' });
    expect(forced.records[0]).toMatchObject({ kind: 'text', location: { source: 'buffer' } });
  });

  it('rejects over-long lines and unreadable inputs without throwing', async () => {
    const long = await collect(
      { source: 'x', data: Buffer.from(`short\n${'y'.repeat(100)}\nlast`) },
      { kind: 'text', maxLineBytes: 50 },
    );
    expect(long.records.map((r) => r.location.line)).toEqual([1, 3]);
    expect(long.rejected).toEqual([{ source: 'x', line: 2, reason: 'line longer than 50 bytes' }]);
    const missing = await collect('/nonexistent/file.log');
    expect(missing.rejected[0].reason).toMatch(/^cannot read input: ENOENT/);
    const badGzip = await collect({ source: 'g', data: Buffer.from([0x1f, 0x8b, 1, 2, 3, 4]) });
    expect(badGzip.rejected[0].reason).toMatch(/^cannot read input/);
    const empty = await collect({ source: 'e', data: Buffer.alloc(0) });
    expect(empty).toEqual({ records: [], rejected: [] });
  });

  it('keeps rejections in stats when no callback is given', async () => {
    const stats = newReadStats();
    for await (const record of readLogs({ source: 's', data: Buffer.from('{bad\n') }, { stats })) {
      expect(record).toBeUndefined();
    }
    expect(stats.rejections).toHaveLength(1);
  });

  it('never echoes record content in a JSON error', () => {
    let error: unknown;
    try {
      JSON.parse('{"secretAccessKey":"wJalrXUtnFEMI/K7MDENG", x}');
    } catch (e) {
      error = e;
    }
    expect(jsonError(error)).not.toMatch(/wJalr/);
  });

  it('splits elements of a nested Records array only', () => {
    const splitter = new JsonRecordSplitter('records');
    const out = splitter.push(Buffer.from('{"meta":{"Records":[1]},"Records":[{"a":[{"b":1}]}],"tail":[{"c":2}]}'));
    expect(out).toEqual([{ index: 0, text: '{"a":[{"b":1}]}' }]);
    expect(splitter.end()).toEqual([]);
    expect(splitter.count).toBe(1);
  });
});
