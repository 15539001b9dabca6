import { ManifestInput, ManifestTemplate, TemplateVersion } from './bundle-manifest';

/** What changed between two versions of a template's contract. */
export type ChangeKind =
  | 'kind'
  | 'bundle'
  | 'contract'
  | 'template'
  | 'source'
  | 'input-added'
  | 'input-removed'
  | 'input-changed'
  | 'environment-output-added'
  | 'environment-output-removed'
  | 'output-added'
  | 'output-removed'
  | 'critical-output-added'
  | 'compatibility';

/** One change, with a readable line and whether it breaks existing environments or service instances. */
export interface ContractChange {
  readonly kind: ChangeKind;
  /** `+` added, `-` removed, `~` changed. */
  readonly sign: '+' | '-' | '~';
  readonly text: string;
  /** A breaking change needs a new major version in Proton. */
  readonly breaking: boolean;
}

function short(sha: string): string {
  return sha.slice(0, 12);
}

function describeInput(input: ManifestInput): string {
  const type = input.type === 'array' ? `array of ${input.items ?? 'string'}` : input.type;
  const requirement = input.required ? 'required' : `optional, default ${JSON.stringify(input.default)}`;
  return `input ${input.name} (${type}, ${requirement}) ← parameter ${input.parameter}`;
}

/**
 * Names of the inputs that hold an asset object key in both versions. Their
 * default (`cdk-assets/<hash>.zip`) follows the Lambda code, so it is not
 * part of the contract; their name, type and requirement are.
 */
function assetKeyInputs(before: ManifestTemplate, after: ManifestTemplate): Set<string> {
  const now = new Set(after.assets.map((a) => a.input));
  return new Set(before.assets.map((a) => a.input).filter((name) => now.has(name)));
}

function diffInputs(
  before: readonly ManifestInput[],
  after: readonly ManifestInput[],
  assetInputs: ReadonlySet<string>,
): ContractChange[] {
  const changes: ContractChange[] = [];
  const old = new Map(before.map((i) => [i.name, i]));
  const now = new Map(after.map((i) => [i.name, i]));
  for (const [name, input] of old) {
    if (!now.has(name)) {
      changes.push({ kind: 'input-removed', sign: '-', text: describeInput(input), breaking: true });
    }
  }
  for (const [name, input] of now) {
    const was = old.get(name);
    if (!was) {
      changes.push({ kind: 'input-added', sign: '+', text: describeInput(input), breaking: input.required });
      continue;
    }
    const details: string[] = [];
    let breaking = false;
    if (was.type !== input.type || was.items !== input.items) {
      details.push(`type ${was.type} → ${input.type}`);
      breaking = true;
    }
    if (was.required !== input.required) {
      details.push(`${was.required ? 'required' : 'optional'} → ${input.required ? 'required' : 'optional'}`);
      breaking = breaking || input.required;
    }
    if (
      JSON.stringify(was.default) !== JSON.stringify(input.default) &&
      !input.required &&
      !was.required &&
      !assetInputs.has(name)
    ) {
      details.push(`default ${JSON.stringify(was.default)} → ${JSON.stringify(input.default)}`);
    }
    if (was.parameter !== input.parameter) details.push(`parameter ${was.parameter} → ${input.parameter}`);
    if (was.description !== input.description) details.push('description changed');
    if (details.length > 0) {
      changes.push({ kind: 'input-changed', sign: '~', text: `input ${name}: ${details.join('; ')}`, breaking });
    }
  }
  return changes;
}

function diffSets(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const old = new Set(before);
  const now = new Set(after);
  return { added: after.filter((x) => !old.has(x)), removed: before.filter((x) => !now.has(x)) };
}

/**
 * Whether the published contract differs: the asset-normalized
 * `contractSha256` when both entries have one, else (a lock file written
 * before it existed) the bundled CloudFormation file's sha256.
 */
export function contractChanged(before: ManifestTemplate, after: ManifestTemplate): boolean {
  if (before.contractSha256 && after.contractSha256) return before.contractSha256 !== after.contractSha256;
  return before.templateSha256 !== after.templateSha256;
}

/** Byte-level changes (bundle, bundled template, source stack), as readable lines. */
function byteChanges(before: ManifestTemplate, after: ManifestTemplate): ContractChange[] {
  const changes: ContractChange[] = [];
  if (before.bundle.sha256 !== after.bundle.sha256) {
    changes.push({
      kind: 'bundle',
      sign: '~',
      text: `bundle sha256 ${short(before.bundle.sha256)} → ${short(after.bundle.sha256)} (${before.bundle.size} → ${after.bundle.size} bytes)`,
      breaking: false,
    });
  }
  if (before.templateSha256 !== after.templateSha256) {
    changes.push({
      kind: 'template',
      sign: '~',
      text: `template sha256 ${short(before.templateSha256)} → ${short(after.templateSha256)}`,
      breaking: false,
    });
  }
  if (
    before.source.stackName !== after.source.stackName ||
    before.source.templateSha256 !== after.source.templateSha256
  ) {
    changes.push({
      kind: 'source',
      sign: '~',
      text: `source ${before.source.stackName}@${short(before.source.templateSha256)} → ${after.source.stackName}@${short(after.source.templateSha256)}`,
      breaking: false,
    });
  }
  return changes;
}

