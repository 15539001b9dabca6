import {
  isUuid,
  normalizeEntityId,
  recognizeAccessKeyId,
  recognizeAccountId,
  recognizeArn,
  recognizeAs,
  recognizeBucketName,
  recognizeEc2Id,
  recognizeIamName,
  recognizeIp,
  recognizeIpv4,
  recognizeIpv6,
  recognizeKmsAlias,
  recognizeKmsKeyId,
  recognizeUnambiguous,
  nonconformingId,
} from '../../src/entities';

describe('IPv4', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1', 'private', []],
    ['8.8.8.8', '8.8.8.8', 'public', []],
    ['127.0.0.1', '127.0.0.1', 'private', []],
    ['0.0.0.0', '0.0.0.0', 'reserved', []],
    ['224.0.0.5', '224.0.0.5', 'reserved', []],
    ['100.64.1.1', '100.64.1.1', 'private', []],
    ['010.001.002.003', '10.1.2.3', 'private', ['leading-zeros']],
    ['0.0.0.0/0', '0.0.0.0/0', 'reserved', ['cidr']],
    ['198.51.100.7', '198.51.100.7', 'reserved', []],
  ])('accepts %s as %s (%s)', (text, id, cls, flags) => {
    expect(recognizeIpv4(text)).toEqual({
      type: 'ipv4',
      entity_id: id,
      flags,
      detail: expect.objectContaining({ ip_class: cls }),
    });
  });

  it.each(['256.1.1.1', '1.2.3', '1.2.3.4.5', '1..2.3', 'a.b.c.d', '1.2.3.4/33', '1.2.3.4/x', '1234.1.1.1', ''])(
    'rejects %p',
    (text) => {
      expect(recognizeIpv4(text)).toBeUndefined();
    },
  );
});

describe('IPv6', () => {
  it.each([
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1', ['uppercase']],
    ['::1', '::1', []],
    ['fe80::1%eth0', 'fe80::1', ['zone-index']],
    ['::ffff:10.0.0.1', '::ffff:10.0.0.1', ['ipv4-mapped']],
    ['2600:1700::/32', '2600:1700::/32', ['cidr']],
  ])('accepts %s as %s', (text, id, flags) => {
    expect(recognizeIpv6(text)).toMatchObject({ type: 'ipv6', entity_id: id, flags });
  });

  it.each(['12:34:56', '::', 'aws:kms', 'fe80::1%', '1:2:3:4:5:6:7:8:9', 'gg::1', '::1/129', 'x'])(
    'rejects %p',
    (text) => {
      expect(recognizeIpv6(text)).toBeUndefined();
    },
  );

  it('classifies global and unique-local addresses', () => {
    expect(recognizeIp('2600:1700::1')?.detail?.ip_class).toBe('public');
    expect(recognizeIp('fd00::1')?.detail?.ip_class).toBe('private');
  });
});

