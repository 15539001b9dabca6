import { identityFromEnvironment, identityProblems } from '../../src/deploy/identity';
import { resourceCounts, shellQuote, teardownSplit } from '../../src/deploy/plan';

const DEV = { env: 'dev', allowedAccounts: ['111111111111'], allowedProfiles: ['aad-dev'] };
const PROD = { env: 'prod', allowedAccounts: ['222222222222'], allowedProfiles: ['aad-prod'] };

describe('identity', () => {
  it('reads the profile and account from the environment, preferring the explicit variables', () => {
    expect(
      identityFromEnvironment({
        AWS_PROFILE: 'a',
        AWS_DEFAULT_PROFILE: 'b',
        AWS_ACCOUNT_ID: '1',
        CDK_DEFAULT_ACCOUNT: '2',
      }),
    ).toEqual({
      profile: 'a',
      account: '1',
      staticKeys: false,
    });
    expect(identityFromEnvironment({ AWS_DEFAULT_PROFILE: ' b ', AWS_PROFILE: '' })).toEqual({
      profile: 'b',
      account: undefined,
      staticKeys: false,
    });
  });

  it('accepts an allowed profile and account and names other environments', () => {
    expect(identityProblems({ profile: 'aad-dev', account: '111111111111', staticKeys: false }, DEV, [PROD])).toEqual(
      [],
    );
    expect(
      identityProblems({ profile: 'aad-prod', account: '222222222222', staticKeys: false }, DEV, [DEV, PROD]),
    ).toEqual([
      "profile 'aad-prod' belongs to prod: never use prod credentials for dev",
      'account 222222222222 belongs to prod: never use prod credentials for dev',
    ]);
    expect(identityProblems({ profile: 'x', staticKeys: false }, { ...DEV, allowedProfiles: [] }, [])).toEqual([
      "profile 'x' is not on deploy.allowedProfiles of dev (empty)",
    ]);
  });
});

describe('plan helpers', () => {
  it('quotes arguments for the shell only when needed', () => {
    expect(shellQuote(['cdk', 'deploy', '--app', '/tmp/a b', "it's"])).toBe("cdk deploy --app '/tmp/a b' 'it'\\''s'");
  });

  it('counts resources by type and splits a teardown', () => {
    const assembly = {
      directory: '.',
      stacks: [
        {
          stackName: 's',
          templateFile: 's.json',
          parameters: {},
          outputs: {},
          resources: {
            A: { Type: 'AWS::S3::Bucket', DeletionPolicy: 'Retain' },
            B: { Type: 'AWS::SQS::Queue' },
            C: { Type: 'AWS::SQS::Queue' },
            D: { Type: 'AWS::RDS::DBInstance', DeletionPolicy: 'Snapshot' },
            M: { Type: 'AWS::CDK::Metadata' },
          },
        },
      ],
    };
    expect(resourceCounts(assembly)[0]).toEqual({ type: 'AWS::SQS::Queue', count: 2 });
    const split = teardownSplit(assembly);
    expect(split.retained.map((r) => `${r.logicalId}:${r.policy}`)).toEqual(['A:Retain', 'D:Snapshot']);
    expect(split.deleted.map((r) => r.logicalId)).toEqual(['B', 'C']);
  });
});
