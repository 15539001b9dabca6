import { LineCounter, isScalar, parseDocument, visit } from 'yaml';
import { forEachString, joinPath } from '../bundle/cfn-template';
import { findBootstrapReferences } from '../bundle/detach-from-cdk';
import { TemplateKind } from '../bundle/input-mapping';
import { INFRASTRUCTURE_DIR, INPUT_TYPE_KEY } from '../bundle/proton-schema';
import { BundleFile } from '../bundle/tarball';
import { ValidationIssue } from '../errors';
import { SERVICE_LIMITS } from './service-limits';

/** A bundle to validate: built in memory, read from a tarball or from a directory. */
export interface LoadedBundle {
  /** Template name (tarball or directory name). */
  readonly name: string;
  readonly files: readonly BundleFile[];
  /** Kind, when known from the manifest; otherwise inferred from the layout. */
  readonly kind?: TemplateKind;
  /**
   * Documents the caller serialized itself, by path: the build passes the
   * objects it wrote with `yaml.stringify`, so a 1 MB template is not parsed
   * back (`validate DIR` always parses).
   * @default - every file is parsed
   */
  readonly documents?: ReadonlyMap<string, unknown>;
}

/** What validation knows beyond the bundle itself. */
export interface ValidationContext {
  /**
   * Outputs of the environment template a service bundle runs in, and that
   * template's name (for messages).
   * @default - unknown: `{{ environment.outputs.X }}` cannot be resolved
   */
  readonly environment?: { readonly name: string; readonly outputs: ReadonlySet<string> };
  /**
   * Outputs the template must keep (read by a service template, or exported).
   * @default - none
   */
  readonly criticalOutputs?: readonly string[];
}

/** Proton's own parameters, always available in addition to the schema inputs. */
const BUILTINS: Readonly<Record<TemplateKind, ReadonlySet<string>>> = {
  environment: new Set(['environment.name']),
  service: new Set([
    'environment.name',
    'service.name',
    'service.branch_name',
    'service.repository_connection_arn',
    'service.repository_id',
    'service_instance.name',
  ]),
};

const SCHEMA_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array']);
const PLACEHOLDER = /\{\{\s*(.*?)\s*\}\}/g;

type Issue = Omit<ValidationIssue, 'bundle'>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

interface ParsedFile {
  readonly file: BundleFile;
  readonly data: unknown;
}

