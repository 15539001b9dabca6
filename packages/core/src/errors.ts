/** Base class of every error `@aad/core` throws on purpose. */
export class AadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** One problem found while loading configuration. */
export interface ConfigIssue {
  /** File (or `environment` for an `AAD_*` override) the problem is in. */
  readonly source: string;
  /** Dotted key path, e.g. `retention.rawLogsDays`; empty for the document root. */
  readonly path: string;
  /** 1-based line in `source`, where the YAML parser knows it. */
  readonly line?: number;
  readonly message: string;
}

/** Configuration that cannot be used. Lists every problem found, not only the first. */
export class ConfigError extends AadError {
  constructor(public readonly issues: readonly ConfigIssue[]) {
    super(issues.map(formatConfigIssue).join('\n'));
  }
}

/** `config/dev.yml:12: retention.rawLogsDays: must be an integer ≥ 1, received 0` */
export function formatConfigIssue(issue: ConfigIssue): string {
  const where = issue.line === undefined ? issue.source : `${issue.source}:${issue.line}`;
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

/** Wrong command-line usage: the CLI prints it with the command's help and exits 2. */
export class UsageError extends AadError {}

/** A detection catalogue that cannot be used (duplicate id, unknown predicate, bad pattern). */
export class CatalogueError extends AadError {}

/** A baseline profile that cannot be read or merged (wrong format, version or window size). */
export class ProfileError extends AadError {}
