import { AadConfig } from '@aad/core';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  AccessLogBucket,
  CloudTrailModule,
  ConfigRecorderModule,
  DetectiveModule,
  DetectorKeys,
  FindingsSchemaRegistry,
  GuardDutyModule,
  InspectorModule,
  MacieModule,
  ParameterHierarchy,
  PlatformServices,
  SecurityHubModule,
  findingEventSchemaDraft4,
  validatePlatformConfig,
} from '../../src';
import { configWith, emptyStack } from '../_helpers/stacks';

function platform(config: AadConfig): Template {
  const stack = new Stack(new App(), 'P');
  const keys = new DetectorKeys(stack, 'Keys', { aliasPrefix: 'test' });
  const accessLogs = new AccessLogBucket(stack, 'AccessLogs', { bucketName: 'test-access-logs' });
  new PlatformServices(stack, 'Platform', {
    config,
    keys,
    accessLogs,
    rawLogBucket: new s3.Bucket(stack, 'Raw'),
    parameters: { 'tables/audit': 'test-audit' },
    logGroupPrefix: '/aad/test/',
  });
  return Template.fromStack(stack);
}

const ON = {
  config: true,
  configRemediation: true,
  securityHub: true,
  guardDuty: true,
  inspector: true,
  detective: true,
  macie: true,
  cloudTrail: true,
  cloudTrailLake: true,
  ssmParameters: true,
  schemaRegistry: true,
  sageMakerEndpoint: false,
};
const OFF = Object.fromEntries(Object.keys(ON).map((k) => [k, false])) as typeof ON;

const MODULES: [string, keyof typeof ON, string, number][] = [
  ['AWS Config recorder', 'config', 'AWS::Config::ConfigurationRecorder', 1],
  ['AWS Config starter rules', 'config', 'AWS::Config::ConfigRule', 15],
  ['Security Hub', 'securityHub', 'AWS::SecurityHub::Hub', 1],
  ['Security Hub standards', 'securityHub', 'AWS::SecurityHub::Standard', 2],
  ['GuardDuty', 'guardDuty', 'AWS::GuardDuty::Detector', 1],
  ['Inspector', 'inspector', 'AWS::InspectorV2::CisScanConfiguration', 1],
  ['Detective', 'detective', 'AWS::Detective::Graph', 1],
  ['Macie', 'macie', 'AWS::Macie::Session', 1],
  ['CloudTrail', 'cloudTrail', 'AWS::CloudTrail::Trail', 1],
  ['CloudTrail Lake', 'cloudTrailLake', 'AWS::CloudTrail::EventDataStore', 1],
  ['SSM parameters', 'ssmParameters', 'AWS::SSM::Parameter', 1],
  ['schema registry', 'schemaRegistry', 'AWS::EventSchemas::Schema', 1],
];

