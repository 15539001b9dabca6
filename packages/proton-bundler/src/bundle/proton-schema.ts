import { TemplateInput, TemplateKind } from './input-mapping';

/** Directory of the IaC file and its manifest inside a bundle, per kind. */
export const INFRASTRUCTURE_DIR: Readonly<Record<TemplateKind, string>> = {
  environment: 'infrastructure',
  service: 'instance_infrastructure',
};

/** Schema key naming the input type, per kind. */
export const INPUT_TYPE_KEY: Readonly<Record<TemplateKind, string>> = {
  environment: 'environment_input_type',
  service: 'service_input_type',
};

/** File name of the CloudFormation IaC file inside the infrastructure directory. */
export const IAC_FILE = 'cloudformation.yaml';

/** `aad-dev-team-pipeline` → `AadDevTeamPipeline`. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((s) => s.length > 0)
    .map((s) => s[0].toUpperCase() + s.slice(1))
    .join('');
}

/** Name of the input type under `types:`. */
export function inputTypeName(templateName: string, kind: TemplateKind): string {
  return `${pascalCase(templateName)}${kind === 'environment' ? 'EnvironmentInput' : 'ServiceInstanceInput'}`;
}

function property(input: TemplateInput): Record<string, unknown> {
  return {
    type: input.type,
    description: input.description,
    ...(input.type === 'array' ? { items: { type: input.items ?? 'string' } } : {}),
    ...(input.default === undefined ? {} : { default: input.default }),
    ...(input.enum ? { enum: input.enum } : {}),
    ...(input.pattern !== undefined ? { pattern: input.pattern } : {}),
    ...(input.minLength !== undefined ? { minLength: input.minLength } : {}),
    ...(input.maxLength !== undefined ? { maxLength: input.maxLength } : {}),
    ...(input.minimum !== undefined ? { minimum: input.minimum } : {}),
    ...(input.maximum !== undefined ? { maximum: input.maximum } : {}),
  };
}

/**
 * The Proton `schema/schema.yaml` document (OpenAPI 3.0.0): one object type
 * under `types:` named by `environment_input_type` or `service_input_type`,
 * every input with a type and a description, a default where optional.
 */
export function protonSchema(
  templateName: string,
  kind: TemplateKind,
  description: string,
  inputs: readonly TemplateInput[],
): Record<string, unknown> {
  const typeName = inputTypeName(templateName, kind);
  const required = inputs.filter((i) => i.required).map((i) => i.name);
  return {
    schema: {
      format: { openapi: '3.0.0' },
      [INPUT_TYPE_KEY[kind]]: typeName,
      types: {
        [typeName]: {
          type: 'object',
          description,
          properties: Object.fromEntries(inputs.map((i) => [i.name, property(i)])),
          ...(required.length > 0 ? { required } : {}),
        },
      },
    },
  };
}

/** The `manifest.yaml` of the infrastructure directory. */
export function infrastructureManifest(): Record<string, unknown> {
  return {
    infrastructure: {
      templates: [{ file: IAC_FILE, rendering_engine: 'jinja', template_language: 'cloudformation' }],
    },
  };
}
