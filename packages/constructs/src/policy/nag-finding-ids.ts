import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Flattens a resolved CloudFormation value the way cdk-nag names findings:
 * `Fn::Join` joined, `Ref` → `<Id>`, `Fn::GetAtt` → `<Id.Attr>`,
 * `${X}` in `Fn::Sub` → `<X>`. Acknowledgement ids built with it match the
 * finding ids exactly (e.g. `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::b/*]`).
 */
export function flattenCfnValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/}/g, '>');
  if (typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    if (Array.isArray(obj['Fn::Join'])) {
      const [delimiter, items] = obj['Fn::Join'] as [string, unknown[]];
      return items.map(flattenCfnValue).join(delimiter);
    }
    if (obj['Fn::Sub'] !== undefined) return flattenCfnValue(obj['Fn::Sub']);
    if (Array.isArray(obj['Fn::GetAtt'])) {
      const [resource, attribute] = obj['Fn::GetAtt'] as [unknown, unknown];
      return `<${flattenCfnValue(resource)}.${flattenCfnValue(attribute)}>`;
    }
    if (obj.Ref !== undefined) return `<${flattenCfnValue(obj.Ref)}>`;
  }
  return JSON.stringify(value);
}

/** The cdk-nag `Resource::…` finding name of an IAM resource value (a string that may hold tokens). */
export function resourceFinding(scope: IConstruct, resource: string): string {
  return `Resource::${flattenCfnValue(Stack.of(scope).resolve(resource))}`;
}
