import { SQSClient } from '@aws-sdk/client-sqs';
import { CLIENT_DEFAULTS } from './clients';

/**
 * The SQS client with the package defaults. Its own module so a handler
 * can load it with `import()` on first use: the bundle puts it (and only
 * the commands the handler sends) in a chunk a cold start does not read.
 */
export function sqsClient(): SQSClient {
  return new SQSClient(CLIENT_DEFAULTS);
}
