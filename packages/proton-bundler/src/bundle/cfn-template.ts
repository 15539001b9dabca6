/** A JSON value as found in a CloudFormation template. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A CloudFormation parameter declaration. */
export interface CfnParameter {
  readonly Type: string;
  readonly Default?: string | number;
  readonly Description?: string;
  readonly AllowedValues?: readonly (string | number)[];
  readonly AllowedPattern?: string;
  readonly MinLength?: number;
  readonly MaxLength?: number;
  readonly MinValue?: number;
  readonly MaxValue?: number;
  readonly NoEcho?: boolean;
  readonly ConstraintDescription?: string;
}

/** A CloudFormation output declaration. */
export interface CfnOutput {
  readonly Value: JsonValue;
  readonly Description?: string;
  readonly Export?: { readonly Name: JsonValue };
  readonly Condition?: string;
}

/** The sections of a CloudFormation template this package reads or rewrites. */
export interface CfnTemplate {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Metadata?: Record<string, JsonValue>;
  Parameters?: Record<string, CfnParameter>;
  Rules?: Record<string, JsonValue>;
  Mappings?: Record<string, JsonValue>;
  Conditions?: Record<string, JsonValue>;
  Transform?: JsonValue;
  Resources?: Record<
    string,
    { Type: string; Properties?: Record<string, JsonValue>; [key: string]: JsonValue | undefined }
  >;
  Outputs?: Record<string, CfnOutput>;
}

/** Conventional order of the top-level sections, used when writing YAML. */
export const SECTION_ORDER: readonly (keyof CfnTemplate)[] = [
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
];

/** A copy of `template` with its sections in {@link SECTION_ORDER} (unknown sections last, sorted). */
export function orderSections(template: CfnTemplate): CfnTemplate {
  const source = template as Record<string, unknown>;
  const keys = [
    ...SECTION_ORDER.filter((k) => source[k] !== undefined),
    ...Object.keys(source)
      .filter((k) => !(SECTION_ORDER as readonly string[]).includes(k))
      .sort(),
  ];
  return Object.fromEntries(keys.map((k) => [k, source[k]])) as CfnTemplate;
}

/** Deep copy of JSON data. */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Renders a key path: `Resources.Fn.Properties.Tags[0].Value`. */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** Calls `visit` for every string in `value` (keys excluded) with its key path. */
export function forEachString(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === 'string') {
    visit(value, path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => forEachString(item, joinPath(path, i), visit));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) forEachString(item, joinPath(path, key), visit);
  }
}

/** True when `value` (anywhere inside) contains `{ Ref: name }` or `${name}` in an `Fn::Sub` string. */
export function referencesName(value: unknown, name: string): boolean {
  if (Array.isArray(value)) return value.some((v) => referencesName(v, name));
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  if (record.Ref === name) return true;
  if (record.Condition === name) return true;
  const ifArgs = record['Fn::If'];
  if (Array.isArray(ifArgs) && ifArgs[0] === name) return true;
  const sub = record['Fn::Sub'];
  const subText = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
  if (subText !== undefined && new RegExp(`\\$\\{${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\}`).test(subText)) {
    return true;
  }
  return Object.values(record).some((v) => referencesName(v, name));
}

/** Byte-order comparison of strings: the same on every machine and locale (unlike `localeCompare`). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
