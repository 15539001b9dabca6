import { TemplateMappingError } from '../errors';
import {
  CfnParameter,
  CfnTemplate,
  JsonValue,
  cloneJson,
  forEachString,
  joinPath,
  referencesName,
  compareText,
} from './cfn-template';
import { SynthesizedStack } from './cloud-assembly';

/** Name of the parameter that replaces the CDK bootstrap assets bucket. */
export const ARTIFACTS_BUCKET_PARAMETER = 'ArtifactsBucket';

/**
 * Prefix of every asset object key in the artifacts bucket. The packaging
 * step uploads `cdk.out/<sourcePath>` (zipped when its packaging is `zip`) to
 * `s3://<artifacts bucket>/cdk-assets/<asset hash>.<ext>`: the same content
 * address `cdk deploy` would use, under one prefix.
 */
export const ASSET_KEY_PREFIX = 'cdk-assets/';

/** The CDK bootstrap assets bucket, in `Fn::Sub` form or resolved. */
const ASSETS_BUCKET =
  /cdk-[a-z0-9]+-assets-(?:\$\{AWS::AccountId\}|\d{12})-(?:\$\{AWS::Region\}|[a-z]{2}(?:-[a-z]+)+-\d)/g;
const CONTAINER_ASSETS = /cdk-[a-z0-9]+-container-assets-/;

/**
 * Anything that ties a template to the CDK bootstrap stack: its buckets,
 * repositories and roles, its SSM version parameter, the version check.
 */
export const BOOTSTRAP_REFERENCE =
  /cdk-[a-z0-9]+-(?:assets|container-assets|deploy-role|cfn-exec-role|file-publishing-role|image-publishing-role|lookup-role)-|\/cdk-bootstrap\/|\bBootstrapVersion\b|\bCheckBootstrapVersion\b/;

/** A file asset turned into an explicit input: the template reads its object key from `parameter`. */
export interface AssetBinding {
  /** CloudFormation parameter holding the object key, e.g. `EnrichmentFunctionCodeAssetKey`. */
  readonly parameter: string;
  readonly hash: string;
  /** Object key CDK would have used in its bootstrap bucket (`<hash>.zip`). */
  readonly objectKey: string;
  /** Default of the parameter: where the packaging step publishes the asset (`cdk-assets/<hash>.zip`). */
  readonly defaultKey: string;
  readonly packaging: 'zip' | 'file';
  /** Path inside `cdk.out` the packaging step uploads. */
  readonly sourcePath: string;
  /** `LogicalId.Property` of every place that uses the asset, sorted. */
  readonly usedBy: readonly string[];
}

/** A template that deploys without the CDK CLI or its bootstrap stack. */
export interface DetachedTemplate {
  readonly template: CfnTemplate;
  readonly assets: readonly AssetBinding[];
  /** Whether the template reads the artifacts bucket from {@link ARTIFACTS_BUCKET_PARAMETER}. */
  readonly usesArtifactsBucket: boolean;
  /** Key paths removed: the bootstrap version parameter and rule, CDK metadata. */
  readonly removed: readonly string[];
}

/** `ComputeEnrichmentFunction1A2B3C4D` → `ComputeEnrichmentFunction` (CDK's 8-hex suffix dropped). */
export function stripLogicalIdHash(logicalId: string): string {
  const stripped = logicalId.replace(/[0-9A-F]{8}$/, '');
  return stripped === '' ? logicalId : stripped;
}

