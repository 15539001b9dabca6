/**
 * Errors of `@aad/constructs`. Every error a construct throws for bad input
 * names the prop (or configuration key), what is allowed and the value received.
 */
export class ConstructsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A construct prop or configuration value is invalid. */
export class InvalidPropError extends ConstructsError {
  /** Name of the prop or configuration key, e.g. `bucketName` or `features.configRemediation`. */
  public readonly prop: string;

  constructor(prop: string, requirement: string, received: unknown) {
    super(`\`${prop}\` must be ${requirement}, received ${formatReceived(received)}`);
    this.prop = prop;
  }
}

/** Two configuration values contradict each other. */
export class ConflictingPropsError extends ConstructsError {
  constructor(message: string) {
    super(message);
  }
}

/** The synthesized app has policy findings nobody acknowledged. */
export class PolicyViolationError extends ConstructsError {
  /** Unacknowledged findings, `plugin: rule at path`. */
  public readonly findings: readonly string[];

  constructor(findings: readonly string[], reportFile?: string) {
    super(
      `${findings.length} unacknowledged policy finding(s)${reportFile ? ` (report: ${reportFile})` : ''}:\n` +
        findings.map((f) => `  - ${f}`).join('\n'),
    );
    this.findings = findings;
  }
}

function formatReceived(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === undefined) return 'undefined';
  return JSON.stringify(value);
}
