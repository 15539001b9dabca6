import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DEFAULT_INTERFACE_ENDPOINTS, DetectorNetwork, DetectorNetworkProps } from '../../src';
import { emptyStack } from '../_helpers/stacks';

function network(props: Partial<DetectorNetworkProps> = {}) {
  const stack = emptyStack();
  const construct = new DetectorNetwork(stack, 'Network', {
    logKey: new kms.Key(stack, 'Key'),
    flowLogGroupName: '/aad/test/vpc-flow-logs',
    flowLogRetentionDays: 30,
    ...props,
  });
  return { stack, construct, template: Template.fromStack(stack) };
}

describe('DetectorNetwork', () => {
  it.each([2, 3])('creates isolated subnets in %i zones, no NAT and no internet gateway', (maxAzs) => {
    const { template } = network({ maxAzs });
    template.resourceCountIs('AWS::EC2::Subnet', maxAzs);
    template.allResourcesProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::VPCGatewayAttachment', 0);
    const azs = Object.values(template.findResources('AWS::EC2::Subnet')).map((s) =>
      JSON.stringify(s.Properties.AvailabilityZone),
    );
    expect(new Set(azs).size).toBe(maxAzs);
  });

  it('adds S3 and DynamoDB gateway endpoints and one private interface endpoint per API', () => {
    const { template } = network();
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 2 + Object.keys(DEFAULT_INTERFACE_ENDPOINTS).length);
    for (const service of ['s3', 'dynamodb']) {
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        VpcEndpointType: 'Gateway',
        ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${service}`]] },
      });
    }
    for (const api of ['sqs', 'sns', 'kms', 'monitoring', 'logs', 'events', 'securityhub', 'states', 'sts', 'xray']) {
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        VpcEndpointType: 'Interface',
        PrivateDnsEnabled: true,
        ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${api}`]] },
      });
    }
  });

  it('lets workloads out on HTTPS only and endpoints in from workloads only', () => {
    const { template } = network();
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('^Detector functions'),
      SecurityGroupEgress: [
        { CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443, IpProtocol: 'tcp', Description: Match.anyValue() },
      ],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 443,
      ToPort: 443,
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('WorkloadSecurityGroup'), 'GroupId'] },
    });
  });

  it('logs all traffic to a KMS-encrypted log group with retention', () => {
    const { template } = network();
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      ResourceType: 'VPC',
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aad/test/vpc-flow-logs',
      RetentionInDays: 30,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
    });
  });

  it('uses an existing VPC: no VPC created, flow logs and endpoints still added', () => {
    const { template } = network({
      existingVpc: {
        vpcId: 'vpc-0123456789abcdef0',
        availabilityZones: ['us-east-1a', 'us-east-1b'],
        subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        routeTableIds: ['rtb-0123456789abcdef0', 'rtb-0123456789abcdef1'],
      },
    });
    template.resourceCountIs('AWS::EC2::VPC', 0);
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceId: 'vpc-0123456789abcdef0' });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      RouteTableIds: ['rtb-0123456789abcdef0', 'rtb-0123456789abcdef1'],
    });
  });

  it('skips gateway endpoints for an existing VPC without route tables', () => {
    const { template } = network({
      existingVpc: {
        vpcId: 'vpc-0123456789abcdef0',
        availabilityZones: ['us-east-1a', 'us-east-1b'],
        subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      },
    });
    expect(
      Object.values(template.findResources('AWS::EC2::VPCEndpoint')).filter(
        (e) => e.Properties.VpcEndpointType === 'Gateway',
      ),
    ).toEqual([]);
  });

  it.each([
    [{ maxAzs: 1 }, '`maxAzs` must be an integer between 2 and 6, received 1'],
    [
      { flowLogRetentionDays: 31 },
      '`retentionDays` must be one of the CloudWatch Logs retention periods (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653), received 31',
    ],
    [
      { existingVpc: { vpcId: 'vpc-xyz', availabilityZones: ['a', 'b'], subnetIds: [] } },
      "`existingVpc.vpcId` must be a VPC id (vpc- followed by 8-17 hex digits), received 'vpc-xyz'",
    ],
    [
      {
        existingVpc: {
          vpcId: 'vpc-0123456789abcdef0',
          availabilityZones: ['us-east-1a'],
          subnetIds: ['subnet-0123456789abcdef0'],
        },
      },
      '`existingVpc.availabilityZones` must be at least two availability zones, received ["us-east-1a"]',
    ],
    [
      {
        existingVpc: {
          vpcId: 'vpc-0123456789abcdef0',
          availabilityZones: ['us-east-1a', 'us-east-1b'],
          subnetIds: ['sn-1'],
        },
      },
      "`existingVpc.subnetIds` must be subnet ids (subnet- followed by 8-17 hex digits), received 'sn-1'",
    ],
    [
      {
        existingVpc: {
          vpcId: 'vpc-0123456789abcdef0',
          availabilityZones: ['us-east-1a', 'us-east-1b'],
          subnetIds: ['subnet-0123456789abcdef0'],
        },
      },
      '`existingVpc.subnetIds` must be a non-empty multiple of the 2 availability zones, received ["subnet-0123456789abcdef0"]',
    ],
    [
      {
        existingVpc: {
          vpcId: 'vpc-0123456789abcdef0',
          availabilityZones: ['us-east-1a', 'us-east-1b'],
          subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
          routeTableIds: ['rtb-0123456789abcdef0'],
        },
      },
      '`existingVpc.routeTableIds` must be one route table per subnet (2), received ["rtb-0123456789abcdef0"]',
    ],
  ])('rejects %j', (props, message) => {
    expect(() => network(props as Partial<DetectorNetworkProps>)).toThrow(message);
  });
});