function escapeSub(text: string): string {
  return text.replace(/\$\{/g, '${!');
}

interface Usage {
  readonly owner: string;
  readonly property: string;
}

/** Where each asset object key appears: `Resources.<id>.Properties.<prop>` or `Outputs.<id>`. */
function findUsages(template: CfnTemplate, keys: readonly string[]): Map<string, Usage[]> {
  const usages = new Map<string, Usage[]>(keys.map((k) => [k, []]));
  const scan = (section: 'Resources' | 'Outputs'): void => {
    for (const [id, body] of Object.entries(template[section] ?? {}).sort(([a], [b]) => compareText(a, b))) {
      forEachString(body, '', (text, path) => {
        for (const key of keys) {
          if (!text.includes(key)) continue;
          const segments = path.split(/[.[]/);
          const property = section === 'Resources' && segments[0] === 'Properties' ? (segments[1] ?? '') : '';
          usages.get(key)!.push({ owner: id, property: property.replace(/\]$/, '') });
        }
      });
    }
  };
  scan('Resources');
  scan('Outputs');
  return usages;
}

function assetParameterName(usage: Usage | undefined, hash: string, taken: Set<string>): string {
  const base = usage ? `${stripLogicalIdHash(usage.owner)}${usage.property}` : `Asset${hash.slice(0, 8)}`;
  const clean = base.replace(/[^A-Za-z0-9]/g, '');
  let name = `${clean}AssetKey`;
  for (let n = 2; taken.has(name); n++) name = `${clean}Asset${n}Key`;
  taken.add(name);
  return name;
}

/** Matches a named assets bucket as a whole name (not inside a longer bucket name). */
function namedBucketPattern(name: string): RegExp {
  return new RegExp(`(?<![a-z0-9.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9.-])`, 'g');
}

class AssetRewriter {
  private readonly buckets: readonly RegExp[];

  constructor(
    private readonly keyParameters: ReadonlyMap<string, string>,
    private readonly bucketParameter: string,
    namedBuckets: readonly string[],
  ) {
    this.buckets = [ASSETS_BUCKET, ...namedBuckets.map(namedBucketPattern)];
  }

  /** A copy of `value` with every asset reference rewritten. */
  public rewrite<T>(value: T): T {
    return this.rewriteValue(value as JsonValue) as T;
  }

  private rewriteValue(value: JsonValue): JsonValue {
    if (typeof value === 'string') return this.rewriteString(value);
    if (Array.isArray(value)) return value.map((v) => this.rewriteValue(v));
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Fn::Sub') return this.rewriteSub(value['Fn::Sub']);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.rewriteValue(v)]));
  }

  private substitute(text: string): string {
    let out = text;
    // Keys first: a key may contain the bucket's name as a prefix of a path, never the reverse.
    for (const [key, parameter] of this.keyParameters) out = out.split(key).join(`\${${parameter}}`);
    for (const bucket of this.buckets) out = out.replace(bucket, `\${${this.bucketParameter}}`);
    return out;
  }

  /** True when `text` mentions an assets bucket or an asset key. */
  public touches(text: string): boolean {
    return this.touchesBucket(text) || [...this.keyParameters.keys()].some((k) => text.includes(k));
  }

  public touchesBucket(text: string): boolean {
    return this.buckets.some((b) => {
      b.lastIndex = 0;
      return b.test(text);
    });
  }

  private rewriteString(text: string): JsonValue {
    const parameter = this.keyParameters.get(text);
    if (parameter) return { Ref: parameter };
    if (!this.touches(text)) return text;
    return this.simplify(this.substitute(escapeSub(text)));
  }

  private rewriteSub(sub: JsonValue): JsonValue {
    if (typeof sub === 'string') {
      return this.touches(sub) ? this.simplify(this.substitute(sub)) : { 'Fn::Sub': sub };
    }
    if (Array.isArray(sub) && typeof sub[0] === 'string') {
      const [text, vars] = sub;
      return { 'Fn::Sub': [this.touches(text) ? this.substitute(text) : text, this.rewriteValue(vars ?? {})] };
    }
    return { 'Fn::Sub': this.rewriteValue(sub) };
  }

  /** `${X}` alone becomes `{ Ref: X }`; anything else stays an `Fn::Sub`. */
  private simplify(text: string): JsonValue {
    const only = /^\$\{([A-Za-z0-9]+)\}$/.exec(text);
    return only ? { Ref: only[1] } : { 'Fn::Sub': text };
  }
}

function removeBootstrap(template: CfnTemplate, removed: string[], stackName: string): void {
  const parameters = template.Parameters ?? {};
  const bootstrapParams = Object.entries(parameters)
    .filter(([name, p]) => name === 'BootstrapVersion' || String(p.Default ?? '').startsWith('/cdk-bootstrap/'))
    .map(([name]) => name);
  for (const [name, rule] of Object.entries(template.Rules ?? {})) {
    if (name === 'CheckBootstrapVersion' || bootstrapParams.some((p) => referencesName(rule, p))) {
      delete template.Rules![name];
      removed.push(`Rules.${name}`);
    }
  }
  if (template.Rules && Object.keys(template.Rules).length === 0) delete template.Rules;
  for (const name of bootstrapParams) {
    const elsewhere = Object.fromEntries(Object.entries(template).filter(([section]) => section !== 'Parameters'));
    if (referencesName(elsewhere, name)) {
      throw new TemplateMappingError(
        `${stackName}: Parameters.${name} is a CDK bootstrap parameter and is still referenced; ` +
          'a template published outside `cdk deploy` cannot read the bootstrap stack',
      );
    }
    delete parameters[name];
    removed.push(`Parameters.${name}`);
  }
  if (template.Parameters && Object.keys(template.Parameters).length === 0) delete template.Parameters;
}

function removeCdkMetadata(template: CfnTemplate, removed: string[]): void {
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type === 'AWS::CDK::Metadata') {
      delete template.Resources![id];
      removed.push(`Resources.${id}`);
      continue;
    }
    const metadata = resource.Metadata;
    if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) {
      for (const key of Object.keys(metadata)) {
        if (key.startsWith('aws:asset:')) delete metadata[key];
      }
      if (Object.keys(metadata).length === 0) delete resource.Metadata;
    }
  }
  const condition = 'CDKMetadataAvailable';
  if (template.Conditions?.[condition] !== undefined) {
    const { Conditions, ...rest } = template;
    const others = Object.fromEntries(Object.entries(Conditions).filter(([k]) => k !== condition));
    if (!referencesName(rest, condition) && !referencesName(others, condition)) {
      delete template.Conditions[condition];
      removed.push(`Conditions.${condition}`);
      if (Object.keys(template.Conditions).length === 0) delete template.Conditions;
    }
  }
}

