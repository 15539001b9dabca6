import {
  CfnTemplate,
  FileAsset,
  SynthesizedStack,
  detachFromCdk,
  findBootstrapReferences,
  stripLogicalIdHash,
} from '../../src';

const HASH = 'a'.repeat(64);
const BUCKET = { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' };

function stack(template: CfnTemplate, fileAssets: FileAsset[] = []): SynthesizedStack {
  return {
    stackName: 'aad-dev-detector',
    templateFile: 'aad-dev-detector.template.json',
    templateSha256: '0'.repeat(64),
    template,
    tags: {},
    fileAssets,
    imageAssets: [],
  };
}

const ZIP: FileAsset = { hash: HASH, sourcePath: `asset.${HASH}`, packaging: 'zip', objectKey: `${HASH}.zip` };

describe('detachFromCdk', () => {
  it('removes the bootstrap parameter, its rule and CDK metadata', () => {
    // Prepare
    const template: CfnTemplate = {
      Parameters: {
        Flag: { Type: 'String', Default: 'x' },
        BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' },
      },
      Rules: { CheckBootstrapVersion: { Assertions: [{ Assert: { 'Fn::Not': [{ Ref: 'BootstrapVersion' }] } }] } },
      Conditions: { CDKMetadataAvailable: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } },
      Resources: {
        CDKMetadata: {
          Type: 'AWS::CDK::Metadata',
          Properties: { Analytics: 'v2:deflate64:x' },
          Condition: 'CDKMetadataAvailable',
        },
        Topic: { Type: 'AWS::SNS::Topic', Metadata: { 'aws:asset:path': 'asset.x' } },
      },
    };
    // Act
    const detached = detachFromCdk(stack(template));
    // Assess
    expect(detached.template).toEqual({
      Parameters: { Flag: { Type: 'String', Default: 'x' } },
      Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
    });
    expect(detached.removed).toEqual([
      'Rules.CheckBootstrapVersion',
      'Parameters.BootstrapVersion',
      'Resources.CDKMetadata',
      'Conditions.CDKMetadataAvailable',
    ]);
    expect(detached.usesArtifactsBucket).toBe(false);
  });

  it('rewrites bucket and key in Fn::Sub, Fn::Join and plain strings', () => {
    const template: CfnTemplate = {
      Parameters: { Flag: { Type: 'String', Default: 'x' } },
      Resources: {
        Fn1A2B3C4D: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Bucket: BUCKET, S3Key: `${HASH}.zip` } } },
        Nested9F8E7D6C: {
          Type: 'AWS::CloudFormation::Stack',
          Properties: {
            TemplateURL: { 'Fn::Join': ['', ['https://s3.amazonaws.com/', BUCKET, `/${HASH}.zip`]] },
            Parameters: {
              Where: { 'Fn::Sub': [`s3://cdk-hnb659fds-assets-\${AWS::AccountId}-\${AWS::Region}/${HASH}.zip`, {}] },
            },
          },
        },
      },
    };
    const detached = detachFromCdk(stack(template, [ZIP]));
    expect(detached.template.Resources!.Fn1A2B3C4D.Properties!.Code).toEqual({
      S3Bucket: { Ref: 'ArtifactsBucket' },
      S3Key: { Ref: 'FnCodeAssetKey' },
    });
    expect(detached.template.Resources!.Nested9F8E7D6C.Properties).toEqual({
      TemplateURL: {
        'Fn::Join': [
          '',
          ['https://s3.amazonaws.com/', { Ref: 'ArtifactsBucket' }, { 'Fn::Sub': '/${FnCodeAssetKey}' }],
        ],
      },
      Parameters: { Where: { 'Fn::Sub': ['s3://${ArtifactsBucket}/${FnCodeAssetKey}', {}] } },
    });
    expect(detached.assets).toEqual([
      {
        parameter: 'FnCodeAssetKey',
        hash: HASH,
        objectKey: `${HASH}.zip`,
        defaultKey: `cdk-assets/${HASH}.zip`,
        packaging: 'zip',
        sourcePath: `asset.${HASH}`,
        usedBy: ['Fn1A2B3C4D.Code', 'Nested9F8E7D6C.TemplateURL', 'Nested9F8E7D6C.Parameters'],
      },
    ]);
    expect(Object.keys(detached.template.Parameters!)).toEqual(['Flag', 'ArtifactsBucket', 'FnCodeAssetKey']);
    expect(findBootstrapReferences(detached.template)).toEqual([]);
  });

  it('rewrites a named assets bucket (CliCredentialsStackSynthesizer) and defaults the input to it', () => {
    // Prepare: assets published to the artifacts bucket under cdk-assets/, as the constructs synthesize them
    const named: FileAsset = {
      ...ZIP,
      objectKey: `cdk-assets/${HASH}.zip`,
      bucketName: 'aad-dev-artifacts-111111111111',
    };
    const template: CfnTemplate = {
      Resources: {
        Fn1A2B3C4D: {
          Type: 'AWS::Lambda::Function',
          Properties: { Code: { S3Bucket: 'aad-dev-artifacts-111111111111', S3Key: `cdk-assets/${HASH}.zip` } },
        },
        Policy: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            Resource: [
              { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::aad-dev-artifacts-111111111111/*']] },
              'arn:aws:s3:::aad-dev-artifacts-111111111111-logs/*',
            ],
          },
        },
      },
    };
    // Act
    const detached = detachFromCdk(stack(template, [named]));
    // Assess
    expect(detached.template.Resources!.Fn1A2B3C4D.Properties!.Code).toEqual({
      S3Bucket: { Ref: 'ArtifactsBucket' },
      S3Key: { Ref: 'FnCodeAssetKey' },
    });
    expect(detached.template.Resources!.Policy.Properties!.Resource).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, { 'Fn::Sub': ':s3:::${ArtifactsBucket}/*' }]] },
      'arn:aws:s3:::aad-dev-artifacts-111111111111-logs/*',
    ]);
    expect(detached.template.Parameters!.ArtifactsBucket.Default).toBe('aad-dev-artifacts-111111111111');
    expect(detached.assets[0].defaultKey).toBe(`cdk-assets/${HASH}.zip`);
  });

  it('escapes ${ in a literal that becomes an Fn::Sub', () => {
    const template: CfnTemplate = {
      Resources: { Doc: { Type: 'AWS::SSM::Document', Properties: { Content: `run \${cmd} with ${HASH}.zip` } } },
    };
    const detached = detachFromCdk(stack(template, [ZIP]));
    expect(detached.template.Resources!.Doc.Properties!.Content).toEqual({
      'Fn::Sub': 'run ${!cmd} with ${DocContentAssetKey}',
    });
  });

  it('reuses an ArtifactsBucket parameter the stack already declares, and refuses one of another type', () => {
    const template: CfnTemplate = {
      Parameters: { ArtifactsBucket: { Type: 'String', Description: 'ours' } },
      Resources: {
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Bucket: BUCKET, S3Key: `${HASH}.zip` } } },
      },
    };
    expect(detachFromCdk(stack(template, [ZIP])).template.Parameters!.ArtifactsBucket).toEqual({
      Type: 'String',
      Description: 'ours',
    });
    template.Parameters!.ArtifactsBucket = { Type: 'Number' };
    expect(() => detachFromCdk(stack(template, [ZIP]))).toThrow(
      'aad-dev-detector: Parameters.ArtifactsBucket must be of type String to hold the artifacts bucket, received Number',
    );
  });

  it('gives distinct names to two assets of the same resource property', () => {
    const other: FileAsset = {
      ...ZIP,
      hash: 'b'.repeat(64),
      objectKey: `${'b'.repeat(64)}.zip`,
      sourcePath: 'asset.b',
    };
    const template: CfnTemplate = {
      Resources: {
        Deploy: {
          Type: 'Custom::CDKBucketDeployment',
          Properties: { SourceBucketNames: [BUCKET, BUCKET], SourceObjectKeys: [ZIP.objectKey, other.objectKey] },
        },
      },
    };
    const names = detachFromCdk(stack(template, [ZIP, other])).assets.map((a) => a.parameter);
    expect(names).toEqual(['DeploySourceObjectKeysAsset2Key', 'DeploySourceObjectKeysAssetKey']);
  });

  it('leaves a template without assets or bootstrap references unchanged', () => {
    const template: CfnTemplate = {
      Parameters: { A: { Type: 'String' } },
      Resources: { T: { Type: 'AWS::SNS::Topic' } },
    };
    expect(detachFromCdk(stack(template)).template).toEqual(template);
  });
});

describe('stripLogicalIdHash', () => {
  it.each([
    ['ComputeEnrichmentFunction1A2B3C4D', 'ComputeEnrichmentFunction'],
    ['Plain', 'Plain'],
    ['ABCDEF12', 'ABCDEF12'],
  ])('%s → %s', (id, expected) => {
    expect(stripLogicalIdHash(id)).toBe(expected);
  });
});

describe('findBootstrapReferences', () => {
  it('finds bootstrap bucket, role, SSM parameter and version rule with their key paths', () => {
    expect(
      findBootstrapReferences({
        Parameters: { BootstrapVersion: { Type: 'String' } },
        Rules: { CheckBootstrapVersion: {} },
        Resources: {
          R: {
            Properties: {
              Role: 'arn:aws:iam::1:role/cdk-hnb659fds-cfn-exec-role-1-us-east-1',
              P: '/cdk-bootstrap/x/version',
            },
          },
        },
      }).map((r) => r.path),
    ).toEqual([
      'Parameters.BootstrapVersion',
      'Rules.CheckBootstrapVersion',
      'Resources.R.Properties.Role',
      'Resources.R.Properties.P',
    ]);
    expect(findBootstrapReferences('not a template')).toEqual([]);
  });
});
