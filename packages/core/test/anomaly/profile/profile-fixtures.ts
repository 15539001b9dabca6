import { CloudTrailRecord } from '../../../src/logs/cloudtrail-record';

/** A small benign event of `user` at `minute` minutes after the start. */
export function userEvent(
  user: string,
  minute: number,
  overrides: Partial<Record<string, unknown>> = {},
): CloudTrailRecord {
  return {
    eventTime: new Date(Date.UTC(2026, 10, 2, 9) + minute * 60_000).toISOString(),
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.10',
    userAgent: 'aws-cli/2.15.0 Python/3.11.6 Darwin/23.4.0',
    userIdentity: {
      type: 'IAMUser',
      arn: `arn:aws:iam::111122223333:user/${user}`,
      userName: user,
      accessKeyId: 'AKIAEXAMPLE0000USER',
    },
    requestParameters: { bucketName: 'example-reports', key: 'q3.csv' },
    eventID: `${user}-${minute}`,
    recipientAccountId: '111122223333',
    ...overrides,
  };
}
