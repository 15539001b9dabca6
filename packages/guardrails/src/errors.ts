/** Base class of every error `@aad/guardrails` throws on purpose. */
export class GuardrailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Wrong command-line usage: the CLI prints it with the command's help and exits 2. */
export class UsageError extends GuardrailError {}
