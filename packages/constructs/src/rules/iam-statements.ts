import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { asArray, field } from './resolved-field';

/** One resolved Allow statement of an identity policy. */
export interface AllowStatement {
  readonly actions: readonly string[];
  readonly resources: readonly unknown[];
}

/**
 * The Allow statements of an identity policy resource (inline policy,
 * managed policy, or a role/user/group's inline `Policies`), resolved.
 * Resource policies (key, bucket, queue, topic policies) are not identity
 * policies and are not returned. `undefined` when the node holds none.
 */
export function identityAllowStatements(node: CfnResource): AllowStatement[] | undefined {
  const stack = Stack.of(node);
  const documents: unknown[] = [];
  if (node instanceof iam.CfnPolicy || node instanceof iam.CfnManagedPolicy) {
    documents.push(stack.resolve(node.policyDocument));
  } else if (node instanceof iam.CfnRole || node instanceof iam.CfnUser || node instanceof iam.CfnGroup) {
    for (const p of asArray(stack.resolve(node.policies))) documents.push(stack.resolve(field(p, 'PolicyDocument')));
  } else {
    return undefined;
  }
  const statements: AllowStatement[] = [];
  for (const document of documents) {
    const body = document as { Statement?: unknown[] } | undefined;
    for (const raw of body?.Statement ?? []) {
      const s = raw as { Effect?: string; Action?: unknown; Resource?: unknown };
      if (s.Effect !== 'Allow') continue;
      statements.push({ actions: asArray(s.Action).map(String), resources: asArray(s.Resource) });
    }
  }
  return statements;
}

/** `true` when the statement applies to every resource (`"Resource": "*"`). */
export function onEveryResource(statement: AllowStatement): boolean {
  return statement.resources.some((r) => r === '*');
}

function globRegex(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
}

/**
 * `true` when `action` (as written in a policy, wildcards allowed) grants
 * anything the service-scoped `pattern` describes: `kms:Decrypt` matches
 * `kms:*`; `s3:Get*` matches `s3:GetObject*`; `*` matches everything.
 */
export function actionMatches(pattern: string, action: string): boolean {
  if (action === '*' || action === '*:*') return true;
  return (
    globRegex(pattern).test(action) || (/[*?]/.test(action) && globRegex(action).test(pattern.replace(/[*?]/g, '')))
  );
}