function parseYaml(file: BundleFile, issues: Issue[]): ParsedFile | undefined {
  // yaml's own unique-key check is quadratic per map (slow on 500-resource templates): check keys with a Set instead.
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.content, { logLevel: 'error', uniqueKeys: false, lineCounter });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const pos = error.linePos?.[0];
      issues.push({
        file: file.path,
        path: pos ? `line ${pos.line}, column ${pos.col}` : '(file)',
        message: `not valid YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      });
    }
    return undefined;
  }
  let duplicates = 0;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) {
          const pos = lineCounter.linePos(pair.key.range?.[0] ?? 0);
          issues.push({
            file: file.path,
            path: `line ${pos.line}, column ${pos.col}`,
            message: `not valid YAML: duplicate key '${key}'`,
          });
          duplicates++;
        }
        seen.add(key);
      }
    },
  });
  return duplicates > 0 ? undefined : { file, data: doc.toJS() as unknown };
}

/** Infers the kind from the layout: `infrastructure/` (environment) or `instance_infrastructure/` (service). */
export function inferKind(files: readonly BundleFile[]): TemplateKind | undefined {
  const paths = new Set(files.map((f) => f.path));
  if (paths.has(`${INFRASTRUCTURE_DIR.environment}/manifest.yaml`)) return 'environment';
  if (paths.has(`${INFRASTRUCTURE_DIR.service}/manifest.yaml`)) return 'service';
  return undefined;
}

interface SchemaFacts {
  /** False when the input type could not be read: placeholders of inputs are then not checked. */
  readonly known: boolean;
  readonly typeName?: string;
  readonly properties: ReadonlyMap<string, { readonly required: boolean }>;
  readonly typePath: string;
}

function checkSchema(parsed: ParsedFile | undefined, kind: TemplateKind, issues: Issue[]): SchemaFacts {
  const file = 'schema/schema.yaml';
  const facts = { known: false, properties: new Map<string, { required: boolean }>(), typePath: 'schema.types' };
  if (!parsed) return facts;
  const root = parsed.data;
  if (!isRecord(root) || !isRecord(root.schema)) {
    issues.push({ file, path: 'schema', message: "missing required key 'schema'" });
    return facts;
  }
  const schema = root.schema;
  const openapi = isRecord(schema.format) ? schema.format.openapi : undefined;
  if (openapi !== '3.0.0') {
    issues.push({
      file,
      path: 'schema.format.openapi',
      message:
        openapi === undefined
          ? "missing required key 'openapi' (must be '3.0.0')"
          : `must be '3.0.0', received '${String(openapi)}'`,
    });
  }
  const typeKey = INPUT_TYPE_KEY[kind];
  const typeName = schema[typeKey];
  if (typeof typeName !== 'string' || typeName === '') {
    issues.push({
      file,
      path: `schema.${typeKey}`,
      message: `missing required key '${typeKey}' (a ${kind} template names its input type)`,
    });
    return facts;
  }
  if (!isRecord(schema.types)) {
    issues.push({ file, path: 'schema.types', message: "missing required key 'types'" });
    return { ...facts, typeName };
  }
  const typePath = `schema.types.${typeName}`;
  const type = schema.types[typeName];
  if (!isRecord(type)) {
    issues.push({
      file,
      path: `schema.${typeKey}`,
      message: `input type '${typeName}' does not exist under schema.types`,
    });
    return { ...facts, typeName, typePath };
  }
  if (type.type !== 'object') {
    issues.push({ file, path: `${typePath}.type`, message: `must be 'object', received '${String(type.type)}'` });
  }
  if (!isRecord(type.properties)) {
    issues.push({ file, path: `${typePath}.properties`, message: "missing required key 'properties'" });
    return { ...facts, typeName, typePath };
  }
  const required = Array.isArray(type.required) ? type.required.map(String) : [];
  required.forEach((name, i) => {
    if (!isRecord(type.properties) || !(name in type.properties)) {
      issues.push({ file, path: `${typePath}.required[${i}]`, message: `'${name}' is not a property of ${typeName}` });
    }
  });
  const properties = new Map<string, { required: boolean }>();
  for (const [name, prop] of Object.entries(type.properties)) {
    const path = `${typePath}.properties.${name}`;
    const isRequired = required.includes(name);
    properties.set(name, { required: isRequired });
    if (name.length > SERVICE_LIMITS.inputNameLength) {
      issues.push({
        file,
        path,
        message: `input name is ${name.length} characters; Proton allows ${SERVICE_LIMITS.inputNameLength}`,
      });
    }
    if (!isRecord(prop)) {
      issues.push({ file, path, message: 'must be a map with type and description' });
      continue;
    }
    if (typeof prop.type !== 'string') {
      issues.push({ file, path: `${path}.type`, message: "missing required key 'type'" });
    } else if (!SCHEMA_TYPES.has(prop.type)) {
      issues.push({
        file,
        path: `${path}.type`,
        message: `unsupported type '${prop.type}' (use ${[...SCHEMA_TYPES].join(', ')})`,
      });
    } else if (prop.type === 'array' && !(isRecord(prop.items) && typeof prop.items.type === 'string')) {
      issues.push({ file, path: `${path}.items.type`, message: "missing required key 'type' of the array items" });
    }
    if (typeof prop.description !== 'string' || prop.description.trim() === '') {
      issues.push({ file, path: `${path}.description`, message: "missing required key 'description'" });
    }
    if (!isRequired && prop.default === undefined) {
      issues.push({ file, path: `${path}.default`, message: `optional input '${name}' has no default` });
    }
  }
  return { known: true, typeName, properties, typePath };
}

function checkInfrastructureManifest(
  parsed: ParsedFile | undefined,
  infra: string,
  paths: ReadonlySet<string>,
  issues: Issue[],
): string[] {
  const file = `${infra}/manifest.yaml`;
  if (!parsed) return [];
  const root = parsed.data;
  const templates = isRecord(root) && isRecord(root.infrastructure) ? root.infrastructure.templates : undefined;
  if (!Array.isArray(templates) || templates.length === 0) {
    issues.push({ file, path: 'infrastructure.templates', message: 'must be a non-empty list of templates' });
    return [];
  }
  const iacFiles: string[] = [];
  templates.forEach((entry, i) => {
    const path = `infrastructure.templates[${i}]`;
    if (!isRecord(entry)) {
      issues.push({ file, path, message: 'must be a map with file, rendering_engine and template_language' });
      return;
    }
    if (typeof entry.file !== 'string') {
      issues.push({ file, path: `${path}.file`, message: "missing required key 'file'" });
    } else if (!paths.has(`${infra}/${entry.file}`)) {
      issues.push({
        file,
        path: `${path}.file`,
        message: `'${entry.file}' is not in the bundle (expected ${infra}/${entry.file})`,
      });
    } else {
      iacFiles.push(`${infra}/${entry.file}`);
    }
    if (entry.rendering_engine !== 'jinja') {
      issues.push({
        file,
        path: `${path}.rendering_engine`,
        message: `must be 'jinja', received '${String(entry.rendering_engine)}'`,
      });
    }
    if (entry.template_language !== 'cloudformation') {
      issues.push({
        file,
        path: `${path}.template_language`,
        message: `must be 'cloudformation', received '${String(entry.template_language)}'`,
      });
    }
  });
  return iacFiles;
}

function resolvePlaceholder(
  ref: string,
  kind: TemplateKind,
  schema: SchemaFacts,
  context: ValidationContext,
): string | undefined {
  if (BUILTINS[kind].has(ref)) return undefined;
  const own = kind === 'environment' ? 'environment.inputs.' : 'service_instance.inputs.';
  if (ref.startsWith(own)) {
    const name = ref.slice(own.length);
    if (!schema.known || schema.properties.has(name)) return undefined;
    return `no input '${name}' in schema type ${schema.typeName}`;
  }
  if (kind === 'service' && ref.startsWith('environment.outputs.')) {
    const output = ref.slice('environment.outputs.'.length);
    if (!context.environment) return 'no environment template bundle to read outputs from';
    return context.environment.outputs.has(output)
      ? undefined
      : `environment template ${context.environment.name} has no output '${output}'`;
  }
  return kind === 'environment'
    ? 'unknown namespace; an environment template reads environment.inputs.*'
    : 'unknown namespace; a service template reads service_instance.inputs.* and environment.outputs.*';
}

function checkIac(
  parsed: ParsedFile | undefined,
  kind: TemplateKind,
  schema: SchemaFacts,
  context: ValidationContext,
  issues: Issue[],
): Set<string> {
  const used = new Set<string>();
  if (!parsed) return used;
  const file = parsed.file.path;
  const size = Buffer.byteLength(parsed.file.content, 'utf8');
  if (size > SERVICE_LIMITS.templateBytes) {
    issues.push({
      file,
      path: '(file)',
      message: `template is ${size} bytes; CloudFormation accepts at most ${SERVICE_LIMITS.templateBytes} bytes from S3`,
    });
  }
  const template = parsed.data;
  if (!isRecord(template) || !isRecord(template.Resources) || Object.keys(template.Resources).length === 0) {
    issues.push({ file, path: 'Resources', message: 'a CloudFormation template needs at least one resource' });
    return used;
  }
  for (const [section, max] of [
    ['Resources', SERVICE_LIMITS.resources],
    ['Parameters', SERVICE_LIMITS.parameters],
    ['Outputs', SERVICE_LIMITS.outputs],
  ] as const) {
    const count = isRecord(template[section]) ? Object.keys(template[section]).length : 0;
    if (count > max) {
      issues.push({ file, path: section, message: `${count} ${section.toLowerCase()}; CloudFormation allows ${max}` });
    }
  }
  const found: string[] = [];
  forEachString(template, '', (text, path) => {
    for (const match of text.matchAll(PLACEHOLDER)) {
      found.push(match[0]);
      const ref = match[1].split('|')[0].trim();
      if (ref.startsWith(kind === 'environment' ? 'environment.inputs.' : 'service_instance.inputs.')) {
        used.add(ref.split('.')[2]);
      }
      const problem = resolvePlaceholder(ref, kind, schema, context);
      if (problem) issues.push({ file, path, message: `${match[0]} does not resolve: ${problem}` });
    }
  });
  // A placeholder outside a quoted string is not a string value after parsing: find the extra ones in the text.
  const parsedCount = new Map<string, number>();
  for (const text of found) parsedCount.set(text, (parsedCount.get(text) ?? 0) + 1);
  const raw = new Map<string, { line: number; quoted: boolean }[]>();
  parsed.file.content.split('\n').forEach((line, i) => {
    if (/^\s*#/.test(line)) return;
    for (const match of line.matchAll(PLACEHOLDER)) {
      const before = line.slice(0, match.index);
      const quoted = (before.split('"').length - 1) % 2 === 1 || (before.split("'").length - 1) % 2 === 1;
      raw.set(match[0], [...(raw.get(match[0]) ?? []), { line: i + 1, quoted }]);
    }
  });
  for (const [text, occurrences] of raw) {
    if (occurrences.length <= (parsedCount.get(text) ?? 0)) continue;
    for (const occurrence of occurrences.filter((o) => !o.quoted)) {
      issues.push({
        file,
        path: `line ${occurrence.line}`,
        message: `${text} is not inside a quoted YAML string; quote the whole value`,
      });
    }
  }
  for (const ref of findBootstrapReferences(template)) {
    issues.push({
      file,
      path: ref.path,
      message: `refers to the CDK bootstrap stack ('${ref.text}'); a template published outside cdk deploy must not`,
    });
  }
  const outputs = isRecord(template.Outputs) ? template.Outputs : {};
  for (const output of context.criticalOutputs ?? []) {
    if (!(output in outputs)) {
      issues.push({ file, path: `Outputs.${output}`, message: `critical output '${output}' is missing` });
    }
  }
  return used;
}

/** Outputs declared by the CloudFormation file of an environment bundle. */
export function outputsOf(bundle: LoadedBundle): Set<string> {
  const infra = INFRASTRUCTURE_DIR.environment;
  const manifest = bundle.files.find((f) => f.path === `${infra}/manifest.yaml`);
  const doc = manifest ? (parseDocument(manifest.content).toJS() as unknown) : undefined;
  const templates = isRecord(doc) && isRecord(doc.infrastructure) ? doc.infrastructure.templates : undefined;
  const first = Array.isArray(templates) && isRecord(templates[0]) ? templates[0].file : undefined;
  const iac = bundle.files.find((f) => f.path === `${infra}/${String(first)}`);
  if (!iac) return new Set();
  const parsed = parseDocument(iac.content);
  const data = parsed.errors.length === 0 ? (parsed.toJS() as unknown) : undefined;
  return new Set(isRecord(data) && isRecord(data.Outputs) ? Object.keys(data.Outputs) : []);
}

/**
 * Validates one bundle: every file parses as YAML; the schema has its
 * required keys and its input type exists; the infrastructure manifest
 * names a jinja/cloudformation file present in the bundle; each Jinja
 * placeholder resolves to a schema input, an environment output or a Proton
 * built-in; every required input is used; no CDK bootstrap reference
 * remains; critical outputs exist; CloudFormation limits hold.
 *
 * @example validateBundle({ name: 'aad-dev-detector', files }, {}) // [] when valid
 */
export function validateBundle(bundle: LoadedBundle, context: ValidationContext = {}): ValidationIssue[] {
  const issues: Issue[] = [];
  const parsed = new Map<string, ParsedFile>();
  for (const file of bundle.files) {
    const known = bundle.documents?.get(file.path);
    const result = known === undefined ? parseYaml(file, issues) : { file, data: known };
    if (result) parsed.set(file.path, result);
  }
  const paths = new Set(bundle.files.map((f) => f.path));
  const kind = bundle.kind ?? inferKind(bundle.files);
  const finish = (): ValidationIssue[] => issues.map((i) => ({ bundle: bundle.name, ...i }));
  if (!kind) {
    issues.push({
      file: '(bundle)',
      path: '(layout)',
      message: 'no infrastructure/manifest.yaml (environment) or instance_infrastructure/manifest.yaml (service)',
    });
    return finish();
  }
  if (!paths.has('schema/schema.yaml')) {
    issues.push({ file: 'schema/schema.yaml', path: '(file)', message: 'missing from the bundle' });
  }
  const infra = INFRASTRUCTURE_DIR[kind];
  if (!paths.has(`${infra}/manifest.yaml`)) {
    issues.push({ file: `${infra}/manifest.yaml`, path: '(file)', message: 'missing from the bundle' });
  }
  const schema = checkSchema(parsed.get('schema/schema.yaml'), kind, issues);
  const iacFiles = checkInfrastructureManifest(parsed.get(`${infra}/manifest.yaml`), infra, paths, issues);
  const used = new Set<string>();
  for (const iac of iacFiles) {
    for (const name of checkIac(parsed.get(iac), kind, schema, context, issues)) used.add(name);
  }
  if (iacFiles.length > 0 && iacFiles.every((f) => parsed.has(f))) {
    for (const [name, prop] of schema.properties) {
      if (prop.required && !used.has(name)) {
        issues.push({
          file: 'schema/schema.yaml',
          path: joinPath(`${schema.typePath}.properties`, name),
          message: `required input '${name}' is not used by any placeholder in ${iacFiles.join(', ')}`,
        });
      }
    }
  }
  return finish();
}