function refuseContainerAssets(template: CfnTemplate, stack: SynthesizedStack): void {
  forEachString({ Resources: template.Resources ?? {}, Outputs: template.Outputs ?? {} }, '', (text, path) => {
    if (CONTAINER_ASSETS.test(text)) {
      throw new TemplateMappingError(
        `${stack.stackName}: ${path}: container image assets (cdk-*-container-assets) cannot be published outside ` +
          '`cdk deploy`; use a file asset (lambda.Code.fromAsset) instead',
      );
    }
  });
}

/**
 * Makes a synthesized template deployable without the CDK CLI: removes the
 * bootstrap version parameter and rule and CDK metadata, and turns every
 * file asset reference (bootstrap bucket + content-hash key) into explicit
 * parameters: {@link ARTIFACTS_BUCKET_PARAMETER} and one object-key
 * parameter per asset, defaulting to `cdk-assets/<hash>.<ext>`.
 *
 * @example detachFromCdk(stack).template.Parameters // { ..., ArtifactsBucket, EnrichmentFunctionCodeAssetKey }
 */
export function detachFromCdk(stack: SynthesizedStack): DetachedTemplate {
  const template = cloneJson(stack.template);
  const removed: string[] = [];
  removeBootstrap(template, removed, stack.stackName);
  removeCdkMetadata(template, removed);
  refuseContainerAssets(template, stack);

  const keys = stack.fileAssets.map((a) => a.objectKey);
  const usages = findUsages(template, keys);
  const used = stack.fileAssets.filter((a) => usages.get(a.objectKey)!.length > 0);
  const namedBuckets = [
    ...new Set(
      stack.fileAssets
        .map((a) => a.bucketName)
        .filter((b): b is string => b !== undefined && !new RegExp(ASSETS_BUCKET.source).test(b)),
    ),
  ].sort(compareText);
  const probe = new AssetRewriter(new Map(), ARTIFACTS_BUCKET_PARAMETER, namedBuckets);
  let bucketReferenced = false;
  forEachString({ Resources: template.Resources ?? {}, Outputs: template.Outputs ?? {} }, '', (text) => {
    if (probe.touchesBucket(text)) bucketReferenced = true;
  });
  const usesArtifactsBucket = bucketReferenced || used.length > 0;
  // A named bucket (not the bootstrap one) is a sensible default; the bootstrap bucket is account-specific.
  const defaultBucket = namedBuckets.length === 1 && !namedBuckets[0].includes('${') ? namedBuckets[0] : undefined;

  const existing = template.Parameters ?? {};
  const taken = new Set(Object.keys(existing));
  const assets: AssetBinding[] = used
    .map((asset) => ({ asset, first: usages.get(asset.objectKey)![0] }))
    .sort((a, b) => compareText(`${a.first.owner}.${a.first.property}`, `${b.first.owner}.${b.first.property}`))
    .map(({ asset, first }) => ({
      parameter: assetParameterName(first, asset.hash, taken),
      hash: asset.hash,
      objectKey: asset.objectKey,
      defaultKey: `${ASSET_KEY_PREFIX}${asset.objectKey.split('/').pop()}`,
      packaging: asset.packaging,
      sourcePath: asset.sourcePath,
      usedBy: [
        ...new Set(usages.get(asset.objectKey)!.map((u) => (u.property ? `${u.owner}.${u.property}` : u.owner))),
      ],
    }))
    .sort((a, b) => compareText(a.parameter, b.parameter));

  if (usesArtifactsBucket) {
    const declared = existing[ARTIFACTS_BUCKET_PARAMETER];
    if (declared && declared.Type !== 'String') {
      throw new TemplateMappingError(
        `${stack.stackName}: Parameters.${ARTIFACTS_BUCKET_PARAMETER} must be of type String to hold the artifacts ` +
          `bucket, received ${declared.Type}`,
      );
    }
    const rewriter = new AssetRewriter(
      new Map(assets.map((a) => [a.objectKey, a.parameter])),
      ARTIFACTS_BUCKET_PARAMETER,
      namedBuckets,
    );
    if (template.Resources) template.Resources = rewriter.rewrite(template.Resources);
    if (template.Outputs) template.Outputs = rewriter.rewrite(template.Outputs);
    const added: Record<string, CfnParameter> = {};
    if (!declared) {
      added[ARTIFACTS_BUCKET_PARAMETER] = {
        Type: 'String',
        ...(defaultBucket ? { Default: defaultBucket } : {}),
        Description:
          'S3 bucket holding the Lambda code and other file assets, published by the packaging step under cdk-assets/',
        AllowedPattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
      };
    }
    for (const asset of assets) {
      added[asset.parameter] = {
        Type: 'String',
        Default: asset.defaultKey,
        Description: `Object key of the ${asset.packaging === 'zip' ? 'zipped' : 'file'} asset used by ${asset.usedBy.join(', ')} (the default is where the packaging step publishes it)`,
        MinLength: 1,
      };
    }
    template.Parameters = { ...existing, ...added };
  }
  return { template, assets, usesArtifactsBucket, removed };
}

/** Key paths of every string in `template` that still refers to the CDK bootstrap stack. */
export function findBootstrapReferences(template: unknown): { path: string; text: string }[] {
  const found: { path: string; text: string }[] = [];
  if (template === null || typeof template !== 'object') return found;
  for (const [section, body] of Object.entries(template)) {
    if (section === 'Parameters' && body && typeof body === 'object') {
      for (const name of Object.keys(body)) {
        if (BOOTSTRAP_REFERENCE.test(name)) found.push({ path: joinPath('Parameters', name), text: name });
      }
    }
    if (section === 'Rules' && body && typeof body === 'object') {
      for (const name of Object.keys(body)) {
        if (BOOTSTRAP_REFERENCE.test(name)) found.push({ path: joinPath('Rules', name), text: name });
      }
    }
    forEachString(body, section, (text, path) => {
      if (BOOTSTRAP_REFERENCE.test(text)) found.push({ path, text });
    });
  }
  return found;
}
