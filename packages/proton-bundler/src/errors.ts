/** Base class of every error `@aad/proton-bundler` throws on purpose. */
export class BundlerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The cloud assembly (`cdk.out`) is missing, unreadable or has no usable stack. */
export class CloudAssemblyError extends BundlerError {}

/** A synthesized template cannot be turned into a template bundle (e.g. no parameters, a name collision). */
export class TemplateMappingError extends BundlerError {}

/** One finding of bundle validation: which bundle, which file, which key path, and why. */
export interface ValidationIssue {
  /** Template bundle name, e.g. `aad-dev-detector`. */
  readonly bundle: string;
  /** Path of the file inside the bundle, e.g. `schema/schema.yaml`. */
  readonly file: string;
  /** Key path inside the file (`schema.types.X.properties.y`), or `line L, column C` for a parse error. */
  readonly path: string;
  readonly message: string;
}

/** Renders an issue as `bundle: file: path: message`. */
export function formatIssue(issue: ValidationIssue): string {
  return `${issue.bundle}: ${issue.file}: ${issue.path}: ${issue.message}`;
}

/** Bundles failed validation; `issues` lists every finding (never only the first). */
export class BundleValidationError extends BundlerError {
  constructor(public readonly issues: readonly ValidationIssue[]) {
    super(`${issues.length} validation error(s):\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
  }
}

/** A manifest or lock file is missing or malformed. */
export class ManifestError extends BundlerError {}

/** The publish plan cannot be computed (e.g. a bundle file listed in the manifest is missing). */
export class PublishPlanError extends BundlerError {}

/** The command line is wrong (unknown command or option, missing value): exit code 2. */
export class UsageError extends BundlerError {}
