import { Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { InvalidPropError } from '../errors';
import { DetectorRole } from '../iam/detector-role';
import { createLogGroup } from '../logs/detector-log-group';
import { ACKNOWLEDGEMENTS, NAG_PLUGIN, acknowledge, sameRuleIn } from '../policy/acknowledgements';
import { validateInteger, validateVpcId } from '../validation';

/** An existing VPC to use instead of creating one. */
export interface ExistingVpcOptions {
  /** VPC id (`vpc-…`). */
  readonly vpcId: string;
  /** Availability zones of `subnetIds`, in the same order (at least two). */
  readonly availabilityZones: readonly string[];
  /** Private subnets (no route to the internet) the functions run in, one or more per zone. */
  readonly subnetIds: readonly string[];
  /**
   * Route tables of `subnetIds`; gateway endpoints (S3, DynamoDB) are added to them.
   * @default - no gateway endpoints are added (the VPC must already route S3 and DynamoDB privately)
   */
  readonly routeTableIds?: readonly string[];
}

/** The interface endpoints the detector's functions and workflows call. */
export const DEFAULT_INTERFACE_ENDPOINTS: Readonly<Record<string, ec2.InterfaceVpcEndpointAwsService>> = {
  Sqs: ec2.InterfaceVpcEndpointAwsService.SQS,
  Sns: ec2.InterfaceVpcEndpointAwsService.SNS,
  Kms: ec2.InterfaceVpcEndpointAwsService.KMS,
  CloudWatch: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING,
  Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
  EventBridge: ec2.InterfaceVpcEndpointAwsService.EVENTBRIDGE,
  SecurityHub: ec2.InterfaceVpcEndpointAwsService.SECURITYHUB,
  StepFunctions: ec2.InterfaceVpcEndpointAwsService.STEP_FUNCTIONS,
  Sts: ec2.InterfaceVpcEndpointAwsService.STS,
  XRay: ec2.InterfaceVpcEndpointAwsService.XRAY,
  CloudTrail: ec2.InterfaceVpcEndpointAwsService.CLOUDTRAIL,
  Iam: ec2.InterfaceVpcEndpointAwsService.IAM,
};

/** Properties of {@link DetectorNetwork}. */
export interface DetectorNetworkProps {
  /**
   * Availability zones of a created VPC (2-6), resolved at deploy time
   * (`Fn::GetAZs`) so the template stays region-independent.
   * @default 2
   */
  readonly maxAzs?: number;
  /**
   * IPv4 range of a created VPC.
   * @default '10.40.0.0/16'
   */
  readonly cidr?: string;
  /**
   * Use this VPC instead of creating one.
   * @default - a new VPC with isolated subnets only (no NAT, no internet gateway)
   */
  readonly existingVpc?: ExistingVpcOptions;
  /**
   * Interface endpoints to create, by logical name.
   * @default DEFAULT_INTERFACE_ENDPOINTS
   */
  readonly interfaceEndpoints?: Readonly<Record<string, ec2.InterfaceVpcEndpointAwsService>>;
  /** Key of the flow log group. */
  readonly logKey: kms.IKey;
  /** Name of the flow log group, e.g. `/aad/aad-dev/vpc-flow-logs`. */
  readonly flowLogGroupName: string;
  /** Days flow logs are kept. */
  readonly flowLogRetentionDays: number;
  /**
   * What happens to the flow log group when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The detector's private network: isolated subnets in at least two zones, no
 * NAT gateway and no internet gateway, gateway endpoints for S3 and DynamoDB,
 * interface endpoints (private DNS) for every other API the functions call,
 * and flow logs of all traffic to a KMS-encrypted log group. Workloads join
 * {@link DetectorNetwork.workloadSecurityGroup}: HTTPS out only; the endpoints
 * accept HTTPS from that group only.
 */
export class DetectorNetwork extends Construct {
  public readonly vpc: ec2.IVpc;
  /** The subnets every function runs in. */
  public readonly subnets: ec2.SubnetSelection;
  /** Security group of every function: egress HTTPS only, no ingress. */
  public readonly workloadSecurityGroup: ec2.SecurityGroup;
  /** Security group of the interface endpoints: HTTPS from the workload group only. */
  public readonly endpointSecurityGroup: ec2.SecurityGroup;
  public readonly flowLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: DetectorNetworkProps) {
    super(scope, id);
    const maxAzs = props.maxAzs ?? 2;
    validateInteger('maxAzs', maxAzs, 2, 6);
    const existing = props.existingVpc;
    if (existing) validateExisting(existing);

    if (existing) {
      this.vpc = ec2.Vpc.fromVpcAttributes(this, 'Vpc', {
        vpcId: existing.vpcId,
        availabilityZones: [...existing.availabilityZones],
        isolatedSubnetIds: [...existing.subnetIds],
        isolatedSubnetRouteTableIds: existing.routeTableIds ? [...existing.routeTableIds] : undefined,
      });
    } else {
      const vpc = new ec2.Vpc(this, 'Vpc', {
        ipAddresses: ec2.IpAddresses.cidr(props.cidr ?? '10.40.0.0/16'),
        availabilityZones: Array.from({ length: maxAzs }, (_, i) => Fn.select(i, Fn.getAzs())),
        natGateways: 0,
        createInternetGateway: false,
        restrictDefaultSecurityGroup: false,
        subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 22 }],
      });
      acknowledge(
        vpc,
        ACKNOWLEDGEMENTS.vpcDefaultSecurityGroup,
        sameRuleIn('VPCDefaultSecurityGroupClosed', [NAG_PLUGIN.nist, NAG_PLUGIN.hipaa, NAG_PLUGIN.pci]),
      );
      this.vpc = vpc;
    }
    this.subnets = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

    if (!existing || existing.routeTableIds) {
      this.vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [this.subnets] });
      this.vpc.addGatewayEndpoint('DynamoDb', {
        service: ec2.GatewayVpcEndpointAwsService.DYNAMODB,
        subnets: [this.subnets],
      });
    }

    this.workloadSecurityGroup = new ec2.SecurityGroup(this, 'WorkloadSecurityGroup', {
      vpc: this.vpc,
      description: 'Detector functions: HTTPS to VPC endpoints only (the VPC has no internet route)',
      allowAllOutbound: false,
    });
    this.workloadSecurityGroup.addEgressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(443),
      'HTTPS to interface and gateway endpoints (no internet route exists)',
    );
    this.endpointSecurityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      description: 'Interface endpoints: HTTPS from detector workloads only',
      allowAllOutbound: false,
    });
    this.endpointSecurityGroup.addIngressRule(
      this.workloadSecurityGroup,
      ec2.Port.tcp(443),
      'HTTPS from detector workloads',
    );
    // A security group without egress rules gets CDK's placeholder rule (ICMP to 255.255.255.255/32): nothing leaves.

    for (const [name, service] of Object.entries(props.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS)) {
      this.vpc.addInterfaceEndpoint(name, {
        service,
        subnets: this.subnets,
        privateDnsEnabled: true,
        open: false,
        securityGroups: [this.endpointSecurityGroup],
      });
    }

    this.flowLogGroup = createLogGroup(this, 'FlowLogGroup', {
      logGroupName: props.flowLogGroupName,
      encryptionKey: props.logKey,
      retentionDays: props.flowLogRetentionDays,
      removalPolicy: props.removalPolicy,
    });
    const flowLogRole = new DetectorRole(this, 'FlowLogRole', {
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com'),
      description: 'VPC flow logs delivery to the encrypted flow log group',
    });
    new ec2.FlowLog(this, 'FlowLog', {
      resourceType: ec2.FlowLogResourceType.fromVpc(this.vpc),
      trafficType: ec2.FlowLogTrafficType.ALL,
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup, flowLogRole),
    });
  }
}

function validateExisting(existing: ExistingVpcOptions): void {
  validateVpcId('existingVpc.vpcId', existing.vpcId);
  if (existing.availabilityZones.length < 2) {
    throw new InvalidPropError(
      'existingVpc.availabilityZones',
      'at least two availability zones',
      existing.availabilityZones,
    );
  }
  for (const subnet of existing.subnetIds) {
    if (!/^subnet-[0-9a-f]{8,17}$/.test(subnet)) {
      throw new InvalidPropError('existingVpc.subnetIds', 'subnet ids (subnet- followed by 8-17 hex digits)', subnet);
    }
  }
  if (existing.subnetIds.length === 0 || existing.subnetIds.length % existing.availabilityZones.length !== 0) {
    throw new InvalidPropError(
      'existingVpc.subnetIds',
      `a non-empty multiple of the ${existing.availabilityZones.length} availability zones`,
      existing.subnetIds,
    );
  }
  if (existing.routeTableIds && existing.routeTableIds.length !== existing.subnetIds.length) {
    throw new InvalidPropError(
      'existingVpc.routeTableIds',
      `one route table per subnet (${existing.subnetIds.length})`,
      existing.routeTableIds,
    );
  }
}
