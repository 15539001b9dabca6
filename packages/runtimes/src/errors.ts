/** Base class of every error `@aad/runtimes` throws on purpose. */
export class RuntimeError extends Error {
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A handler's environment is missing a variable or holds an invalid value (raised at cold start). */
export class HandlerConfigError extends RuntimeError {}

/**
 * The input itself is bad and retrying cannot help (not gzip, truncated gzip,
 * not CloudTrail, a malformed notification, an object outside the raw log
 * bucket). SQS records failing with it go to the dead-letter queue at once,
 * with the reason attached.
 */
export class PermanentInputError extends RuntimeError {}

/** A trigger event of a shape the handler does not accept. */
export class InvalidEventError extends PermanentInputError {}

/** An object could not be decoded (not gzip, truncated gzip, not JSON). */
export class ObjectFormatError extends PermanentInputError {}

/** A decoded object is not a CloudTrail log file (no `Records` array). */
export class NotCloudTrailError extends PermanentInputError {}

/** The model package is missing, malformed or fails its sha256 check: the handler refuses to score. */
export class ModelIntegrityError extends RuntimeError {}

/**
 * Whether an error is a {@link ModelIntegrityError}, also when it comes from
 * another instance of this module (a lazily loaded chunk, an isolated module
 * registry): matched on the class, else on the name.
 */
export function isModelIntegrityError(error: unknown): error is ModelIntegrityError {
  return error instanceof ModelIntegrityError || (error instanceof Error && error.name === 'ModelIntegrityError');
}

/** A profile shard would exceed the DynamoDB item size limit. */
export class ProfileShardTooLargeError extends RuntimeError {}

/** A stored profile shard cannot be read back (not gzip, not a profile): names the shard. */
export class ProfileShardCorruptError extends RuntimeError {}

/** Concurrent writers kept winning the race on one profile shard. */
export class ProfileConflictError extends RuntimeError {}

/** Some items of a batch call (BatchWriteItem, PutEvents, BatchImportFindings) still failed after every retry. */
export class PartialBatchError extends RuntimeError {
  constructor(
    message: string,
    /** Ids (or keys) of the items that failed, with their error codes. */
    public readonly failures: readonly { readonly id: string; readonly code: string; readonly message?: string }[],
  ) {
    super(message);
  }
}
