import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ACKNOWLEDGEMENTS, NAG_PLUGIN, acknowledge } from '../policy/acknowledgements';
import { resourceFinding } from '../policy/nag-finding-ids';

/** Properties of {@link FunctionRuntimePolicy}. */
export interface FunctionRuntimePolicyProps {
  /** Subnets the functions run in (network interfaces are only created there). */
  readonly subnets: ec2.ISubnet[];
  /** Security group of the functions. */
  readonly securityGroup: ec2.ISecurityGroup;
}

/**
 * The customer-managed policy every detector function's role attaches
 * instead of `AWSLambdaVPCAccessExecutionRole`: network interfaces only in
 * the detector subnets with the detector security group, and X-Ray trace
 * upload. `ec2:Describe*` and `xray:Put*` have no resource-level permissions
 * (AWS requires `*`).
 */
export class FunctionRuntimePolicy extends Construct {
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: FunctionRuntimePolicyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const eni = stack.formatArn({ service: 'ec2', resource: 'network-interface', resourceName: '*' });
    const subnetArns = props.subnets.map((s) =>
      stack.formatArn({ service: 'ec2', resource: 'subnet', resourceName: s.subnetId }),
    );
    const sgArn = stack.formatArn({
      service: 'ec2',
      resource: 'security-group',
      resourceName: props.securityGroup.securityGroupId,
    });
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'Detector functions: network interfaces in the detector subnets, X-Ray traces',
      statements: [
        new iam.PolicyStatement({
          sid: 'CreateInterfacesInDetectorSubnets',
          actions: ['ec2:CreateNetworkInterface'],
          resources: [...subnetArns, sgArn, eni],
        }),
        new iam.PolicyStatement({
          sid: 'ManageOwnInterfaces',
          actions: ['ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
          resources: [eni],
        }),
        new iam.PolicyStatement({
          sid: 'DescribeNetworkAwsRequiresStar',
          actions: [
            'ec2:DescribeNetworkInterfaces',
            'ec2:DescribeSubnets',
            'ec2:DescribeSecurityGroups',
            'ec2:DescribeVpcs',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'XRayAwsRequiresStar',
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        }),
      ],
    });
    acknowledge(this.policy, ACKNOWLEDGEMENTS.awsRequiredWildcard, [
      `${NAG_PLUGIN.awsSolutions}::AwsSolutions-IAM5[Resource::*]`,
    ]);
    acknowledge(
      this.policy,
      ACKNOWLEDGEMENTS.scopedServiceWildcard,
      [`${NAG_PLUGIN.awsSolutions}::AwsSolutions-IAM5[${resourceFinding(this, eni)}]`],
      'network interfaces Lambda creates in the detector subnets get ids at run time',
    );
  }
}

/**
 * The customer-managed policy of every detector state machine role: X-Ray
 * traces and CloudWatch Logs vended log delivery (these APIs have no resource
 * types; AWS requires `*`). `logs:PutResourcePolicy` and
 * `logs:DeleteLogDelivery` are deliberately absent: the log groups' resource
 * policy is part of the template ({@link WorkflowLogDelivery}).
 */
export class WorkflowRuntimePolicy extends Construct {
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'Detector state machines: X-Ray traces, CloudWatch Logs vended log delivery',
      statements: [
        new iam.PolicyStatement({
          sid: 'XRayAwsRequiresStar',
          actions: [
            'xray:PutTraceSegments',
            'xray:PutTelemetryRecords',
            'xray:GetSamplingRules',
            'xray:GetSamplingTargets',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'VendedLogDeliveryAwsRequiresStar',
          actions: [
            'logs:CreateLogDelivery',
            'logs:GetLogDelivery',
            'logs:UpdateLogDelivery',
            'logs:ListLogDeliveries',
            'logs:DescribeResourcePolicies',
            'logs:DescribeLogGroups',
          ],
          resources: ['*'],
        }),
      ],
    });
    acknowledge(this.policy, ACKNOWLEDGEMENTS.awsRequiredWildcard, [
      `${NAG_PLUGIN.awsSolutions}::AwsSolutions-IAM5[Resource::*]`,
    ]);
  }
}

/** Properties of {@link WorkflowLogDelivery}. */
export interface WorkflowLogDeliveryProps {
  /** Name of the resource policy. */
  readonly policyName: string;
  /** Log groups the state machines deliver to. */
  readonly logGroupArns: string[];
}

/**
 * The CloudWatch Logs resource policy that lets the log delivery service
 * write state machine logs into the detector's log groups, from this account
 * only. With it in the template, no state machine role needs
 * `logs:PutResourcePolicy`.
 */
export class WorkflowLogDelivery extends Construct {
  public readonly resourcePolicy: logs.CfnResourcePolicy;

  constructor(scope: Construct, id: string, props: WorkflowLogDeliveryProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const document = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          sid: 'VendedLogDeliveryToDetectorLogGroups',
          principals: [new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: props.logGroupArns,
          conditions: {
            StringEquals: { 'aws:SourceAccount': stack.account },
            ArnLike: {
              'aws:SourceArn': stack.formatArn({
                service: 'logs',
                resource: '*',
                arnFormat: ArnFormat.NO_RESOURCE_NAME,
              }),
            },
          },
        }),
      ],
    });
    this.resourcePolicy = new logs.CfnResourcePolicy(this, 'Resource', {
      policyName: props.policyName,
      policyDocument: stack.toJsonString(document),
    });
  }
}
