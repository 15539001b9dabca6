import { HandlerSpec, handlerBundleDir, handlerSpec } from '@aad/runtimes';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PermissionPlaceholders, contractStatements, validateHandlerEnvironment } from './handler-contract-binding';
import { DetectorRole } from '../iam/detector-role';
import { createLogGroup } from '../logs/detector-log-group';
import { ACKNOWLEDGEMENTS, NAG_PLUGIN, acknowledge } from '../policy/acknowledgements';
import { resourceFinding } from '../policy/nag-finding-ids';
import { validateInteger, validateResourceName } from '../validation';

/**
 * Where a function runs: a VPC construct with subnets and a security group,
 * or subnet and security group ids (e.g. `CfnParameter` values of a service
 * template).
 */
export type FunctionNetwork =
  | { readonly vpc: ec2.IVpc; readonly vpcSubnets: ec2.SubnetSelection; readonly securityGroup: ec2.ISecurityGroup }
  | { readonly subnetIds: string[]; readonly securityGroupId: string };

/** Properties of {@link DetectorFunction}. */
export interface DetectorFunctionProps {
  /** Handler of `@aad/runtimes` (`HANDLERS`): its bundle, environment contract and permissions. */
  readonly handler: HandlerSpec['name'];
  /** Physical function name. */
  readonly functionName: string;
  /**
   * Environment variables: exactly the handler contract's (optional ones may
   * be left out); anything else is an error naming the variable.
   */
  readonly environment: Readonly<Record<string, string>>;
  /**
   * ARNs for the named placeholders of the contract's permission templates.
   * @default - none (an error names any placeholder the contract needs)
   */
  readonly placeholders?: PermissionPlaceholders;
  /** Network the function runs in (VPC-only). */
  readonly network: FunctionNetwork;
  /** Policy with the network-interface and X-Ray permissions every detector function needs. */
  readonly runtimePolicy: iam.IManagedPolicy;
  /** Dead-letter queue of failed asynchronous invocations (also the on-failure destination). */
  readonly deadLetterQueue: sqs.IQueue;
  /** Key of the function's log group. */
  readonly logKey: kms.IKey;
  /** Name of the function's log group. */
  readonly logGroupName: string;
  /** Days the function's logs are kept. */
  readonly logRetentionDays: number;
  /**
   * Reserved concurrency: a ceiling that also protects the rest of the account.
   * @default 1
   */
  readonly reservedConcurrency?: number;
  /**
   * Memory in MiB.
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * Timeout.
   * @default Duration.seconds(60)
   */
  readonly timeout?: Duration;
  /**
   * What happens to the log group when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * One Lambda handler of `@aad/runtimes`, deployed the detector way: code from
 * its esbuild bundle (`Code.fromAsset`), Node.js 24 on arm64, in the private
 * subnets, its own role holding exactly the contract's statements, reserved
 * concurrency, a dead-letter queue and on-failure destination, active X-Ray
 * tracing and a KMS-encrypted log group with retention.
 */
export class DetectorFunction extends Construct {
  public readonly function: lambda.Function;
  public readonly role: DetectorRole;
  public readonly logGroup: logs.LogGroup;
  public readonly spec: HandlerSpec;

  constructor(scope: Construct, id: string, props: DetectorFunctionProps) {
    super(scope, id);
    this.spec = handlerSpec(props.handler);
    validateResourceName('functionName', props.functionName);
    validateHandlerEnvironment(this.spec, props.environment);
    const reserved = props.reservedConcurrency ?? 1;
    validateInteger('reservedConcurrency', reserved, 1, 1000);
    validateInteger('memorySize', props.memorySize, 128, 10240);

    this.role = new DetectorRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.functionName}: ${this.spec.description}`,
      managedPolicies: [props.runtimePolicy],
    });
    const statements = contractStatements(this.spec, props.environment, props.placeholders ?? {});
    for (const { statement } of statements) this.role.addToPrincipalPolicy(statement);

    this.logGroup = createLogGroup(this, 'LogGroup', {
      logGroupName: props.logGroupName,
      encryptionKey: props.logKey,
      retentionDays: props.logRetentionDays,
      removalPolicy: props.removalPolicy,
    });

    this.function = new lambda.Function(this, 'Function', {
      functionName: props.functionName,
      description: this.spec.description,
      code: lambda.Code.fromAsset(handlerBundleDir(this.spec.name)),
      handler: this.spec.entryPoint,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(60),
      environment: { ...props.environment },
      role: this.role,
      ...('vpc' in props.network
        ? {
            vpc: props.network.vpc,
            vpcSubnets: props.network.vpcSubnets,
            securityGroups: [props.network.securityGroup],
          }
        : {}),
      reservedConcurrentExecutions: reserved,
      deadLetterQueue: props.deadLetterQueue,
      onFailure: new destinations.SqsDestination(props.deadLetterQueue),
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
    });
    const cfn = this.function.node.defaultChild as lambda.CfnFunction;
    // X-Ray permissions live in the shared runtime policy; set the mode on the resource directly.
    cfn.tracingConfig = { mode: 'Active' };
    if (!('vpc' in props.network)) {
      cfn.vpcConfig = { subnetIds: props.network.subnetIds, securityGroupIds: [props.network.securityGroupId] };
    }
    this.logGroup.grantWrite(this.role);

    const wildcards = statements.flatMap(({ permission, statement }) =>
      statement.resources
        .filter((r) => permission.resources.some((t) => t.includes('*')) && resourceFinding(this, r).includes('*'))
        .map((r) => ({
          id: `${NAG_PLUGIN.awsSolutions}::AwsSolutions-IAM5[${resourceFinding(this, r)}]`,
          reason: permission.reason,
        })),
    );
    for (const { id: findingId, reason } of wildcards) {
      acknowledge(this.role.policy, ACKNOWLEDGEMENTS.wildcardFromHandlerContract, [findingId], reason);
    }
  }
}
