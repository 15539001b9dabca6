import { EntityFlag, EntityType } from '../entity-types';
import { Recognition, recognition } from '../recognition';

/** Partitions AWS has published. */
export const ARN_PARTITIONS: ReadonlySet<string> = new Set([
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
]);

const SERVICE = /^[a-z0-9][a-z0-9-]*$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT = /^\d{12}$/;
const WILDCARD = /[*?]/;

/**
 * Parses `arn:partition:service:region:account:resource`.
 *
 * Rules (anything else is rejected, never thrown):
 * - partition is one AWS publishes (`aws`, `aws-cn`, `aws-us-gov`, ISO, EUSC);
 * - service matches `[a-z0-9-]+`; region is empty, a region name or a wildcard;
 * - account is empty, 12 digits, `aws` (AWS managed, flag `aws-managed`) or a wildcard;
 * - resource is non-empty and has no whitespace; `*` or `?` anywhere flags `wildcard`;
 * - a trailing `...`/`…` flags `truncated` (dropped from the id);
 * - IAM resources with a path (`role/service-role/Name`) flag `path`.
 * Partition, service and region are lowercased in `entity_id`; the resource keeps its case.
 */
export function recognizeArn(text: string): Recognition | undefined {
  if (text.length < 8 || (text[0] !== 'a' && text[0] !== 'A') || !/^arn:/i.test(text)) return undefined;
  const flags: EntityFlag[] = [];
  let value = text;
  if (value.endsWith('...') || value.endsWith('…')) {
    value = value.replace(/(\.\.\.|…)+$/, ''); // all of them: normalizing stays idempotent
    flags.push('truncated');
  }
  const parts = value.split(':');
  if (parts.length < 6) return undefined;
  const partition = parts[1].toLowerCase();
  const service = parts[2].toLowerCase();
  const region = parts[3].toLowerCase();
  const account = parts[4];
  const resource = parts.slice(5).join(':');
  if (!ARN_PARTITIONS.has(partition)) return undefined;
  if (!(SERVICE.test(service) || service === '*')) return undefined;
  if (!(region === '' || REGION.test(region) || WILDCARD.test(region))) return undefined;
  if (!(account === '' || ACCOUNT.test(account) || account === 'aws' || WILDCARD.test(account))) {
    // Anonymized or truncated account ids (6 to 14 digits) are kept and flagged.
    if (!/^\d{6,14}$/.test(account)) return undefined;
    flags.push('nonstandard-length');
  }
  if (resource.length === 0 || /\s/.test(resource)) return undefined;
  if (parts[0] !== 'arn' || partition !== parts[1] || service !== parts[2] || region !== parts[3]) {
    flags.push('uppercase');
  }
  if (WILDCARD.test(service) || WILDCARD.test(region) || WILDCARD.test(account) || WILDCARD.test(resource)) {
    flags.push('wildcard');
  }
  if (account === 'aws') flags.push('aws-managed');
  let type: EntityType = 'arn';
  if (service === 'iam') {
    if (resource.startsWith('role/')) type = 'iam-role-arn';
    else if (resource.startsWith('user/')) type = 'iam-user-arn';
    if ((type === 'iam-role-arn' || type === 'iam-user-arn') && resource.indexOf('/', 5) >= 0) flags.push('path');
  } else if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const rest = resource.slice('assumed-role/'.length);
    if (rest.indexOf('/') > 0 && !rest.endsWith('/')) type = 'assumed-role-arn';
  } else if (service === 'kms') {
    if (resource.startsWith('key/')) type = 'kms-key-arn';
    else if (resource.startsWith('alias/')) type = 'kms-alias-arn';
  }
  const id = `arn:${partition}:${service}:${region}:${account}:${resource}`;
  return recognition(type, id, flags, { partition, service, region, account_id: account, resource });
}
