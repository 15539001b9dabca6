/** Replacement for a redacted value. */
export const REDACTED = '[REDACTED]';

/** Keys whose values are never logged, whatever they hold. */
const SENSITIVE_KEY =
  /(secret|token|passw(or)?d|credential|authorization|private_?key|signature|cookie|^x-amz-security-token$)/i;

/**
 * Values that look like secrets wherever they appear (inside an error
 * message, a URL, a free-text field): AWS secret access keys (40 base64
 * characters mixing cases), STS session tokens (known prefixes) and any
 * base64 run long enough to be a token.
 */
const SECRET_ACCESS_KEY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g;
const SESSION_TOKEN = /(IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz|AQoDYXdz|AgoJb3JpZ2lu)[A-Za-z0-9/+=%]+/g;
const LONG_TOKEN = /[A-Za-z0-9+=%_-]{100,}/g;

/** Removes secret-looking substrings from a string. */
export function scrubSecrets(text: string): string {
  return text
    .replace(SESSION_TOKEN, REDACTED)
    .replace(LONG_TOKEN, REDACTED)
    .replace(SECRET_ACCESS_KEY, (m) => (/[a-z]/.test(m) && /[A-Z]/.test(m) && /[0-9]/.test(m) ? REDACTED : m));
}

/**
 * A `JSON.stringify` replacer (Powertools Logger `jsonReplacerFn`) that
 * redacts sensitive keys and secret-looking values at any depth.
 */
export function redactingReplacer(key: string, value: unknown): unknown {
  if (key !== '' && SENSITIVE_KEY.test(key) && value !== null && value !== undefined) return REDACTED;
  if (typeof value === 'string') return scrubSecrets(value);
  return value;
}
