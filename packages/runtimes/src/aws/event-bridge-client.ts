import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CLIENT_DEFAULTS } from './clients';

/**
 * The EventBridge client with the package defaults. Its own module so a handler
 * can load it with `import()` on first use: the bundle puts it (and only
 * the commands the handler sends) in a chunk a cold start does not read.
 */
export function eventBridgeClient(): EventBridgeClient {
  return new EventBridgeClient(CLIENT_DEFAULTS);
}
