import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Properties of {@link DetectorRole}. */
export interface DetectorRoleProps {
  /** Who assumes the role (a service principal). */
  readonly assumedBy: iam.IPrincipal;
  /** What the role is for (shown in the IAM console). */
  readonly description: string;
  /**
   * Customer-managed policies attached besides the role's own policy.
   * @default - none
   */
  readonly managedPolicies?: iam.IManagedPolicy[];
  /**
   * Permission boundary of the role. A stack-wide boundary
   * (`iam.PermissionsBoundary.of(stack).apply(...)`) also covers it.
   * @default - none here
   */
  readonly permissionsBoundary?: iam.IManagedPolicy;
}

/**
 * An IAM role whose every permission lives in one customer-managed policy of
 * its own (created on the first statement), never in an inline policy: NIST
 * 800-53, HIPAA and PCI DSS packs reject inline policies, and CDK grants
 * (`bucket.grantRead(role)`) land in the managed policy unchanged.
 */
export class DetectorRole extends iam.Role {
  private ownPolicy?: iam.ManagedPolicy;
  private readonly policyDescription: string;

  constructor(scope: Construct, id: string, props: DetectorRoleProps) {
    super(scope, id, {
      assumedBy: props.assumedBy,
      description: props.description,
      managedPolicies: props.managedPolicies,
      permissionsBoundary: props.permissionsBoundary,
    });
    this.policyDescription = `Permissions of: ${props.description}`.slice(0, 1000);
  }

  /** The role's own customer-managed policy (created on first use). */
  public get policy(): iam.ManagedPolicy {
    if (!this.ownPolicy) {
      this.ownPolicy = new iam.ManagedPolicy(this, 'Policy', {
        description: this.policyDescription,
        roles: [this],
      });
    }
    return this.ownPolicy;
  }

  public override addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.policy.addStatements(narrowKmsActions(statement));
    return { statementAdded: true, policyDependable: this.policy };
  }
}

/**
 * CDK's queue and topic grants give `kms:Encrypt`, `kms:ReEncrypt*` and
 * `kms:GenerateDataKey*` for a customer-managed key; sending to or reading
 * from an SSE-KMS queue or topic needs `kms:GenerateDataKey` and
 * `kms:Decrypt` only. Statements with wildcard KMS actions are narrowed to
 * those (and `kms:Encrypt`, `kms:DescribeKey` when present).
 */
export function narrowKmsActions(statement: iam.PolicyStatement): iam.PolicyStatement {
  const actions = statement.actions;
  if (!actions.some((a) => a === 'kms:ReEncrypt*' || a === 'kms:GenerateDataKey*')) return statement;
  if (!actions.every((a) => a.startsWith('kms:'))) return statement;
  const narrowed = [
    ...new Set(
      actions
        .filter((a) => a !== 'kms:ReEncrypt*')
        .map((a) => (a === 'kms:GenerateDataKey*' ? 'kms:GenerateDataKey' : a)),
    ),
  ];
  const json = statement.toStatementJson() as { Condition?: Record<string, Record<string, unknown>> };
  return new iam.PolicyStatement({
    sid: statement.sid,
    effect: statement.effect,
    actions: narrowed,
    resources: statement.resources,
    conditions: json.Condition,
  });
}
