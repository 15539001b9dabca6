import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { InvalidPropError } from '../errors';

/** Properties of {@link ParameterHierarchy}. */
export interface ParameterHierarchyProps {
  /** Deploy the module (`features.ssmParameters`). */
  readonly enabled: boolean;
  /** Root of the hierarchy, e.g. `/aad/dev` (no trailing slash). */
  readonly root: string;
  /** Non-secret runtime settings, relative name → value (e.g. `tables/audit` → `aad-dev-audit`). */
  readonly values: Readonly<Record<string, string>>;
  /**
   * Key SecureString parameters under `<root>/secure/` must use (CloudFormation
   * cannot create SecureString parameters; operators put them with this key).
   */
  readonly secureKey: kms.IKey;
}

/**
 * SSM Parameter Store hierarchy of the detector: every non-secret runtime
 * setting under `<root>/…` (String), and the convention that secrets live
 * under `<root>/secure/…` as SecureString with the detector's data key;
 * {@link ParameterHierarchy.readPolicyStatements} grants path-scoped reads.
 */
export class ParameterHierarchy extends Construct {
  public readonly enabled: boolean;
  public readonly parameters: ssm.StringParameter[] = [];
  public readonly root: string;
  private readonly secureKey: kms.IKey;

  constructor(scope: Construct, id: string, props: ParameterHierarchyProps) {
    super(scope, id);
    this.enabled = props.enabled;
    this.root = props.root;
    this.secureKey = props.secureKey;
    if (!/^(\/[A-Za-z0-9_.-]+)+$/.test(props.root)) {
      throw new InvalidPropError('root', "a parameter path like '/aad/dev' (no trailing slash)", props.root);
    }
    if (!props.enabled) return;
    for (const [name, value] of Object.entries(props.values)) {
      if (!/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(name)) {
        throw new InvalidPropError('values', "relative parameter names like 'tables/audit'", name);
      }
      this.parameters.push(
        new ssm.StringParameter(this, `Parameter-${name}`, {
          parameterName: `${props.root}/${name}`,
          stringValue: value,
          tier: ssm.ParameterTier.STANDARD,
          description: `Access Anomaly Detector setting ${name}`,
        }),
      );
    }
  }

  /** Statements that let a principal read the hierarchy, secure values included. */
  public readPolicyStatements(parameterArnPrefix: string): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({
        actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
        resources: [`${parameterArnPrefix}${this.root}/*`],
      }),
      new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [this.secureKey.keyArn],
        conditions: {
          StringLike: { 'kms:EncryptionContext:PARAMETER_ARN': `${parameterArnPrefix}${this.root}/secure/*` },
        },
      }),
    ];
  }
}
