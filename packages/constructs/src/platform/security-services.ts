import { Aws } from 'aws-cdk-lib';
import * as detective from 'aws-cdk-lib/aws-detective';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as inspector from 'aws-cdk-lib/aws-inspectorv2';
import * as macie from 'aws-cdk-lib/aws-macie';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';
import { InvalidPropError } from '../errors';

/** Security Hub standards by short name (`platform.securityHubStandards`). */
export const SECURITY_HUB_STANDARDS: Readonly<Record<string, string>> = {
  'aws-foundational-security-best-practices': 'standards/aws-foundational-security-best-practices/v/1.0.0',
  'cis-aws-foundations-benchmark': 'standards/cis-aws-foundations-benchmark/v/3.0.0',
  'nist-800-53': 'standards/nist-800-53/v/5.0.0',
  'pci-dss': 'standards/pci-dss/v/4.0.1',
};

/** Properties of {@link SecurityHubModule}. */
export interface SecurityHubModuleProps {
  /** Deploy the module (`features.securityHub`). */
  readonly enabled: boolean;
  /**
   * Standards to enable, by short name (keys of `SECURITY_HUB_STANDARDS`).
   * @default ['aws-foundational-security-best-practices', 'cis-aws-foundations-benchmark']
   */
  readonly standards?: readonly string[];
  /** Generator id prefix of the detector's findings (for the insight). */
  readonly findingsGeneratorPrefix: string;
}

/**
 * Security Hub: the hub (consolidated control findings, no default
 * standards), the chosen standards, and an insight grouping the detector's
 * own findings (imported as ASFF by the enrichment function) by resource.
 */
export class SecurityHubModule extends Construct {
  public readonly enabled: boolean;
  public readonly hub?: securityhub.CfnHub;
  /** Product ARN the enrichment function imports findings into. */
  public readonly productArn?: string;

  constructor(scope: Construct, id: string, props: SecurityHubModuleProps) {
    super(scope, id);
    this.enabled = props.enabled;
    const standards = props.standards ?? ['aws-foundational-security-best-practices', 'cis-aws-foundations-benchmark'];
    for (const name of standards) {
      if (!(name in SECURITY_HUB_STANDARDS)) {
        throw new InvalidPropError('standards', `one of ${Object.keys(SECURITY_HUB_STANDARDS).join(', ')}`, name);
      }
    }
    if (!props.enabled) return;
    this.hub = new securityhub.CfnHub(this, 'Hub', {
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
    });
    for (const name of standards) {
      const standard = new securityhub.CfnStandard(this, `Standard-${name}`, {
        standardsArn: `arn:${Aws.PARTITION}:securityhub:${Aws.REGION}::${SECURITY_HUB_STANDARDS[name]}`,
      });
      standard.node.addDependency(this.hub);
    }
    new securityhub.CfnInsight(this, 'DetectorFindings', {
      name: 'Access Anomaly Detector findings by resource',
      groupByAttribute: 'ResourceId',
      filters: { generatorId: [{ comparison: 'PREFIX', value: props.findingsGeneratorPrefix }] },
    }).node.addDependency(this.hub);
    this.productArn = `arn:${Aws.PARTITION}:securityhub:${Aws.REGION}:${Aws.ACCOUNT_ID}:product/${Aws.ACCOUNT_ID}/default`;
  }
}

/** Properties of {@link GuardDutyModule}. */
export interface GuardDutyModuleProps {
  /** Deploy the module (`features.guardDuty`). */
  readonly enabled: boolean;
}

/** GuardDuty: a detector with S3 protection, findings published every 15 minutes. */
export class GuardDutyModule extends Construct {
  public readonly enabled: boolean;
  public readonly detector?: guardduty.CfnDetector;

  constructor(scope: Construct, id: string, props: GuardDutyModuleProps) {
    super(scope, id);
    this.enabled = props.enabled;
    if (!props.enabled) return;
    this.detector = new guardduty.CfnDetector(this, 'Detector', {
      enable: true,
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      // S3 protection through DataSources (the form Control Tower CT.GUARDDUTY.PR.1 checks); the API
      // rejects DataSources and Features for the same protection in one request.
      dataSources: { s3Logs: { enable: true } },
    });
  }
}

/** Properties of {@link InspectorModule}. */
export interface InspectorModuleProps {
  /** Deploy the module (`features.inspector`). */
  readonly enabled: boolean;
  /** Prefix of the scan configuration name. */
  readonly namePrefix: string;
}

/**
 * Amazon Inspector: a weekly CIS scan of the account's instances tagged
 * `Application`. CloudFormation has no resource that turns Inspector on for
 * an account (it is an account or delegated-administrator setting); the
 * runbook in the package README covers that one step.
 */
export class InspectorModule extends Construct {
  public readonly enabled: boolean;
  public readonly cisScan?: inspector.CfnCisScanConfiguration;

  constructor(scope: Construct, id: string, props: InspectorModuleProps) {
    super(scope, id);
    this.enabled = props.enabled;
    if (!props.enabled) return;
    this.cisScan = new inspector.CfnCisScanConfiguration(this, 'CisScan', {
      scanName: `${props.namePrefix}-cis-weekly`,
      securityLevel: 'LEVEL_1',
      schedule: { weekly: { days: ['MON'], startTime: { timeOfDay: '03:00', timeZone: 'UTC' } } },
      targets: { accountIds: ['SELF'], targetResourceTags: { Application: ['access-anomaly-detector'] } },
    });
  }
}

/** Properties of {@link DetectiveModule}. */
export interface DetectiveModuleProps {
  /** Deploy the module (`features.detective`; needs GuardDuty). */
  readonly enabled: boolean;
}

/** Amazon Detective: a behavior graph for investigations (needs GuardDuty enabled for 48 hours). */
export class DetectiveModule extends Construct {
  public readonly enabled: boolean;
  public readonly graph?: detective.CfnGraph;

  constructor(scope: Construct, id: string, props: DetectiveModuleProps) {
    super(scope, id);
    this.enabled = props.enabled;
    if (!props.enabled) return;
    this.graph = new detective.CfnGraph(this, 'Graph', { autoEnableMembers: false });
  }
}

/** Properties of {@link MacieModule}. */
export interface MacieModuleProps {
  /** Deploy the module (`features.macie`). */
  readonly enabled: boolean;
}

/** Amazon Macie: the account session, findings published every 15 minutes. */
export class MacieModule extends Construct {
  public readonly enabled: boolean;
  public readonly session?: macie.CfnSession;

  constructor(scope: Construct, id: string, props: MacieModuleProps) {
    super(scope, id);
    this.enabled = props.enabled;
    if (!props.enabled) return;
    this.session = new macie.CfnSession(this, 'Session', {
      status: 'ENABLED',
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
    });
  }
}
