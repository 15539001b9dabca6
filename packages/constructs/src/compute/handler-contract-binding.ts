import { HandlerPermission, HandlerSpec } from '@aad/runtimes';
import { Aws, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { InvalidPropError } from '../errors';

/** Values of the non-environment placeholders of a handler's permission templates. */
export interface PermissionPlaceholders {
  /** ARN of the SQS queue that triggers the handler. */
  readonly IngestQueueArn?: string;
  /** ARN of the dead-letter queue behind `DEAD_LETTER_QUEUE_URL`. */
  readonly DeadLetterQueueArn?: string;
  /** Every customer-managed key the handler's resources are encrypted with. */
  readonly KmsKeyArns?: readonly string[];
}

/**
 * Checks `environment` against the handler contract: every required variable
 * set, nothing undeclared, numbers within bounds, strings matching their
 * pattern (values unknown until deploy are skipped).
 */
export function validateHandlerEnvironment(spec: HandlerSpec, environment: Readonly<Record<string, string>>): void {
  const declared = new Map(spec.environment.map((v) => [v.name, v]));
  for (const name of Object.keys(environment)) {
    if (!declared.has(name)) {
      throw new InvalidPropError(
        `environment.${name}`,
        `a variable of the '${spec.name}' handler contract (${[...declared.keys()].join(', ')})`,
        environment[name],
      );
    }
  }
  for (const variable of spec.environment) {
    const value = environment[variable.name];
    if (value === undefined) {
      if (variable.required ?? true) {
        throw new InvalidPropError(
          `environment.${variable.name}`,
          `set (required by the '${spec.name}' handler)`,
          value,
        );
      }
      continue;
    }
    if (Token.isUnresolved(value)) continue;
    if (variable.type !== 'string') {
      const n = Number(value);
      const integerOk = variable.type !== 'integer' || Number.isInteger(n);
      if (value.trim() === '' || Number.isNaN(n) || !integerOk) {
        throw new InvalidPropError(
          `environment.${variable.name}`,
          `${variable.type === 'integer' ? 'an integer' : 'a number'}`,
          value,
        );
      }
      if ((variable.min !== undefined && n < variable.min) || (variable.max !== undefined && n > variable.max)) {
        throw new InvalidPropError(
          `environment.${variable.name}`,
          `between ${variable.min ?? '-∞'} and ${variable.max ?? '∞'}`,
          value,
        );
      }
    } else if (value === '') {
      throw new InvalidPropError(`environment.${variable.name}`, 'a non-empty string', value);
    } else if (variable.pattern && !variable.pattern.test(value)) {
      throw new InvalidPropError(
        `environment.${variable.name}`,
        variable.patternHint ?? `matching ${variable.pattern}`,
        value,
      );
    }
  }
}

const PSEUDO: Readonly<Record<string, string>> = {
  'AWS::Partition': Aws.PARTITION,
  'AWS::Region': Aws.REGION,
  'AWS::AccountId': Aws.ACCOUNT_ID,
};

/**
 * Expands one resource template of the contract (`arn:${AWS::Partition}:s3:::${RAW_LOG_BUCKET}/*`):
 * pseudo parameters become CloudFormation references, `${ENV_VAR}` the value
 * given to that variable, named placeholders their ARNs (`${KmsKeyArns}` one
 * resource per key).
 */
export function expandResource(
  spec: HandlerSpec,
  permission: HandlerPermission,
  template: string,
  environment: Readonly<Record<string, string>>,
  placeholders: PermissionPlaceholders,
): string[] {
  const keys = placeholders.KmsKeyArns;
  if (template === '${KmsKeyArns}') {
    if (!keys || keys.length === 0) throw missing(spec, permission, 'KmsKeyArns');
    return [...keys];
  }
  const value = (name: string): string => {
    if (name in PSEUDO) return PSEUDO[name];
    if (name in environment) return environment[name];
    const placeholder = (placeholders as Record<string, unknown>)[name];
    if (typeof placeholder === 'string') return placeholder;
    throw missing(spec, permission, name);
  };
  return [template.replace(/\$\{([^}]+)\}/g, (_, name: string) => value(name))];
}

function missing(spec: HandlerSpec, permission: HandlerPermission, name: string): InvalidPropError {
  return new InvalidPropError(
    `placeholders.${name}`,
    `set: statement '${permission.sid}' of the '${spec.name}' handler contract uses \${${name}}`,
    undefined,
  );
}

/** The IAM statements of the handler contract, expanded for this deployment (`onlyWhenSet` honoured). */
export function contractStatements(
  spec: HandlerSpec,
  environment: Readonly<Record<string, string>>,
  placeholders: PermissionPlaceholders,
): { readonly permission: HandlerPermission; readonly statement: iam.PolicyStatement }[] {
  return spec.permissions
    .filter((p) => p.onlyWhenSet === undefined || environment[p.onlyWhenSet] !== undefined)
    .map((permission) => ({
      permission,
      statement: new iam.PolicyStatement({
        sid: permission.sid,
        actions: [...permission.actions],
        resources: permission.resources.flatMap((r) => expandResource(spec, permission, r, environment, placeholders)),
      }),
    }));
}
