import fc from 'fast-check';
import { userEvent } from './profile/profile-fixtures';
import { AnomalyDetector } from '../../src/anomaly/anomaly-detector';
import { toEventView } from '../../src/anomaly/event-view';
import { BaselineProfile } from '../../src/anomaly/profile/baseline-profile';
import { CloudTrailRecord } from '../../src/logs/cloudtrail-record';

const NAMES = [
  'GetObject',
  'StopLogging',
  'ListUsers',
  'CreateAccessKey',
  'PutBucketPolicy',
  'ScheduleKeyDeletion',
  'ConsoleLogin',
];
const SOURCES = ['s3', 'cloudtrail', 'iam', 'kms', 'signin'];

const eventArb: fc.Arbitrary<CloudTrailRecord> = fc
  .record({
    user: fc.constantFrom('alice', 'bob', 'mallory'),
    minute: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    name: fc.constantFrom(...NAMES),
    source: fc.constantFrom(...SOURCES),
    ip: fc.constantFrom('198.51.100.10', '203.0.113.66', '10.0.0.1', 'AWS Internal'),
    error: fc.constantFrom(undefined, undefined, 'AccessDenied', 'NoSuchKey'),
    region: fc.constantFrom('us-east-1', 'eu-west-1'),
    params: fc.constantFrom(
      null,
      { userName: 'bob' },
      { bucketName: 'b', bucketPolicy: { Statement: [{ Effect: 'Allow', Principal: '*' }] } },
    ),
  })
  .map((s) =>
    userEvent(s.user, s.minute, {
      eventName: s.name,
      eventSource: `${s.source}.amazonaws.com`,
      sourceIPAddress: s.ip,
      errorCode: s.error,
      awsRegion: s.region,
      requestParameters: s.params,
    }),
  );

function scores(events: readonly CloudTrailRecord[]): [string, number][] {
  const detector = new AnomalyDetector({ minScore: 0 });
  const findings = events.flatMap((e) => detector.observe(e));
  findings.push(...detector.flush());
  return findings.map((f) => [f.finding_id, f.risk_score]);
}

describe('AnomalyDetector (properties)', () => {
  it('never throws on arbitrary JSON records and scores stay within [0, 100]', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.object(),
            eventArb.map((e) => e as Record<string, unknown>),
          ),
          { maxLength: 20 },
        ),
        (records) => {
          const detector = new AnomalyDetector({ minScore: 0 });
          for (const r of records) {
            for (const f of detector.observe(r as CloudTrailRecord)) {
              expect(f.risk_score).toBeGreaterThanOrEqual(0);
              expect(f.risk_score).toBeLessThanOrEqual(100);
              expect(f.reasons.reduce((s, x) => s + x.contribution, 0)).toBeCloseTo(f.risk_score, 0);
            }
          }
          detector.flush();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never throws on arbitrary values passed as JSON objects', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const detector = new AnomalyDetector();
        const obj = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : { value };
        expect(() => detector.observeJson(obj)).not.toThrow();
        expect(() => detector.observe(obj as CloudTrailRecord)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic: the same input gives the same findings, ids and scores', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        expect(scores(events)).toEqual(scores(events));
      }),
      { numRuns: 60 },
    );
  });

  it('is monotone in familiarity: a baseline that has seen the event more often never scores it higher', () => {
    fc.assert(
      fc.property(eventArb, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), (event, a, b) => {
        const [few, many] = a < b ? [a, b] : [b, a];
        const score = (copies: number): number => {
          const profile = new BaselineProfile();
          const view = toEventView(userEvent('alice', 0));
          for (let i = 0; i < 30; i++) profile.observe({ ...view, timeMs: view.timeMs - (i + 1) * 3_600_000 });
          const target = toEventView(event);
          for (let i = 0; i < copies; i++) profile.observe({ ...target, timeMs: target.timeMs - (i + 1) * 60_000 });
          const detector = new AnomalyDetector({ profile, minScore: 0, learn: false });
          return detector.observe(event)[0]?.risk_score ?? 0;
        };
        expect(score(many)).toBeLessThanOrEqual(score(few) + 1e-9);
      }),
      { numRuns: 80 },
    );
  });
});