describe('ARN', () => {
  it.each([
    ['arn:aws:iam::123456789012:role/Admin', 'iam-role-arn', []],
    ['arn:aws:iam::123456789012:role/service-role/Admin', 'iam-role-arn', ['path']],
    ['arn:aws:iam::123456789012:user/bob', 'iam-user-arn', []],
    ['arn:aws-us-gov:sts::123456789012:assumed-role/Admin/bob@example.com', 'assumed-role-arn', []],
    ['arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'kms-key-arn', []],
    ['arn:aws:kms:us-east-1:123456789012:alias/app', 'kms-alias-arn', []],
    ['arn:aws:s3:::bucket/*', 'arn', ['wildcard']],
    ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn', ['aws-managed']],
    ['arn:aws:lambda:us-east-1:123456789012:function:f:PROD', 'arn', []],
    ['arn:aws:iam::123456789012:role/Very...', 'iam-role-arn', ['truncated']],
    ['arn:aws:sts::98765432:assumed-role/IAM/alice', 'assumed-role-arn', ['nonstandard-length']],
    ['ARN:AWS:IAM::123456789012:user/Bob', 'iam-user-arn', ['uppercase']],
  ])('parses %s', (text, type, flags) => {
    expect(recognizeArn(text)).toMatchObject({ type, flags });
  });

  it('drops every trailing truncation mark, so normalizing twice changes nothing', () => {
    const once = recognizeArn('arn:aws:iam::123456789012:role/x......');
    expect(once).toMatchObject({ entity_id: 'arn:aws:iam::123456789012:role/x', flags: ['truncated'] });
    expect(recognizeArn(once?.entity_id ?? '')?.entity_id).toBe(once?.entity_id);
  });

  it('normalizes partition, service and region but keeps the resource case', () => {
    expect(recognizeArn('arn:AWS:S3:::My-Legacy-Bucket')?.entity_id).toBe('arn:aws:s3:::My-Legacy-Bucket');
    expect(recognizeArn('arn:aws:ec2:us-east-1:123456789012:instance/i-0abc')?.detail).toEqual({
      partition: 'aws',
      service: 'ec2',
      region: 'us-east-1',
      account_id: '123456789012',
      resource: 'instance/i-0abc',
    });
  });

  it.each([
    'arn:aws:iam::1234',
    'arn:azure:iam::123456789012:role/x',
    'arn:aws:IAM!:::x',
    'arn:aws:iam:notaregion:123456789012:role/x',
    'arn:aws:iam::abc:role/x',
    'arn:aws:iam::123456789012:',
    'arn:aws:iam::123456789012:role/a b',
    'arn:aws',
    'arn:aws:sts::123456789012:assumed-role/OnlyRole',
  ])('rejects %p or types it plainly', (text) => {
    const r = recognizeArn(text);
    if (r) expect(r.type).toBe('arn');
  });
});

describe('ids', () => {
  it('recognizes account ids, strict and lenient', () => {
    expect(recognizeAccountId('123456789012')?.entity_id).toBe('123456789012');
    expect(recognizeAccountId('1234-5678-9012')?.entity_id).toBe('123456789012');
    expect(recognizeAccountId('987654321')).toBeUndefined();
    expect(recognizeAccountId('987654321', { lenient: true })?.flags).toEqual(['nonstandard-length']);
    expect(recognizeAccountId('12345678901a')).toBeUndefined();
  });

  it('recognizes access key ids and never a secret key', () => {
    expect(recognizeAccessKeyId('AKIAIOSFODNN7EXAMPLE')).toMatchObject({
      entity_id: 'AKIAIOSFODNN7EXAMPLE',
      detail: { key_kind: 'long-term' },
    });
    expect(recognizeAccessKeyId('ASIAXXXXNLMHSP3MFXX')).toBeUndefined();
    expect(recognizeAccessKeyId('ASIAXXXXNLMHSP3MFXX', { lenient: true })?.flags).toEqual(['nonstandard-length']);
    expect(recognizeAccessKeyId('akiaiosfodnn7example', { lenient: true })?.flags).toEqual(['uppercase']);
    expect(recognizeAccessKeyId('akiaiosfodnn7example')).toBeUndefined();
    expect(recognizeAccessKeyId('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBeUndefined();
    expect(recognizeAccessKeyId('AKIA-OSFODNN7EXAMPLE')).toBeUndefined();
    expect(recognizeAccessKeyId('1111', { lenient: true })).toBeUndefined();
  });

  it.each([
    ['vpc-0a1b2c3d', 'vpc-id'],
    ['subnet-0123456789abcdef0', 'subnet-id'],
    ['sg-0123456789abcdef0', 'security-group-id'],
    ['eni-0123456789abcdef0', 'eni-id'],
    ['i-0123456789abcdef0', 'instance-id'],
    ['vpce-0123456789abcdef0', 'vpc-endpoint-id'],
  ])('recognizes EC2 id %s', (text, type) => {
    expect(recognizeEc2Id(text)?.type).toBe(type);
  });

  it('handles odd EC2 ids by rule', () => {
    expect(recognizeEc2Id('I-0123456789ABCDEF0')).toMatchObject({
      entity_id: 'i-0123456789abcdef0',
      flags: ['uppercase'],
    });
    expect(recognizeEc2Id('i-1111')).toBeUndefined();
    expect(recognizeEc2Id('i-1111', { lenient: true })?.flags).toEqual(['nonstandard-length']);
    expect(recognizeEc2Id('i-xyz')).toBeUndefined();
    expect(recognizeEc2Id('ami-0123456789abcdef0')).toBeUndefined();
    expect(nonconformingId('instance-id', 'testinstanceid')?.flags).toEqual(['nonconforming']);
    expect(nonconformingId('instance-id', 'a b')).toBeUndefined();
  });

  it('recognizes KMS key ids and aliases', () => {
    expect(recognizeKmsKeyId('1234ABCD-12ab-34cd-56ef-1234567890ab')).toMatchObject({
      entity_id: '1234abcd-12ab-34cd-56ef-1234567890ab',
      flags: ['uppercase'],
    });
    expect(recognizeKmsKeyId('mrk-1234abcd12ab34cd56ef1234567890ab')?.flags).toEqual(['multi-region']);
    expect(recognizeKmsKeyId('1234abcd')).toBeUndefined();
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(recognizeKmsAlias('alias/aws/s3')?.flags).toEqual(['aws-managed']);
    expect(recognizeKmsAlias('alias/')).toBeUndefined();
  });

  it('validates S3 bucket and IAM names', () => {
    expect(recognizeBucketName('my-bucket.logs')?.type).toBe('s3-bucket');
    for (const bad of ['ab', 'My_Bucket', '192.168.1.1', 'a..b', 'xn--abc', 'bucket-s3alias', '-abc', 'a-.b']) {
      expect(recognizeBucketName(bad)).toBeUndefined();
    }
    expect(recognizeBucketName('My_Bucket', { legacy: true })?.flags).toEqual(['legacy-name']);
    expect(recognizeIamName('alice.smith@example.com', 'iam-user-name')?.type).toBe('iam-user-name');
    expect(recognizeIamName('a/b', 'iam-role-name')).toBeUndefined();
  });
});

describe('dispatch and normalization', () => {
  it.each([
    ['arn:aws:iam::123456789012:role/Admin', 'iam-role-arn'],
    ['AKIAIOSFODNN7EXAMPLE', 'access-key-id'],
    ['alias/app-data', 'kms-alias'],
    ['10.1.2.3', 'ipv4'],
    ['2001:db8::1', 'ipv6'],
    ['sg-0123456789abcdef0', 'security-group-id'],
  ])('recognizes %s without context', (text, type) => {
    expect(recognizeUnambiguous(text)?.type).toBe(type);
  });

  it.each([
    '123456789012',
    '1234abcd-12ab-34cd-56ef-1234567890ab',
    'my-bucket',
    'Admin',
    'ab',
    'aws:kms',
    '11:00:00',
    'hello-world',
  ])('leaves ambiguous or plain %p to context', (text) => {
    expect(recognizeUnambiguous(text)).toBeUndefined();
  });

  it('normalizes by type and returns unknown forms as written', () => {
    expect(normalizeEntityId('ipv6', '2001:DB8::0:1')).toBe('2001:db8::1');
    expect(normalizeEntityId('instance-id', 'I-0123456789ABCDEF0')).toBe('i-0123456789abcdef0');
    expect(normalizeEntityId('aws-account-id', 'nope')).toBe('nope');
    expect(recognizeAs('kms-alias-arn', 'arn:aws:kms:us-east-1:123456789012:alias/x')?.type).toBe('kms-alias-arn');
    expect(recognizeAs('iam-role-arn', 'arn:aws:iam::123456789012:user/x')).toBeUndefined();
    expect(recognizeAs('vpc-id', 'subnet-0123456789abcdef0', true)?.flags).toEqual(['nonconforming']);
  });
});
