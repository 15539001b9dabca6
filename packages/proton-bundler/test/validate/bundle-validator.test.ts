import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BundleFile, LoadedBundle, ValidationIssue, formatIssue, inferKind, validateBundle } from '../../src';
import { GOLDEN } from '../helpers';

const ENV_FILES = ['infrastructure/cloudformation.yaml', 'infrastructure/manifest.yaml', 'schema/schema.yaml'];
const SERVICE_FILES = [
  'instance_infrastructure/cloudformation.yaml',
  'instance_infrastructure/manifest.yaml',
  'schema/schema.yaml',
];

function golden(name: string, paths: string[]): BundleFile[] {
  return paths.map((path) => ({ path, content: readFileSync(join(GOLDEN, name, path), 'utf8') }));
}

/** The golden environment bundle with one file replaced by `edit(content)`. */
function envBundle(file?: string, edit?: (content: string) => string): LoadedBundle {
  const files = golden('aad-dev-detector', ENV_FILES).map((f) =>
    f.path === file && edit ? { ...f, content: edit(f.content) } : f,
  );
  return { name: 'aad-dev-detector', files };
}

const ENV_OUTPUTS = { name: 'aad-dev-detector', outputs: new Set(['AlertsTopicArn', 'DataKeyArn', 'IngestQueueUrl']) };

function messages(issues: ValidationIssue[]): string[] {
  return issues.map(formatIssue);
}