describe('PlatformServices', () => {
  const enabled = platform(configWith('prod', { features: ON }));
  const disabled = platform(configWith('dev', { features: OFF }));

  it.each(MODULES)('%s: enabled creates %s', (_label, _flag, type, count) => {
    enabled.resourceCountIs(type, count);
  });

  it.each(MODULES)('%s: disabled creates nothing', (_label, _flag, type) => {
    disabled.resourceCountIs(type, 0);
  });

  it('delivers Config snapshots to an encrypted bucket with the KMS key and uses the service-linked role', () => {
    enabled.hasResourceProperties('AWS::Config::DeliveryChannel', {
      S3BucketName: Match.anyValue(),
      S3KmsKeyArn: Match.anyValue(),
    });
    enabled.hasResourceProperties('AWS::S3::Bucket', { BucketName: 'aad-prod-config-222222222222' });
    enabled.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RoleARN: {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':iam::',
            { Ref: 'AWS::AccountId' },
            ':role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
          ],
        ],
      },
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true },
    });
  });

  it('configures remediation manually (non-destructive by default)', () => {
    enabled.hasResourceProperties('AWS::Config::RemediationConfiguration', {
      TargetId: 'AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules',
      Automatic: false,
    });
    enabled.hasResourceProperties('AWS::Config::RemediationConfiguration', {
      TargetId: 'AWSConfigRemediation-ConfigureS3BucketPublicAccessBlock',
      Automatic: false,
    });
  });

  it('runs a multi-region trail with log file validation, KMS and a CloudWatch Logs copy into the raw bucket', () => {
    enabled.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      IsOrganizationTrail: false,
      KMSKeyId: Match.anyValue(),
      CloudWatchLogsLogGroupArn: Match.anyValue(),
      S3BucketName: { Ref: Match.stringLikeRegexp('^Raw') },
    });
    enabled.hasResourceProperties('AWS::CloudTrail::EventDataStore', {
      KmsKeyId: Match.anyValue(),
      RetentionPeriod: 366,
      TerminationProtectionEnabled: true,
    });
  });

  it('enables Security Hub with the configured standards and an insight on detector findings', () => {
    enabled.hasResourceProperties('AWS::SecurityHub::Hub', {
      EnableDefaultStandards: false,
      ControlFindingGenerator: 'SECURITY_CONTROL',
    });
    enabled.hasResourceProperties('AWS::SecurityHub::Standard', {
      StandardsArn: {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':securityhub:',
            { Ref: 'AWS::Region' },
            '::standards/aws-foundational-security-best-practices/v/1.0.0',
          ],
        ],
      },
    });
    enabled.hasResourceProperties('AWS::SecurityHub::Insight', {
      Filters: { GeneratorId: [{ Comparison: 'PREFIX', Value: 'aad/' }] },
    });
  });

  it('enables GuardDuty S3 protection', () => {
    enabled.hasResourceProperties('AWS::GuardDuty::Detector', {
      Enable: true,
      DataSources: { S3Logs: { Enable: true } },
    });
  });

  it('publishes settings under the parameter hierarchy', () => {
    enabled.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/aad/prod/tables/audit',
      Value: 'test-audit',
      Type: 'String',
    });
  });

  it('registers the findings event as JSON Schema draft 4', () => {
    enabled.hasResourceProperties('AWS::EventSchemas::Schema', {
      Type: 'JSONSchemaDraft4',
      SchemaName: 'aad.detector@AADFinding',
    });
    const schema = findingEventSchemaDraft4();
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    expect(JSON.stringify(schema)).not.toContain('"const"');
    expect(JSON.stringify(schema)).toContain('"risk_score"');
  });

  it.each([
    [
      { features: { ...OFF, configRemediation: true } },
      '`features.configRemediation` requires `features.config`, received configRemediation=true, config=false',
    ],
    [
      { features: { ...OFF, detective: true } },
      '`features.detective` requires `features.guardDuty` (Detective ingests GuardDuty findings), received detective=true, guardDuty=false',
    ],
    [
      {
        features: { ...OFF },
        platform: { organizationTrail: true, securityHubStandards: [], cloudTrailLakeRetentionDays: 366 },
      },
      '`platform.organizationTrail` requires `features.cloudTrail`, received organizationTrail=true, cloudTrail=false',
    ],
    [
      { platform: { organizationTrail: false, securityHubStandards: ['iso-27001'], cloudTrailLakeRetentionDays: 366 } },
      "`platform.securityHubStandards` must be one of aws-foundational-security-best-practices, cis-aws-foundations-benchmark, nist-800-53, pci-dss, received 'iso-27001'",
    ],
    [
      { features: { ...OFF, config: true }, buckets: { configDelivery: undefined } },
      '`buckets.configDelivery` must be set when features.config is true, received undefined',
    ],
  ])('rejects config %j', (patch, message) => {
    expect(() => validatePlatformConfig(configWith('dev', patch as never))).toThrow(message);
  });
});

