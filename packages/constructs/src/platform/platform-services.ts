import { AadConfig } from '@aad/core';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CloudTrailModule } from './cloudtrail-module';
import { ConfigRecorderModule } from './config-recorder-module';
import { FindingsSchemaRegistry } from './findings-schema-registry';
import { ParameterHierarchy } from './parameter-hierarchy';
import {
  DetectiveModule,
  GuardDutyModule,
  InspectorModule,
  MacieModule,
  SECURITY_HUB_STANDARDS,
  SecurityHubModule,
} from './security-services';
import { ConflictingPropsError, InvalidPropError } from '../errors';
import { DetectorKeys } from '../keys/detector-keys';
import { AccessLogBucket } from '../storage/access-log-bucket';

/** Properties of {@link PlatformServices}. */
export interface PlatformServicesProps {
  /** Environment configuration: `features.*` toggles, `platform.*` options. */
  readonly config: AadConfig;
  readonly keys: DetectorKeys;
  readonly accessLogs: AccessLogBucket;
  /** The raw log bucket (CloudTrail delivers into it). */
  readonly rawLogBucket: s3.IBucket;
  /** Non-secret settings published under the parameter hierarchy. */
  readonly parameters: Readonly<Record<string, string>>;
  /** Log group name prefix, e.g. `/aad/aad-dev/`. */
  readonly logGroupPrefix: string;
}

/**
 * Checks the cross-key rules of the platform configuration; every message
 * names the keys and the values received.
 */
export function validatePlatformConfig(config: AadConfig): void {
  const f = config.features;
  if (f.configRemediation && !f.config) {
    throw new ConflictingPropsError(
      '`features.configRemediation` requires `features.config`, received configRemediation=true, config=false',
    );
  }
  if (f.config && config.buckets.configDelivery === undefined) {
    throw new InvalidPropError('buckets.configDelivery', 'set when features.config is true', undefined);
  }
  if (f.detective && !f.guardDuty) {
    throw new ConflictingPropsError(
      '`features.detective` requires `features.guardDuty` (Detective ingests GuardDuty findings), received detective=true, guardDuty=false',
    );
  }
  if (config.platform?.organizationTrail && !f.cloudTrail) {
    throw new ConflictingPropsError(
      '`platform.organizationTrail` requires `features.cloudTrail`, received organizationTrail=true, cloudTrail=false',
    );
  }
  for (const standard of config.platform?.securityHubStandards ?? []) {
    if (!(standard in SECURITY_HUB_STANDARDS)) {
      throw new InvalidPropError(
        'platform.securityHubStandards',
        `one of ${Object.keys(SECURITY_HUB_STANDARDS).join(', ')}`,
        standard,
      );
    }
  }
}

/**
 * The platform-service modules of one environment, each deployed only when
 * its `features.*` flag is on (costly ones are off in dev): AWS Config (+
 * remediation), Security Hub, GuardDuty, Inspector, Detective, Macie,
 * CloudTrail (+ Lake), the SSM parameter hierarchy and the findings schema
 * registry.
 */
export class PlatformServices extends Construct {
  public readonly config: ConfigRecorderModule;
  public readonly securityHub: SecurityHubModule;
  public readonly guardDuty: GuardDutyModule;
  public readonly inspector: InspectorModule;
  public readonly detective: DetectiveModule;
  public readonly macie: MacieModule;
  public readonly cloudTrail: CloudTrailModule;
  public readonly parameters: ParameterHierarchy;
  public readonly schemaRegistry: FindingsSchemaRegistry;

  constructor(scope: Construct, id: string, props: PlatformServicesProps) {
    super(scope, id);
    const { config } = props;
    validatePlatformConfig(config);
    const f = config.features;
    const prefix = config.resourcePrefix;
    this.securityHub = new SecurityHubModule(this, 'SecurityHub', {
      enabled: f.securityHub,
      standards: config.platform?.securityHubStandards,
      findingsGeneratorPrefix: 'aad/',
    });
    this.config = new ConfigRecorderModule(this, 'Config', {
      enabled: f.config,
      namePrefix: prefix,
      deliveryBucketName: config.buckets.configDelivery,
      accessLogs: props.accessLogs,
      encryptionKey: props.keys.logs,
      remediation: f.configRemediation,
    });
    this.guardDuty = new GuardDutyModule(this, 'GuardDuty', { enabled: f.guardDuty });
    this.inspector = new InspectorModule(this, 'Inspector', { enabled: f.inspector, namePrefix: prefix });
    this.detective = new DetectiveModule(this, 'Detective', { enabled: f.detective });
    this.macie = new MacieModule(this, 'Macie', { enabled: f.macie });
    this.cloudTrail = new CloudTrailModule(this, 'CloudTrail', {
      enabled: f.cloudTrail,
      trailName: `${prefix}-trail`,
      bucket: props.rawLogBucket,
      encryptionKey: props.keys.logs,
      organizationTrail: config.platform?.organizationTrail,
      logGroupName: `${props.logGroupPrefix}cloudtrail`,
      logRetentionDays: config.retention.logGroupDays,
      lake: f.cloudTrailLake,
      lakeRetentionDays: config.platform?.cloudTrailLakeRetentionDays,
    });
    this.parameters = new ParameterHierarchy(this, 'Parameters', {
      enabled: f.ssmParameters,
      root: `/aad/${config.environment}`,
      values: props.parameters,
      secureKey: props.keys.data,
    });
    this.schemaRegistry = new FindingsSchemaRegistry(this, 'SchemaRegistry', {
      enabled: f.schemaRegistry,
      registryName: `${prefix}-events`,
    });
  }
}
