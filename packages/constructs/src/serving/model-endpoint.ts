import { ArnFormat, CfnCondition, CfnResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct, IConstruct } from 'constructs';
import { DetectorRole } from '../iam/detector-role';
import { ACKNOWLEDGEMENTS, NAG_PLUGIN, acknowledge } from '../policy/acknowledgements';
import { resourceFinding } from '../policy/nag-finding-ids';
import { validateResourceName } from '../validation';

/** Properties of {@link ModelEndpoint}. */
export interface ModelEndpointProps {
  /** Every resource is created only when this condition holds (`EnableSageMakerEndpoint`). */
  readonly condition: CfnCondition;
  /** Name of the model, endpoint configuration and endpoint. */
  readonly endpointName: string;
  /** Inference container image URI (a `CfnParameter` value). */
  readonly imageUri: string;
  /** Instance type (a `CfnParameter` value), e.g. `ml.m5.large`. */
  readonly instanceType: string;
  /** Bucket and key of `model.tar.gz`. */
  readonly modelBucket: s3.IBucket;
  readonly modelDataKey: string;
  /** Key of the model bucket and of the endpoint's storage volume. */
  readonly encryptionKey: kms.IKey;
  /** Network: the endpoint runs in the detector subnets, with network isolation. */
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  readonly securityGroup: ec2.ISecurityGroup;
  /**
   * Instances behind the endpoint.
   * @default 2 (one per availability zone)
   */
  readonly instanceCount?: number;
}

/**
 * Optional SageMaker real-time endpoint for model serving, synthesized always
 * and created only when its condition holds. Built from the typed L1 property
 * classes (`CfnModel.ContainerDefinitionProperty`,
 * `CfnModel.VpcConfigProperty`, `CfnEndpointConfig.ProductionVariantProperty`):
 * VPC-only with network isolation, KMS-encrypted storage, its own role.
 */
export class ModelEndpoint extends Construct {
  public readonly model: sagemaker.CfnModel;
  public readonly endpointConfig: sagemaker.CfnEndpointConfig;
  public readonly endpoint: sagemaker.CfnEndpoint;
  public readonly role: DetectorRole;

  constructor(scope: Construct, id: string, props: ModelEndpointProps) {
    super(scope, id);
    validateResourceName('endpointName', props.endpointName);
    const stack = Stack.of(this);
    const subnetIds = props.vpc.selectSubnets(props.subnets).subnetIds;
    this.role = new DetectorRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      description: `${props.endpointName}: SageMaker model serving in the detector VPC`,
    });
    const eni = stack.formatArn({ service: 'ec2', resource: 'network-interface', resourceName: '*' });
    const modelObjects = props.modelBucket.arnForObjects(props.modelDataKey);
    const logGroup = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: `/aws/sagemaker/Endpoints/${props.endpointName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const repositories = stack.formatArn({
      service: 'ecr',
      resource: 'repository',
      resourceName: `${props.endpointName}*`,
    });
    const statements = [
      new iam.PolicyStatement({
        sid: 'AwsRequiresStar',
        actions: [
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeVpcs',
          'ec2:DescribeDhcpOptions',
          'ec2:DescribeSubnets',
          'ec2:DescribeSecurityGroups',
          'ecr:GetAuthorizationToken',
          'cloudwatch:PutMetricData',
        ],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'InterfacesInDetectorSubnets',
        actions: [
          'ec2:CreateNetworkInterface',
          'ec2:CreateNetworkInterfacePermission',
          'ec2:DeleteNetworkInterface',
          'ec2:DeleteNetworkInterfacePermission',
        ],
        resources: [
          eni,
          ...subnetIds.map((s) => stack.formatArn({ service: 'ec2', resource: 'subnet', resourceName: s })),
          stack.formatArn({
            service: 'ec2',
            resource: 'security-group',
            resourceName: props.securityGroup.securityGroupId,
          }),
        ],
      }),
      new iam.PolicyStatement({ sid: 'ReadModel', actions: ['s3:GetObject'], resources: [modelObjects] }),
      new iam.PolicyStatement({
        sid: 'DecryptModel',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:CreateGrant', 'kms:DescribeKey'],
        resources: [props.encryptionKey.keyArn],
      }),
      new iam.PolicyStatement({
        sid: 'PullImage',
        actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
        resources: [repositories],
      }),
      new iam.PolicyStatement({
        sid: 'EndpointLogs',
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [logGroup],
      }),
    ];
    for (const statement of statements) this.role.addToPrincipalPolicy(statement);
    acknowledge(this.role.policy, ACKNOWLEDGEMENTS.awsRequiredWildcard, [
      `${NAG_PLUGIN.awsSolutions}::AwsSolutions-IAM5[Resource::*]`,
    ]);
    acknowledge(
      this.role.policy,
      ACKNOWLEDGEMENTS.scopedServiceWildcard,
      [eni, repositories, logGroup].map(
        (r) => `${NAG_PLUGIN.awsSolutions}::AwsSolutions-IAM5[${resourceFinding(this, r)}]`,
      ),
      "the endpoint's network interfaces, image repositories named after it and its log streams",
    );
    const container: sagemaker.CfnModel.ContainerDefinitionProperty = {
      image: props.imageUri,
      modelDataUrl: `s3://${props.modelBucket.bucketName}/${props.modelDataKey}`,
      mode: 'SingleModel',
    };
    const vpcConfig: sagemaker.CfnModel.VpcConfigProperty = {
      subnets: subnetIds,
      securityGroupIds: [props.securityGroup.securityGroupId],
    };
    this.model = new sagemaker.CfnModel(this, 'Model', {
      modelName: props.endpointName,
      executionRoleArn: this.role.roleArn,
      primaryContainer: container,
      vpcConfig,
      enableNetworkIsolation: true,
    });
    this.model.node.addDependency(this.role);
    const variant: sagemaker.CfnEndpointConfig.ProductionVariantProperty = {
      variantName: 'primary',
      modelName: props.endpointName,
      instanceType: props.instanceType,
      initialInstanceCount: props.instanceCount ?? 2,
      initialVariantWeight: 1,
    };
    this.endpointConfig = new sagemaker.CfnEndpointConfig(this, 'EndpointConfig', {
      endpointConfigName: props.endpointName,
      kmsKeyId: props.encryptionKey.keyArn,
      productionVariants: [variant],
    });
    this.endpointConfig.node.addDependency(this.model);
    this.endpoint = new sagemaker.CfnEndpoint(this, 'Endpoint', {
      endpointName: props.endpointName,
      endpointConfigName: this.endpointConfig.attrEndpointConfigName,
    });
    for (const child of this.node.findAll()) applyCondition(child, props.condition);
  }
}

function applyCondition(node: IConstruct, condition: CfnCondition): void {
  if (CfnResource.isCfnResource(node)) node.cfnOptions.condition = condition;
}
