/** Base class of every error `@aad/proton-bundler` throws on purpose. */
export class BundlerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
