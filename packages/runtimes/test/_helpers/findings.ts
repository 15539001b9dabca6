import type { Finding } from '@aad/core';
import { RecordSource, toAuditItem, AuditFindingItem } from '../../src/audit';

/** A hand-built finding for tests (override any field). */
export function makeFinding(overrides: Partial<Finding> = {}): Finding {
  const id = overrides.finding_id ?? 'f-0001';
  return {
    finding_id: id,
    log_id: overrides.log_id ?? `evt-${id}`,
    entity_id: 'arn:aws:iam::111111111111:user/alice',
    entity_type: 'iam-user',
    risk_score: 85,
    severity: 'high',
    reasons: [
      {
        signal: 'catalogue',
        id: 'defense-evasion/stop-logging',
        contribution: 60,
        message: 'StopLogging on a trail',
      },
      { signal: 'rarity', id: 'rarity/source-ip', contribution: 25, message: 'new source IP', observed: '203.0.113.9' },
    ],
    mitre: [{ tactic: 'defense-evasion', technique: 'T1562.008' }],
    event_time: '2026-11-20T10:00:00Z',
    recommended_action: {
      kind: 'restore-logging',
      target: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/main',
      description: 'Start logging on the trail again',
    },
    event: {
      event_name: 'StopLogging',
      event_source: 'cloudtrail.amazonaws.com',
      aws_region: 'us-east-1',
      source_ip: '203.0.113.9',
      account_id: '111111111111',
    },
    ...overrides,
  };
}

export const S3_SOURCE: RecordSource = {
  kind: 's3',
  bucket: 'aad-dev-raw-logs-111111111111',
  key: 'AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/20/file.json.gz',
  version_id: 'v1',
  record_index: 3,
  record_sha256: 'a'.repeat(64),
};

/** The audit item of a test finding. */
export function makeItem(
  overrides: Partial<Finding> = {},
  recordedAt = new Date('2026-11-20T10:05:00Z'),
): AuditFindingItem {
  return toAuditItem(makeFinding(overrides), S3_SOURCE, {
    recordedAt,
    ttlDays: 180,
    modelPackage: 'model_package-20261120T000000Z.zip',
    alertThreshold: 70,
  });
}
