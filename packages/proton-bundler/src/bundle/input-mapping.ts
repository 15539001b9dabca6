import { TemplateMappingError } from '../errors';
import { CfnParameter, CfnTemplate, cloneJson } from './cfn-template';

/** Proton template kinds: the shared environment, or a service deployed into it. */
export type TemplateKind = 'environment' | 'service';

/** Schema types an input can have (OpenAPI 3.0.0 subset Proton supports). */
export type InputType = 'string' | 'number' | 'array';

/** Scalar value of an input default or enum. */
export type InputScalar = string | number;

/** One schema input, mapped from one CloudFormation parameter. */
export interface TemplateInput {
  /** Schema input name (snake_case of the parameter), e.g. `enable_sage_maker_endpoint`. */
  readonly name: string;
  /** The CloudFormation parameter it feeds, e.g. `EnableSageMakerEndpoint`. */
  readonly parameter: string;
  readonly type: InputType;
  /** Item type of an `array` input. */
  readonly items?: 'string' | 'number';
  /** True when the parameter has no default. */
  readonly required: boolean;
  /** Default value (only for optional inputs). */
  readonly default?: InputScalar | InputScalar[];
  readonly description: string;
  readonly enum?: InputScalar[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** A service parameter fed by an environment output of the same name. */
export interface EnvironmentOutputBinding {
  readonly parameter: string;
  readonly output: string;
}

/** How a template's parameters become schema inputs and environment-output references. */
export interface ParameterMapping {
  readonly inputs: readonly TemplateInput[];
  readonly environmentOutputs: readonly EnvironmentOutputBinding[];
}

/** Jinja namespace of a kind's own inputs. */
export function inputNamespace(kind: TemplateKind): string {
  return kind === 'environment' ? 'environment.inputs' : 'service_instance.inputs';
}

/** `EnableSageMakerEndpoint` → `enable_sage_maker_endpoint`; `VPCId` → `vpc_id`; `S3Prefix` → `s3_prefix`. */
export function toInputName(parameter: string): string {
  return parameter
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .toLowerCase();
}

/** The Jinja placeholder for an input: arrays are joined back into CloudFormation's comma-delimited form. */
export function inputPlaceholder(kind: TemplateKind, input: TemplateInput): string {
  const ref = `${inputNamespace(kind)}.${input.name}`;
  return input.type === 'array' ? `{{ ${ref} | join(',') }}` : `{{ ${ref} }}`;
}

/** The Jinja placeholder for an environment output. */
export function outputPlaceholder(output: string): string {
  return `{{ environment.outputs.${output} }}`;
}

function typeOf(parameter: CfnParameter): { type: InputType; items?: 'string' | 'number' } {
  const t = parameter.Type;
  if (t === 'Number') return { type: 'number' };
  if (t === 'List<Number>') return { type: 'array', items: 'number' };
  if (t === 'CommaDelimitedList' || /^List<.+>$/.test(t) || /^AWS::SSM::Parameter::Value<List<.+>>$/.test(t)) {
    return { type: 'array', items: 'string' };
  }
  return { type: 'string' };
}

function toNumber(stackName: string, name: string, value: string | number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || String(value).trim() === '') {
    throw new TemplateMappingError(`${stackName}: Parameters.${name}.Default must be a number, received '${value}'`);
  }
  return n;
}

function defaultOf(stackName: string, name: string, parameter: CfnParameter, type: ReturnType<typeof typeOf>) {
  if (parameter.Default === undefined) return undefined;
  if (type.type === 'number') return toNumber(stackName, name, parameter.Default);
  if (type.type === 'array') {
    const text = String(parameter.Default);
    const items = text === '' ? [] : text.split(',').map((s) => s.trim());
    return type.items === 'number' ? items.map((s) => toNumber(stackName, name, s)) : items;
  }
  return String(parameter.Default);
}

function toInput(stackName: string, name: string, parameter: CfnParameter): TemplateInput {
  const type = typeOf(parameter);
  const def = defaultOf(stackName, name, parameter, type);
  const allowed = parameter.AllowedValues?.map((v) => (type.type === 'number' ? Number(v) : String(v)));
  const input: TemplateInput = {
    name: toInputName(name),
    parameter: name,
    ...type,
    required: def === undefined,
    ...(def === undefined ? {} : { default: def }),
    description: parameter.Description?.trim() || `CloudFormation parameter ${name} (${parameter.Type})`,
    ...(allowed && type.type !== 'array' ? { enum: allowed } : {}),
    ...(parameter.AllowedPattern !== undefined && type.type === 'string' ? { pattern: parameter.AllowedPattern } : {}),
    ...(parameter.MinLength !== undefined && type.type === 'string' ? { minLength: Number(parameter.MinLength) } : {}),
    ...(parameter.MaxLength !== undefined && type.type === 'string' ? { maxLength: Number(parameter.MaxLength) } : {}),
    ...(parameter.MinValue !== undefined && type.type === 'number' ? { minimum: Number(parameter.MinValue) } : {}),
    ...(parameter.MaxValue !== undefined && type.type === 'number' ? { maximum: Number(parameter.MaxValue) } : {}),
  };
  return input;
}

/**
 * Maps a template's parameters: a service parameter named exactly like an
 * output of its environment template reads that output; every other
 * parameter becomes a schema input (required when it has no default).
 *
 * @example mapParameters('aad-dev-team-pipeline', params, 'service', new Set(['AlertsTopicArn']))
 */
export function mapParameters(
  stackName: string,
  parameters: Readonly<Record<string, CfnParameter>>,
  kind: TemplateKind,
  environmentOutputs: ReadonlySet<string> = new Set(),
): ParameterMapping {
  const inputs: TemplateInput[] = [];
  const bindings: EnvironmentOutputBinding[] = [];
  const byInputName = new Map<string, string>();
  for (const [name, parameter] of Object.entries(parameters)) {
    if (kind === 'service' && environmentOutputs.has(name)) {
      bindings.push({ parameter: name, output: name });
      continue;
    }
    const input = toInput(stackName, name, parameter);
    const clash = byInputName.get(input.name);
    if (clash) {
      throw new TemplateMappingError(
        `${stackName}: Parameters.${name} and Parameters.${clash} both map to the input '${input.name}'; rename one`,
      );
    }
    byInputName.set(input.name, name);
    inputs.push(input);
  }
  return { inputs, environmentOutputs: bindings };
}

/**
 * The Proton variant of a template: each mapped parameter's `Default`
 * becomes its Jinja placeholder, so every `Ref` and `${X}` keeps working and
 * the parameter's own constraints still check the rendered value.
 */
export function applyPlaceholders(template: CfnTemplate, mapping: ParameterMapping, kind: TemplateKind): CfnTemplate {
  const out = cloneJson(template);
  const parameters = out.Parameters ?? {};
  for (const input of mapping.inputs) {
    parameters[input.parameter] = { ...parameters[input.parameter], Default: inputPlaceholder(kind, input) };
  }
  for (const binding of mapping.environmentOutputs) {
    parameters[binding.parameter] = { ...parameters[binding.parameter], Default: outputPlaceholder(binding.output) };
  }
  return out;
}
