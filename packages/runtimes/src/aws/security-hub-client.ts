import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { CLIENT_DEFAULTS } from './clients';

/**
 * The Security Hub client with the package defaults. Its own module so a handler
 * can load it with `import()` on first use: the bundle puts it (and only
 * the commands the handler sends) in a chunk a cold start does not read.
 */
export function securityHubClient(): SecurityHubClient {
  return new SecurityHubClient(CLIENT_DEFAULTS);
}
