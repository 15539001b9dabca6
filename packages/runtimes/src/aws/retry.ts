/** Error names AWS services use for throttling and transient server faults. */
const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottledException',
  'RequestThrottled',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'SlowDown',
  'InternalFailure',
  'InternalError',
  'InternalServerError',
  'InternalServerException',
  'InternalException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

/** Per-item error codes of batch APIs that are worth retrying (PutEvents, BatchImportFindings). */
export function isRetryableCode(code: string | undefined): boolean {
  return code !== undefined && RETRYABLE_NAMES.has(code);
}

/** Whether an AWS SDK error is transient (throttling, 5xx, network) rather than a bad request. */
export function isRetryableAwsError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const e = error as {
    name?: string;
    code?: string;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  if (e.$retryable) return true;
  if ((e.name && RETRYABLE_NAMES.has(e.name)) || (e.code && RETRYABLE_NAMES.has(e.code))) return true;
  const status = e.$metadata?.httpStatusCode;
  return status !== undefined && (status >= 500 || status === 429);
}

/** Backoff settings shared by every retry loop of the package. */
export interface RetryPolicy {
  /** Attempts in total, the first included. @default 6 */
  readonly maxAttempts?: number;
  /** Delay ceiling of the first retry, in ms. @default 50 */
  readonly baseDelayMs?: number;
  /** Largest delay, in ms. @default 2000 */
  readonly maxDelayMs?: number;
  /** @default - setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default Math.random */
  readonly random?: () => number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** "Full jitter" exponential backoff: a uniform delay in [0, min(max, base * 2^retry)). */
export function backoffDelay(retry: number, policy: RetryPolicy = {}): number {
  const base = policy.baseDelayMs ?? 50;
  const cap = policy.maxDelayMs ?? 2000;
  return Math.floor((policy.random ?? Math.random)() * Math.min(cap, base * 2 ** retry));
}

/** Waits the backoff delay of retry number `retry` (0-based). */
export function backoff(retry: number, policy: RetryPolicy = {}): Promise<void> {
  return (policy.sleep ?? defaultSleep)(backoffDelay(retry, policy));
}

/**
 * Calls `fn` until it succeeds, retrying transient AWS errors with full-jitter
 * exponential backoff. The SDK clients retry on their own too (standard mode);
 * this outer loop covers what they give up on and is what mocked tests see.
 */
export async function withRetries<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy = {},
  isRetryable: (error: unknown) => boolean = isRetryableAwsError,
): Promise<T> {
  const maxAttempts = policy.maxAttempts ?? 6;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= maxAttempts || !isRetryable(error)) throw error;
      await backoff(attempt - 1, policy);
    }
  }
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the input order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
