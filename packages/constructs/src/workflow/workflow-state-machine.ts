import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, IDependable } from 'constructs';
import { DetectorRole } from '../iam/detector-role';
import { createLogGroup } from '../logs/detector-log-group';
import { validateResourceName } from '../validation';

/** Properties of {@link WorkflowStateMachine}. */
export interface WorkflowStateMachineProps {
  /** Physical state machine name. */
  readonly stateMachineName: string;
  /** What the workflow does. */
  readonly description: string;
  /** Start state of the definition. */
  readonly definition: sfn.IChainable;
  /** Policy with X-Ray and vended log delivery permissions, shared by the workflows. */
  readonly runtimePolicy: iam.IManagedPolicy;
  /** Exactly the statements the definition's tasks need (CDK's automatic grants are not used). */
  readonly statements: iam.PolicyStatement[];
  /** Key and name of the execution log group. */
  readonly logKey: kms.IKey;
  readonly logGroupName: string;
  readonly logRetentionDays: number;
  /** Must exist before the state machine (the CloudWatch Logs resource policy for log delivery). */
  readonly logDelivery: IDependable;
  /**
   * What happens to the log group when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A standard Step Functions workflow of the detector: its own role with an
 * explicit statement list (the task constructs' automatic grants are
 * dropped, so nothing broader slips in), execution logging of ALL events
 * with execution data to a KMS-encrypted log group, and X-Ray tracing.
 */
export class WorkflowStateMachine extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly role: DetectorRole;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WorkflowStateMachineProps) {
    super(scope, id);
    validateResourceName('stateMachineName', props.stateMachineName);
    this.logGroup = createLogGroup(this, 'LogGroup', {
      logGroupName: props.logGroupName,
      encryptionKey: props.logKey,
      retentionDays: props.logRetentionDays,
      removalPolicy: props.removalPolicy,
    });
    this.role = new DetectorRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com'),
      description: `${props.stateMachineName}: ${props.description}`,
      managedPolicies: [props.runtimePolicy],
    });
    for (const statement of props.statements) this.role.addToPrincipalPolicy(statement);
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      comment: props.description,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(props.definition),
      role: this.role.withoutPolicyUpdates(),
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });
    // A Distributed Map makes CDK attach an inline policy with its own execution grants; the role's
    // explicit statements already cover them (states:StartExecution/DescribeExecution/StopExecution/RedriveExecution).
    this.stateMachine.node.tryRemoveChild('DistributedMapPolicy');
    this.stateMachine.node.addDependency(this.role, props.logDelivery);
  }
}
