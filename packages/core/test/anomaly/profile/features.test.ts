import { toEventView } from '../../../src/anomaly/event-view';
import { hash53 } from '../../../src/anomaly/hash';
import { featureHashes, featureValues, resourceOf } from '../../../src/anomaly/profile/features';

const view = (eventSource: string, requestParameters: unknown, extra: Record<string, unknown> = {}) =>
  toEventView({
    eventTime: '2026-11-02T09:00:00Z',
    eventSource,
    eventName: 'Call',
    requestParameters,
    ...extra,
  });

describe('resourceOf', () => {
  it.each([
    ['s3.amazonaws.com', { bucketName: 'logs' }, 's3:logs'],
    ['s3.amazonaws.com', { bucketname: 'logs' }, 's3:logs'],
    ['kms.amazonaws.com', { keyId: 'arn:aws:kms:us-east-1:1:key/k-1' }, 'kms:k-1'],
    ['kms.amazonaws.com', { keyId: 'alias/prod' }, 'kms:prod'],
    [
      'secretsmanager.amazonaws.com',
      { secretId: 'arn:aws:secretsmanager:us-east-1:1:secret:db-AbCdEf' },
      'secretsmanager:db',
    ],
    ['ssm.amazonaws.com', { name: '/app/key' }, 'ssm:/app/key'],
    ['dynamodb.amazonaws.com', { tableName: 'orders' }, 'dynamodb:orders'],
    ['lambda.amazonaws.com', { functionName: 'arn:aws:lambda:us-east-1:1:function:f:1' }, 'lambda:f'],
    ['s3.amazonaws.com', { bucketName: '' }, ''],
    ['s3.amazonaws.com', { bucketName: 7 }, ''],
    ['s3.amazonaws.com', 'not an object', ''],
    ['s3.amazonaws.com', null, ''],
    ['ec2.amazonaws.com', { bucketName: 'logs' }, ''],
    ['constructor.amazonaws.com', { bucketName: 'logs' }, ''],
  ])('%s %j → %s', (source, parameters, expected) => {
    expect(resourceOf(view(source, parameters))).toBe(expected);
  });

  it('reads lowercase request parameters and falls back to the key ARN in resources for KMS', () => {
    const lower = toEventView({
      eventsource: 'dynamodb.amazonaws.com',
      eventName: 'GetItem',
      requestparameters: { tablename: 't' },
    });
    expect(resourceOf(lower)).toBe('dynamodb:t');
    const kms = view('kms.amazonaws.com', {}, { resources: [{ ARN: 'arn:aws:kms:us-east-1:1:key/k-2' }] });
    expect(resourceOf(kms)).toBe('kms:k-2');
  });

  it('gives the resource key its profile hash, and the same key string to every event naming it', () => {
    const a = view('s3.amazonaws.com', { bucketName: 'shared-bucket' });
    const b = view('s3.amazonaws.com', { bucketName: ['shared', 'bucket'].join('-') });
    const values = featureValues(a);
    const hashes = new Array<number>(values.length).fill(0);
    featureHashes(a, values, hashes);
    expect(values[6]).toBe('s3:shared-bucket');
    expect(hashes[6]).toBe(hash53('s3:shared-bucket'));
    // Hashes follow the values handed in, whichever event was read last.
    const other = featureValues(view('dynamodb.amazonaws.com', { tableName: 'x' }));
    featureHashes(a, values, hashes);
    expect(hashes[6]).toBe(hash53('s3:shared-bucket'));
    featureHashes(a, other, hashes);
    expect(hashes[6]).toBe(hash53('dynamodb:x'));
    expect(featureValues(b)[6]).toBe(values[6]);
  });
});
