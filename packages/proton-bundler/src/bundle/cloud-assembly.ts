import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BundlerError } from '../errors';

/** A synthesized CloudFormation stack read from a cloud assembly (`cdk.out`). */
export interface SynthesizedStack {
  readonly stackName: string;
  readonly templateFile: string;
  /** sha256 (hex) of the template file's bytes. */
  readonly templateSha256: string;
  readonly template: Readonly<Record<string, unknown>>;
}

interface AssemblyManifest {
  readonly artifacts?: Record<string, { type?: string; properties?: { templateFile?: string; stackName?: string } }>;
}

/** Reads every CloudFormation stack of the cloud assembly in `cdkOut`, sorted by stack name. */
export function readCloudAssembly(cdkOut: string): SynthesizedStack[] {
  const manifestFile = join(cdkOut, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new BundlerError(`${manifestFile}: no cloud assembly here; run \`npx projen synth\` first`);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as AssemblyManifest;
  const stacks = Object.entries(manifest.artifacts ?? {})
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([id, artifact]) => {
      const templateFile = join(cdkOut, artifact.properties?.templateFile ?? `${id}.template.json`);
      const bytes = readFileSync(templateFile);
      return {
        stackName: artifact.properties?.stackName ?? id,
        templateFile,
        templateSha256: createHash('sha256').update(bytes).digest('hex'),
        template: JSON.parse(bytes.toString('utf8')) as Record<string, unknown>,
      };
    });
  return stacks.sort((a, b) => a.stackName.localeCompare(b.stackName));
}