/**
 * Compares two manifest entries of the same template: the contract
 * fingerprint (and, when it changed, the bundle, template and source
 * hashes), inputs (against the schema), environment outputs read, outputs
 * and compatibility. Removing an input or an output, adding a required
 * input or changing an input's type breaks the contract. Asset content
 * hashes are not part of the contract: a build that differs only in Lambda
 * code gives no change here (see {@link describeCodeChanges}).
 */
export function diffTemplates(before: ManifestTemplate, after: ManifestTemplate): ContractChange[] {
  const changes: ContractChange[] = [];
  if (before.kind !== after.kind) {
    changes.push({ kind: 'kind', sign: '~', text: `kind ${before.kind} → ${after.kind}`, breaking: true });
  }
  if (contractChanged(before, after)) {
    if (before.contractSha256 && after.contractSha256) {
      changes.push({
        kind: 'contract',
        sign: '~',
        text: `contract sha256 ${short(before.contractSha256)} → ${short(after.contractSha256)}`,
        breaking: false,
      });
    }
    changes.push(...byteChanges(before, after));
  }
  changes.push(...diffInputs(before.inputs, after.inputs, assetKeyInputs(before, after)));
  const envOutputs = diffSets(
    before.environmentOutputs.map((b) => b.output),
    after.environmentOutputs.map((b) => b.output),
  );
  for (const output of envOutputs.added) {
    changes.push({
      kind: 'environment-output-added',
      sign: '+',
      text: `reads environment output ${output}`,
      breaking: false,
    });
  }
  for (const output of envOutputs.removed) {
    changes.push({
      kind: 'environment-output-removed',
      sign: '-',
      text: `no longer reads environment output ${output}`,
      breaking: false,
    });
  }
  const outputs = diffSets(before.outputs, after.outputs);
  const critical = new Set(before.criticalOutputs);
  for (const output of outputs.removed) {
    changes.push({
      kind: 'output-removed',
      sign: '-',
      text: `output ${output}${critical.has(output) ? ' (critical)' : ''}`,
      breaking: true,
    });
  }
  for (const output of outputs.added) {
    changes.push({ kind: 'output-added', sign: '+', text: `output ${output}`, breaking: false });
  }
  for (const output of diffSets(before.criticalOutputs, after.criticalOutputs).added) {
    if (after.outputs.includes(output) && before.outputs.includes(output)) {
      changes.push({ kind: 'critical-output-added', sign: '+', text: `critical output ${output}`, breaking: false });
    }
  }
  const compat = (t: ManifestTemplate): string[] =>
    t.compatibleEnvironmentTemplates.map((c) => `${c.name}@${c.majorVersion}`);
  if (JSON.stringify(compat(before)) !== JSON.stringify(compat(after))) {
    changes.push({
      kind: 'compatibility',
      sign: '~',
      text: `compatible environment templates [${compat(before).join(', ')}] → [${compat(after).join(', ')}]`,
      breaking: false,
    });
  }
  return changes;
}

/**
 * What changed in a template's code assets and bytes without changing its
 * contract: one line per asset whose content hash changed, and the bundle,
 * template and source hashes when the contract is unchanged. Informational
 * only: never drift, never a new version.
 */
export function describeCodeChanges(before: ManifestTemplate, after: ManifestTemplate): string[] {
  const lines: string[] = [];
  const old = new Map(before.assets.map((a) => [a.input, a]));
  for (const asset of after.assets) {
    const was = old.get(asset.input);
    if (was && was.hash !== asset.hash) {
      lines.push(`code asset ${asset.input}: ${short(was.hash)} → ${short(asset.hash)} (${asset.defaultKey})`);
    }
  }
  if (!contractChanged(before, after)) lines.push(...byteChanges(before, after).map((c) => c.text));
  return lines;
}

/**
 * The version a changed template gets: a breaking change opens a new major
 * version (`2.0`), any other change a new minor version (`1.1`), no change
 * keeps the version.
 */
export function nextVersion(previous: TemplateVersion, changes: readonly ContractChange[]): TemplateVersion {
  if (changes.length === 0) return previous;
  if (changes.some((c) => c.breaking)) return { major: previous.major + 1, minor: 0 };
  return { major: previous.major, minor: previous.minor + 1 };
}