describe('validateBundle', () => {
  it('accepts the golden bundles', () => {
    expect(validateBundle(envBundle(), { criticalOutputs: ['AlertsTopicArn'] })).toEqual([]);
    const service = { name: 'aad-dev-team-pipeline', files: golden('aad-dev-team-pipeline', SERVICE_FILES) };
    expect(validateBundle(service, { environment: ENV_OUTPUTS })).toEqual([]);
  });

  it.each<[string, string, (s: string) => string, string[]]>([
    [
      'a schema without the input type key',
      'schema/schema.yaml',
      (s) => s.replace(/ {2}environment_input_type: .*\n/, ''),
      [
        "aad-dev-detector: schema/schema.yaml: schema.environment_input_type: missing required key 'environment_input_type' (a environment template names its input type)",
      ],
    ],
    [
      'an input type that does not exist',
      'schema/schema.yaml',
      (s) => s.replace('environment_input_type: AadDevDetectorEnvironmentInput', 'environment_input_type: Nope'),
      [
        "aad-dev-detector: schema/schema.yaml: schema.environment_input_type: input type 'Nope' does not exist under schema.types",
      ],
    ],
    [
      'a wrong OpenAPI version',
      'schema/schema.yaml',
      (s) => s.replace('openapi: 3.0.0', 'openapi: 2.0.0'),
      ["aad-dev-detector: schema/schema.yaml: schema.format.openapi: must be '3.0.0', received '2.0.0'"],
    ],
    [
      'an optional input without default and an input without description',
      'schema/schema.yaml',
      (s) =>
        s
          .replace('          default: "false"\n', '')
          .replace('          description: Address subscribed to the alerts topic\n', ''),
      [
        "aad-dev-detector: schema/schema.yaml: schema.types.AadDevDetectorEnvironmentInput.properties.enable_sage_maker_endpoint.default: optional input 'enable_sage_maker_endpoint' has no default",
        "aad-dev-detector: schema/schema.yaml: schema.types.AadDevDetectorEnvironmentInput.properties.alert_email.description: missing required key 'description'",
      ],
    ],
    [
      'a broken YAML schema',
      'schema/schema.yaml',
      (s) => s.replace('openapi: 3.0.0', 'openapi: "3.0.0'),
      ['aad-dev-detector: schema/schema.yaml: line 4, column 20: not valid YAML: Missing closing "quote'],
    ],
    [
      'a duplicate key',
      'infrastructure/manifest.yaml',
      (s) => `${s}infrastructure: {}\n`,
      [
        "aad-dev-detector: infrastructure/manifest.yaml: line 6, column 1: not valid YAML: duplicate key 'infrastructure'",
      ],
    ],
    [
      'an unresolved placeholder',
      'infrastructure/cloudformation.yaml',
      (s) => s.replace('TopicName: aad-dev-alerts', 'TopicName: "{{ environment.inputs.topic_name }}"'),
      [
        "aad-dev-detector: infrastructure/cloudformation.yaml: Resources.AlertsTopic7C9A6E31.Properties.TopicName: {{ environment.inputs.topic_name }} does not resolve: no input 'topic_name' in schema type AadDevDetectorEnvironmentInput",
      ],
    ],
    [
      'a placeholder in another namespace',
      'infrastructure/cloudformation.yaml',
      (s) => s.replace('TopicName: aad-dev-alerts', 'TopicName: "{{ service_instance.inputs.x }}"'),
      [
        'aad-dev-detector: infrastructure/cloudformation.yaml: Resources.AlertsTopic7C9A6E31.Properties.TopicName: {{ service_instance.inputs.x }} does not resolve: unknown namespace; an environment template reads environment.inputs.*',
      ],
    ],
    [
      'a placeholder outside a quoted string',
      'infrastructure/cloudformation.yaml',
      (s) => s.replace('TopicName: aad-dev-alerts', 'TopicName: aad-{{ environment.name }}-alerts'),
      [],
    ],
    [
      'an unused required input',
      'infrastructure/cloudformation.yaml',
      (s) => s.replace('    Default: "{{ environment.inputs.alert_email }}"\n', ''),
      [
        "aad-dev-detector: schema/schema.yaml: schema.types.AadDevDetectorEnvironmentInput.properties.alert_email: required input 'alert_email' is not used by any placeholder in infrastructure/cloudformation.yaml",
      ],
    ],
    [
      'a missing critical output',
      'infrastructure/cloudformation.yaml',
      (s) => s.replace(/ {2}AlertsTopicArn:\n(?: {4}.*\n)+/, ''),
      [
        "aad-dev-detector: infrastructure/cloudformation.yaml: Outputs.AlertsTopicArn: critical output 'AlertsTopicArn' is missing",
      ],
    ],
    [
      'a leftover bootstrap reference',
      'infrastructure/cloudformation.yaml',
      (s) => s.replace('TopicName: aad-dev-alerts', 'TopicName: cdk-hnb659fds-assets-111111111111-us-east-1'),
      [
        "aad-dev-detector: infrastructure/cloudformation.yaml: Resources.AlertsTopic7C9A6E31.Properties.TopicName: refers to the CDK bootstrap stack ('cdk-hnb659fds-assets-111111111111-us-east-1'); a template published outside cdk deploy must not",
      ],
    ],
    [
      'a manifest with another engine and a missing file',
      'infrastructure/manifest.yaml',
      () =>
        'infrastructure:\n  templates:\n    - file: main.yaml\n      rendering_engine: hcl\n      template_language: terraform\n',
      [
        "aad-dev-detector: infrastructure/manifest.yaml: infrastructure.templates[0].file: 'main.yaml' is not in the bundle (expected infrastructure/main.yaml)",
        "aad-dev-detector: infrastructure/manifest.yaml: infrastructure.templates[0].rendering_engine: must be 'jinja', received 'hcl'",
        "aad-dev-detector: infrastructure/manifest.yaml: infrastructure.templates[0].template_language: must be 'cloudformation', received 'terraform'",
      ],
    ],
  ])('reports %s with bundle, file and key path', (_what, file, edit, expected) => {
    // Act
    const issues = messages(validateBundle(envBundle(file, edit), { criticalOutputs: ['AlertsTopicArn'] }));
    // Assess
    expect(issues).toEqual(expected);
  });

  it('reports a placeholder that is not inside a quoted YAML string by line', () => {
    const bundle = envBundle('infrastructure/cloudformation.yaml', (s) =>
      s.replace('TopicName: aad-dev-alerts', 'TopicName: {{ environment.inputs.alert_email }}'),
    );
    const issues = messages(validateBundle(bundle));
    expect(issues).toContainEqual(
      expect.stringMatching(
        /^aad-dev-detector: infrastructure\/cloudformation.yaml: line \d+: \{\{ environment.inputs.alert_email \}\} is not inside a quoted YAML string; quote the whole value$/,
      ),
    );
  });

  it('resolves environment outputs of a service bundle only against its environment', () => {
    const service: LoadedBundle = {
      name: 'aad-dev-team-pipeline',
      files: golden('aad-dev-team-pipeline', SERVICE_FILES),
    };
    expect(
      messages(
        validateBundle(service, { environment: { name: 'aad-dev-detector', outputs: new Set(['DataKeyArn']) } }),
      ),
    ).toEqual([
      "aad-dev-team-pipeline: instance_infrastructure/cloudformation.yaml: Parameters.AlertsTopicArn.Default: {{ environment.outputs.AlertsTopicArn }} does not resolve: environment template aad-dev-detector has no output 'AlertsTopicArn'",
    ]);
    expect(messages(validateBundle(service)).length).toBe(2);
    expect(messages(validateBundle(service))[0]).toMatch(/no environment template bundle to read outputs from$/);
  });

  it('reports a bundle without an infrastructure manifest', () => {
    const bundle: LoadedBundle = { name: 'x', files: [{ path: 'schema/schema.yaml', content: 'schema: {}\n' }] };
    expect(messages(validateBundle(bundle))).toEqual([
      'x: (bundle): (layout): no infrastructure/manifest.yaml (environment) or instance_infrastructure/manifest.yaml (service)',
    ]);
    expect(inferKind(bundle.files)).toBeUndefined();
  });

  it('reports a missing schema file and an empty template', () => {
    const bundle: LoadedBundle = {
      name: 'x',
      files: [
        {
          path: 'infrastructure/manifest.yaml',
          content: readFileSync(join(GOLDEN, 'aad-dev-detector', 'infrastructure/manifest.yaml'), 'utf8'),
        },
        { path: 'infrastructure/cloudformation.yaml', content: 'Resources: {}\n' },
      ],
    };
    expect(messages(validateBundle(bundle))).toEqual([
      'x: schema/schema.yaml: (file): missing from the bundle',
      'x: infrastructure/cloudformation.yaml: Resources: a CloudFormation template needs at least one resource',
    ]);
  });

  it('enforces the CloudFormation limits', () => {
    const resources = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`T${i}`, { Type: 'AWS::SNS::Topic' }]));
    const big = `${JSON.stringify({ Resources: resources, Description: 'x'.repeat(1_048_576) })}\n`;
    const bundle = envBundle('infrastructure/cloudformation.yaml', () => big);
    const issues = messages(validateBundle(bundle));
    expect(issues).toContain(
      `aad-dev-detector: infrastructure/cloudformation.yaml: (file): template is ${Buffer.byteLength(big)} bytes; CloudFormation accepts at most 1048576 bytes from S3`,
    );
    expect(issues).toContain(
      'aad-dev-detector: infrastructure/cloudformation.yaml: Resources: 501 resources; CloudFormation allows 500',
    );
  });

  it('checks the schema structure key by key', () => {
    const schema = [
      'schema:',
      '  format: { openapi: "3.0.0" }',
      '  environment_input_type: T',
      '  types:',
      '    T:',
      '      type: array',
      '      properties:',
      '        a: { type: object, description: d, default: 1 }',
      '        b: { type: array, description: d }',
      '        c: 5',
      '      required: [b, c, zz]',
      '',
    ].join('\n');
    const bundle = envBundle('schema/schema.yaml', () => schema);
    const issues = messages(validateBundle(bundle)).filter((m) => m.includes('schema/schema.yaml'));
    expect(issues).toEqual([
      "aad-dev-detector: schema/schema.yaml: schema.types.T.type: must be 'object', received 'array'",
      "aad-dev-detector: schema/schema.yaml: schema.types.T.required[2]: 'zz' is not a property of T",
      "aad-dev-detector: schema/schema.yaml: schema.types.T.properties.a.type: unsupported type 'object' (use string, number, integer, boolean, array)",
      "aad-dev-detector: schema/schema.yaml: schema.types.T.properties.b.items.type: missing required key 'type' of the array items",
      'aad-dev-detector: schema/schema.yaml: schema.types.T.properties.c: must be a map with type and description',
      "aad-dev-detector: schema/schema.yaml: schema.types.T.properties.b: required input 'b' is not used by any placeholder in infrastructure/cloudformation.yaml",
      "aad-dev-detector: schema/schema.yaml: schema.types.T.properties.c: required input 'c' is not used by any placeholder in infrastructure/cloudformation.yaml",
    ]);
  });

  it('reports a schema that is not a schema document', () => {
    expect(messages(validateBundle(envBundle('schema/schema.yaml', () => 'other: 1\n'))).slice(0, 1)).toEqual([
      "aad-dev-detector: schema/schema.yaml: schema: missing required key 'schema'",
    ]);
    expect(
      messages(validateBundle(envBundle('schema/schema.yaml', () => 'schema:\n  environment_input_type: T\n'))).slice(
        0,
        2,
      ),
    ).toEqual([
      "aad-dev-detector: schema/schema.yaml: schema.format.openapi: missing required key 'openapi' (must be '3.0.0')",
      "aad-dev-detector: schema/schema.yaml: schema.types: missing required key 'types'",
    ]);
  });
});
