import { CfnResource, StackTemplate } from './cloud-assembly';

/** A resource with where it lives. */
export interface ResourceRef {
  readonly stack: StackTemplate;
  readonly logicalId: string;
  readonly resource: CfnResource;
}

/** The logical id a `{Ref}` or `{Fn::GetAtt}` points at, if `value` is one. */
export function refTarget(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string') return v.Ref;
  const getAtt = v['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}

/** Every logical id referenced anywhere inside `value` (Ref, GetAtt, Sub). */
export function referencedIds(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, into);
  } else if (typeof value === 'object' && value !== null) {
    const target = refTarget(value);
    if (target) into.add(target);
    const sub = (value as Record<string, unknown>)['Fn::Sub'];
    const subText = Array.isArray(sub) ? sub[0] : sub;
    if (typeof subText === 'string') {
      for (const m of subText.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z]+)?\}/g)) into.add(m[1]);
    }
    for (const child of Object.values(value)) referencedIds(child, into);
  }
  return into;
}

/** Resources of one type in a stack. */
export function resourcesOfType(stack: StackTemplate, type: string): ResourceRef[] {
  return Object.entries(stack.resources)
    .filter(([, r]) => r.Type === type)
    .map(([logicalId, resource]) => ({ stack, logicalId, resource }));
}

/** Tags of a resource as a map; both the list (`[{Key,Value}]`) and map forms are read. */
export function tagsOf(resource: CfnResource): Map<string, string> | undefined {
  const tags = resource.Properties?.Tags ?? resource.Properties?.TagSpecifications;
  if (tags === undefined) return undefined;
  const out = new Map<string, string>();
  if (Array.isArray(tags)) {
    for (const t of tags) {
      if (typeof t === 'object' && t !== null && 'Key' in t) {
        const { Key, Value } = t as { Key: unknown; Value: unknown };
        out.set(String(Key), typeof Value === 'string' ? Value : JSON.stringify(Value));
      }
    }
  } else if (typeof tags === 'object' && tags !== null) {
    for (const [k, v] of Object.entries(tags)) out.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  return out;
}

/** The construct path CDK records in `aws:cdk:path` metadata, when present. */
export function cdkPath(resource: CfnResource): string | undefined {
  const path = resource.Metadata?.['aws:cdk:path'];
  return typeof path === 'string' ? path : undefined;
}

/** A property read as an object (or undefined). */
export function prop<T = Record<string, unknown>>(resource: CfnResource, name: string): T | undefined {
  return resource.Properties?.[name] as T | undefined;
}

/** True for `true` and `"true"` (CloudFormation accepts both). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** Wraps a scalar or array as an array. */
export function asArray<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/** A parameter's `Default`, when `value` is a `{Ref}` to a parameter that has one. */
export function parameterDefault(stack: StackTemplate, value: unknown): unknown {
  const target = refTarget(value);
  if (!target || typeof value !== 'object' || value === null || !('Ref' in value)) return undefined;
  const parameter = stack.parameters[target] as { Default?: unknown } | undefined;
  return parameter?.Default;
}

/** A value with parameter references replaced by their defaults (scalars only). */
export function withDefaults(stack: StackTemplate, value: unknown): unknown {
  const d = parameterDefault(stack, value);
  return d === undefined ? value : d;
}

/**
 * Evaluates a template condition with every parameter at its default
 * (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`). Returns
 * undefined when it depends on something else (pseudo parameters, imports).
 */
export function conditionWithDefaults(stack: StackTemplate, name: string, depth = 0): boolean | undefined {
  if (depth > 20) return undefined;
  const evaluate = (expr: unknown): boolean | undefined => {
    if (typeof expr !== 'object' || expr === null) return undefined;
    const e = expr as Record<string, unknown>;
    if (typeof e.Condition === 'string') return conditionWithDefaults(stack, e.Condition, depth + 1);
    const equals = e['Fn::Equals'];
    if (Array.isArray(equals) && equals.length === 2) {
      const [a, b] = equals.map((v) => withDefaults(stack, v));
      if (typeof a === 'object' || typeof b === 'object') return undefined;
      return String(a) === String(b);
    }
    const list = (key: string): (boolean | undefined)[] | undefined =>
      Array.isArray(e[key]) ? (e[key] as unknown[]).map(evaluate) : undefined;
    const not = list('Fn::Not');
    if (not) return not[0] === undefined ? undefined : !not[0];
    const and = list('Fn::And');
    if (and) return and.includes(false) ? false : and.includes(undefined) ? undefined : true;
    const or = list('Fn::Or');
    if (or) return or.includes(true) ? true : or.includes(undefined) ? undefined : false;
    return undefined;
  };
  return evaluate(stack.conditions?.[name]);
}
