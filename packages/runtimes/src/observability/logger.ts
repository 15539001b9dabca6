import { Logger } from '@aws-lambda-powertools/logger';
import { redactingReplacer } from './redact';

/**
 * The Powertools Logger every handler uses: structured JSON on stdout, the
 * service name from `POWERTOOLS_SERVICE_NAME`, and a replacer that redacts
 * secrets, access-key secrets and tokens before anything is written.
 */
export function createLogger(serviceName?: string): Logger {
  return new Logger({
    serviceName,
    jsonReplacerFn: redactingReplacer,
  });
}