describe('platform modules used alone', () => {
  it.each([
    [
      'SecurityHubModule',
      (st: Stack) => new SecurityHubModule(st, 'M', { enabled: false, findingsGeneratorPrefix: 'x/' }),
    ],
    ['GuardDutyModule', (st: Stack) => new GuardDutyModule(st, 'M', { enabled: false })],
    ['InspectorModule', (st: Stack) => new InspectorModule(st, 'M', { enabled: false, namePrefix: 'x' })],
    ['DetectiveModule', (st: Stack) => new DetectiveModule(st, 'M', { enabled: false })],
    ['MacieModule', (st: Stack) => new MacieModule(st, 'M', { enabled: false })],
    [
      'FindingsSchemaRegistry',
      (st: Stack) => new FindingsSchemaRegistry(st, 'M', { enabled: false, registryName: 'test-events' }),
    ],
  ])('%s disabled reports enabled=false and creates nothing', (_name, make) => {
    const stack = emptyStack();
    const module = make(stack);
    expect(module.enabled).toBe(false);
    expect(Object.keys(Template.fromStack(stack).toJSON().Resources ?? {})).toEqual([]);
  });

  it.each([
    [
      () =>
        new SecurityHubModule(emptyStack(), 'M', { enabled: true, standards: ['nope'], findingsGeneratorPrefix: 'x/' }),
      "`standards` must be one of aws-foundational-security-best-practices, cis-aws-foundations-benchmark, nist-800-53, pci-dss, received 'nope'",
    ],
    [
      () => {
        const st = emptyStack();
        return new ConfigRecorderModule(st, 'M', {
          enabled: true,
          namePrefix: 'x',
          accessLogs: new AccessLogBucket(st, 'A', { bucketName: 'test-access' }),
          encryptionKey: new kms.Key(st, 'K'),
        });
      },
      '`deliveryBucketName` must be set when the Config module is enabled, received undefined',
    ],
    [
      () => {
        const st = emptyStack();
        return new ParameterHierarchy(st, 'M', {
          enabled: true,
          root: '/aad/dev/',
          values: {},
          secureKey: new kms.Key(st, 'K'),
        });
      },
      "`root` must be a parameter path like '/aad/dev' (no trailing slash), received '/aad/dev/'",
    ],
    [
      () => {
        const st = emptyStack();
        return new ParameterHierarchy(st, 'M', {
          enabled: true,
          root: '/aad/dev',
          values: { '/abs': 'x' },
          secureKey: new kms.Key(st, 'K'),
        });
      },
      "`values` must be relative parameter names like 'tables/audit', received '/abs'",
    ],
    [
      () => {
        const st = emptyStack();
        return new CloudTrailModule(st, 'M', {
          enabled: true,
          trailName: 't',
          bucket: new s3.Bucket(st, 'B'),
          encryptionKey: new kms.Key(st, 'K'),
          logGroupName: '/aad/x/ct',
          logRetentionDays: 30,
          lakeRetentionDays: 1,
        });
      },
      '`lakeRetentionDays` must be an integer between 7 and 3653, received 1',
    ],
  ])('rejects bad module props (%#)', (make, message) => {
    expect(make).toThrow(message);
  });

  it('grants path-scoped parameter reads, secure values decrypted only under <root>/secure/', () => {
    const st = emptyStack();
    const h = new ParameterHierarchy(st, 'M', {
      enabled: true,
      root: '/aad/dev',
      values: {},
      secureKey: new kms.Key(st, 'K'),
    });
    const [read, decrypt] = h
      .readPolicyStatements('arn:aws:ssm:us-east-1:111111111111:parameter')
      .map((s) => st.resolve(s.toStatementJson()));
    expect(read.Resource).toBe('arn:aws:ssm:us-east-1:111111111111:parameter/aad/dev/*');
    expect(decrypt.Condition).toEqual({
      StringLike: {
        'kms:EncryptionContext:PARAMETER_ARN': 'arn:aws:ssm:us-east-1:111111111111:parameter/aad/dev/secure/*',
      },
    });
  });
});
