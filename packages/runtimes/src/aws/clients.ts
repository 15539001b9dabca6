import type { TranslateConfig } from '@aws-sdk/lib-dynamodb';

/** How findings are marshalled: undefined fields dropped, class instances never expected. */
export const DOCUMENT_TRANSLATION: TranslateConfig = {
  marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  unmarshallOptions: { wrapNumbers: false },
};

/**
 * Settings of every SDK client the handlers create at module scope: the
 * standard retry mode (throttling and 5xx with backoff and jitter) and short
 * connection timeouts. Constructing a client makes no network call.
 */
export const CLIENT_DEFAULTS = {
  maxAttempts: 3,
  retryMode: 'standard',
} as const;
