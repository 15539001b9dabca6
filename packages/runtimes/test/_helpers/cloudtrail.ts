import { gzipSync } from 'node:zlib';
import type { CloudTrailRecord, Finding } from '@aad/core';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { EnrichmentEngine, ScoringOutcome } from '../../src/enrichment';

export const RAW_BUCKET = 'aad-dev-raw-logs-111111111111';
export const KEY =
  'AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/20/111111111111_CloudTrail_us-east-1_20261120T1000Z_a.json.gz';

/** A CloudTrail event. */
export function ctEvent(i: number, overrides: Record<string, unknown> = {}): CloudTrailRecord {
  return {
    eventVersion: '1.09',
    eventTime: `2026-11-20T10:${String(i % 60).padStart(2, '0')}:00Z`,
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    eventID: `evt-${i}`,
    awsRegion: 'us-east-1',
    sourceIPAddress: '192.0.2.10',
    recipientAccountId: '111111111111',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111111111111:user/alice', accountId: '111111111111' },
    ...overrides,
  };
}

/** A gzipped CloudTrail log file. */
export function ctFile(records: readonly unknown[]): Buffer {
  return gzipSync(Buffer.from(JSON.stringify({ Records: records })));
}

/** An SQS record carrying an S3 notification. */
export function sqsRecord(
  key: string,
  options: { id?: string; versionId?: string; receiveCount?: number; bucket?: string } = {},
): SQSRecord {
  const body = {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        eventName: 'ObjectCreated:Put',
        s3: {
          bucket: { name: options.bucket ?? RAW_BUCKET },
          object: {
            key: encodeURIComponent(key).replace(/%2F/g, '/'),
            versionId: options.versionId ?? 'v1',
            size: 100,
          },
        },
      },
    ],
  };
  return {
    messageId: options.id ?? 'm-1',
    receiptHandle: 'rh',
    body: JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: '0',
      SenderId: 's',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:111111111111:aad-dev-ingest',
    awsRegion: 'us-east-1',
  };
}

export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

/**
 * A stand-in scoring engine for tests of persistence and publishing: StopLogging
 * scores 90 (alert), a GetObject from 198.51.100.0/24 scores 50 (recorded), the rest 10.
 */
export function fakeEngine(
  modelPackage = 'model_package-20261120T000000Z.zip',
): EnrichmentEngine & { learned: unknown[] } {
  const learned: unknown[] = [];
  return {
    modelPackage,
    learned,
    learn: async (delta) => void learned.push(delta),
    score: async (records): Promise<ScoringOutcome> => {
      const findings: Finding[] = [];
      for (const r of records) {
        const score =
          r.eventName === 'StopLogging' ? 90 : String(r.sourceIPAddress).startsWith('198.51.100.') ? 50 : 10;
        findings.push({
          finding_id: `f-${r.eventID}`,
          log_id: String(r.eventID),
          entity_id: String(r.userIdentity?.arn),
          entity_type: 'iam-user',
          risk_score: score,
          severity: score >= 90 ? 'critical' : score >= 40 ? 'medium' : 'low',
          reasons: [{ signal: 'catalogue', id: `test/${r.eventName}`, contribution: score, message: `${r.eventName}` }],
          mitre: score >= 90 ? [{ tactic: 'defense-evasion', technique: 'T1562.008' }] : [],
          event_time: String(r.eventTime),
          event: { event_name: r.eventName, account_id: r.recipientAccountId, aws_region: r.awsRegion },
        });
      }
      return { findings, profileDelta: { events: records.length } };
    },
  };
}
