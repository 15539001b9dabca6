/** Base class of every error `@aad/runtimes` throws on purpose. */
export class RuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A handler's environment is missing a variable or holds an invalid value (raised at cold start). */
export class HandlerConfigError extends RuntimeError {}
