/**
 * VPC Flow Logs: the default version-2 line and custom formats whose first
 * line names the fields (versions 3 to 5). `-` means "no value".
 */

/** Fields of the default (version 2) format, in order. */
export const VPC_FLOW_V2_FIELDS: readonly string[] = [
  'version',
  'account-id',
  'interface-id',
  'srcaddr',
  'dstaddr',
  'srcport',
  'dstport',
  'protocol',
  'packets',
  'bytes',
  'start',
  'end',
  'action',
  'log-status',
];

/** Every field name AWS documents for flow log records (versions 2 to 5, plus ECS fields of v7). */
export const VPC_FLOW_FIELDS: ReadonlySet<string> = new Set([
  ...VPC_FLOW_V2_FIELDS,
  'vpc-id',
  'subnet-id',
  'instance-id',
  'tcp-flags',
  'type',
  'pkt-srcaddr',
  'pkt-dstaddr',
  'region',
  'az-id',
  'sublocation-type',
  'sublocation-id',
  'pkt-src-aws-service',
  'pkt-dst-aws-service',
  'flow-direction',
  'traffic-path',
  'ecs-cluster-arn',
  'ecs-cluster-name',
  'ecs-container-instance-arn',
  'ecs-container-instance-id',
  'ecs-container-id',
  'ecs-second-container-id',
  'ecs-service-name',
  'ecs-task-definition-arn',
  'ecs-task-arn',
  'ecs-task-id',
  'reject-reason',
]);

/**
 * Field names when `line` is a flow log header (every token a known field
 * name, `${field}` accepted as in the format string), else `undefined`.
 */
export function parseVpcFlowHeader(line: string): string[] | undefined {
  const tokens = line.trim().split(/\s+/);
  if (tokens.length < 2) return undefined;
  const names = tokens.map((t) => t.replace(/^\$\{(.*)\}$/, '$1').replace(/_/g, '-'));
  if (!names.every((n) => VPC_FLOW_FIELDS.has(n))) return undefined;
  if (!names.includes('srcaddr') && !names.includes('dstaddr') && !names.includes('pkt-srcaddr')) return undefined;
  return names;
}

/** True when `line` looks like a default version-2 record (14 fields, version 2, an action or `-`). */
export function isVpcFlowV2Line(line: string): boolean {
  const tokens = line.trim().split(/\s+/);
  return (
    tokens.length === VPC_FLOW_V2_FIELDS.length &&
    tokens[0] === '2' &&
    /^(ACCEPT|REJECT|-)$/.test(tokens[12]) &&
    /^(OK|NODATA|SKIPDATA)$/.test(tokens[13])
  );
}

/** Result of splitting a flow log line against its columns. */
export type VpcFlowParse = { readonly fields: Record<string, string | undefined> } | { readonly error: string };

/** Splits a line into named fields; `-` becomes `undefined`. */
export function parseVpcFlowLine(line: string, columns: readonly string[]): VpcFlowParse {
  const tokens = line.trim().split(/\s+/);
  if (tokens.length !== columns.length) {
    return { error: `flow log line has ${tokens.length} fields, the format has ${columns.length}` };
  }
  const fields: Record<string, string | undefined> = {};
  for (let i = 0; i < columns.length; i++) fields[columns[i]] = tokens[i] === '-' ? undefined : tokens[i];
  return { fields };
}
