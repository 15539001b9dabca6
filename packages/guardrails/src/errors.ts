/** Base class of every error `@aad/guardrails` throws on purpose. */
export class GuardrailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Wrong command-line usage: the CLI prints it with the command's help and exits 2. */
export class UsageError extends GuardrailError {}

/** A synthesized cloud assembly (`cdk.out`) that cannot be read: names the file and what is wrong. */
export class AssemblyError extends GuardrailError {}

/** An allowlist file (secrets, PII) that breaks its format: names the file, the entry and the reason. */
export class AllowlistError extends GuardrailError {}

/** The price table is malformed (a price without source or date, an unknown price id). */
export class PriceTableError extends GuardrailError {}

/** A model package input is missing or invalid, or a rollback target does not exist. */
export class ModelPackageError extends GuardrailError {}
