/**
 * A small typed schema language for the configuration: each field knows its
 * type, description, default and bounds, so one declaration gives the
 * TypeScript type, validation with exact messages, `AAD_*` environment
 * overrides and the generated reference documentation.
 */

interface FieldBase {
  readonly description: string;
  readonly optional?: boolean;
}

export interface StringField extends FieldBase {
  readonly kind: 'string';
  readonly pattern?: RegExp;
  /** Human-readable form of `pattern` for error messages. */
  readonly patternHint?: string;
  readonly oneOf?: readonly string[];
}
export interface NumberField extends FieldBase {
  readonly kind: 'number';
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
}
export interface BooleanField extends FieldBase {
  readonly kind: 'boolean';
}
export interface StringListField extends FieldBase {
  readonly kind: 'stringList';
  readonly pattern?: RegExp;
  readonly patternHint?: string;
}
export interface ObjectField<F extends Fields = Fields> extends FieldBase {
  readonly kind: 'object';
  readonly fields: F;
}
export type Field = StringField | NumberField | BooleanField | StringListField | ObjectField;
export type Fields = { readonly [key: string]: Field };

/** The TypeScript type a field validates to. */
export type Infer<F extends Field> =
  F extends ObjectField<infer Inner>
    ? InferFields<Inner>
    : F extends StringField
      ? string
      : F extends NumberField
        ? number
        : F extends BooleanField
          ? boolean
          : F extends StringListField
            ? readonly string[]
            : never;

type OptionalKeys<F extends Fields> = { [K in keyof F]: F[K]['optional'] extends true ? K : never }[keyof F];
type RequiredKeys<F extends Fields> = Exclude<keyof F, OptionalKeys<F>>;
export type InferFields<F extends Fields> = { readonly [K in RequiredKeys<F>]: Infer<F[K]> } & {
  readonly [K in OptionalKeys<F>]?: Infer<F[K]>;
};

type Opts<T> = Omit<T, 'kind' | 'description'>;

/** Field constructors: `s.string('What it is', { pattern })`. */
export const s = {
  string: (description: string, options: Opts<StringField> = {}): StringField => ({
    kind: 'string',
    description,
    ...options,
  }),
  number: (description: string, options: Opts<NumberField> = {}): NumberField => ({
    kind: 'number',
    description,
    ...options,
  }),
  integer: (description: string, options: Opts<NumberField> = {}): NumberField => ({
    kind: 'number',
    integer: true,
    description,
    ...options,
  }),
  boolean: (description: string, options: Opts<BooleanField> = {}): BooleanField => ({
    kind: 'boolean',
    description,
    ...options,
  }),
  stringList: (description: string, options: Opts<StringListField> = {}): StringListField => ({
    kind: 'stringList',
    description,
    ...options,
  }),
  object: <F extends Fields>(description: string, fields: F, options: { optional?: boolean } = {}): ObjectField<F> => ({
    kind: 'object',
    description,
    fields,
    ...options,
  }),
  optional: <F extends Field>(field: F): F & { readonly optional: true } => ({ ...field, optional: true }),
};

/** A problem with one value, located by key path. */
export interface FieldProblem {
  readonly path: readonly string[];
  readonly message: string;
  /** True when the problem is about the key itself (unknown key), not its value. */
  readonly atKey?: boolean;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}

/** Validates `value` against `field`; returns every problem found. */
export function validateField(field: Field, value: unknown, path: readonly string[] = []): FieldProblem[] {
  switch (field.kind) {
    case 'string':
      if (typeof value !== 'string') return [{ path, message: `must be a string, received ${describe(value)}` }];
      if (field.oneOf && !field.oneOf.includes(value)) {
        return [{ path, message: `must be one of ${field.oneOf.join(', ')}, received ${describe(value)}` }];
      }
      if (field.pattern && !field.pattern.test(value)) {
        return [
          {
            path,
            message: `must be ${field.patternHint ?? `a match of ${field.pattern}`}, received ${describe(value)}`,
          },
        ];
      }
      return [];
    case 'number': {
      if (typeof value !== 'number' || Number.isNaN(value)) {
        return [{ path, message: `must be a number, received ${describe(value)}` }];
      }
      if (field.integer && !Number.isInteger(value)) {
        return [{ path, message: `must be an integer, received ${value}` }];
      }
      if (field.min !== undefined && value < field.min) {
        return [{ path, message: `must be at least ${field.min}, received ${value}` }];
      }
      if (field.max !== undefined && value > field.max) {
        return [{ path, message: `must be at most ${field.max}, received ${value}` }];
      }
      return [];
    }
    case 'boolean':
      return typeof value === 'boolean'
        ? []
        : [{ path, message: `must be true or false, received ${describe(value)}` }];
    case 'stringList': {
      if (!Array.isArray(value)) return [{ path, message: `must be a list of strings, received ${describe(value)}` }];
      return value.flatMap((item, i) => validateField({ ...field, kind: 'string' }, item, [...path, String(i)]));
    }
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return [{ path, message: `must be a mapping, received ${describe(value)}` }];
      }
      const record = value as Record<string, unknown>;
      const problems: FieldProblem[] = [];
      for (const key of Object.keys(record)) {
        if (!(key in field.fields)) {
          const known = Object.keys(field.fields).join(', ');
          problems.push({ path: [...path, key], message: `unknown key (known keys here: ${known})`, atKey: true });
        }
      }
      for (const [key, child] of Object.entries(field.fields)) {
        if (record[key] === undefined || record[key] === null) {
          if (!child.optional) problems.push({ path: [...path, key], message: 'is required but missing' });
          continue;
        }
        problems.push(...validateField(child, record[key], [...path, key]));
      }
      return problems;
    }
  }
}

/** One scalar leaf of a schema, with the environment variable that overrides it. */
export interface SchemaLeaf {
  readonly path: readonly string[];
  readonly field: Exclude<Field, ObjectField>;
  readonly envVar: string;
}

/** `retention.rawLogsDays` → `AAD_RETENTION_RAW_LOGS_DAYS`. */
export function envVarFor(path: readonly string[]): string {
  return (
    'AAD_' +
    path
      .map((part) =>
        part
          .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
          .replace(/[^A-Za-z0-9]+/g, '_')
          .toUpperCase(),
      )
      .join('_')
  );
}

/** Every scalar leaf of an object schema, depth first, in declaration order. */
export function schemaLeaves(field: ObjectField, prefix: readonly string[] = []): SchemaLeaf[] {
  return Object.entries(field.fields).flatMap(([key, child]) => {
    const path = [...prefix, key];
    return child.kind === 'object' ? schemaLeaves(child, path) : [{ path, field: child, envVar: envVarFor(path) }];
  });
}

/**
 * Converts an environment variable's text to the leaf's type.
 * Returns the value, or a message saying what was expected.
 */
export function parseEnvValue(field: SchemaLeaf['field'], text: string): { value: unknown } | { error: string } {
  switch (field.kind) {
    case 'string':
      return { value: text };
    case 'number': {
      const n = Number(text.trim());
      return text.trim() === '' || Number.isNaN(n)
        ? { error: `must be a number, received ${JSON.stringify(text)}` }
        : { value: n };
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (t === 'true' || t === '1') return { value: true };
      if (t === 'false' || t === '0') return { value: false };
      return { error: `must be true, false, 1 or 0, received ${JSON.stringify(text)}` };
    }
    case 'stringList':
      return {
        value: text
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item.length > 0),
      };
  }
}
