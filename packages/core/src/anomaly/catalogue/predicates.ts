import { EventView, fieldOf } from '../event-view';

/**
 * A semantic check on an event that a field condition cannot express (a
 * policy document that opens a resource to everyone, a call that targets
 * another user). Pure: returns a short detail for the reason text when it
 * holds, `undefined` otherwise. Never throws.
 */
export type CataloguePredicate = (event: EventView, args: readonly string[]) => string | undefined;

type Obj = Readonly<Record<string, unknown>>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function lower(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : '';
}

/** Policy documents found in request parameters, as objects or JSON strings (capped in size and depth). */
export function policyDocuments(parameters: unknown, depth = 0): Obj[] {
  const found: Obj[] = [];
  if (depth > 5) return found;
  if (typeof parameters === 'string') {
    if (parameters.length < 200_000 && parameters.includes('Statement')) {
      try {
        const parsed: unknown = JSON.parse(parameters);
        if (isObj(parsed)) found.push(...policyDocuments(parsed, depth + 1));
      } catch {
        // not JSON: not a policy document
      }
    }
    return found;
  }
  if (Array.isArray(parameters)) {
    for (const item of parameters) found.push(...policyDocuments(item, depth + 1));
    return found;
  }
  if (!isObj(parameters)) return found;
  if (parameters.Statement !== undefined || parameters.statement !== undefined) {
    found.push(parameters);
    return found;
  }
  for (const value of Object.values(parameters)) found.push(...policyDocuments(value, depth + 1));
  return found;
}

function statementsOf(policy: Obj): Obj[] {
  return asArray(policy.Statement ?? policy.statement).filter(isObj);
}

function isAllow(statement: Obj): boolean {
  return lower(statement.Effect ?? statement.effect) === 'allow';
}

/** Principal values of a statement (`*`, account ids, ARNs, service names). */
function principalValues(statement: Obj): string[] {
  const principal = statement.Principal ?? statement.principal;
  if (typeof principal === 'string') return [principal];
  if (!isObj(principal)) return [];
  const values: string[] = [];
  for (const [kind, value] of Object.entries(principal)) {
    if (kind.toLowerCase() === 'service' || kind.toLowerCase() === 'federated') continue;
    for (const v of asArray(value)) if (typeof v === 'string') values.push(v);
  }
  return values;
}

/** Condition keys that tie a wildcard principal to an account, organization, network or source resource. */
const SCOPING_KEYS = new Set(
  [
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceIp',
    'aws:VpcSourceIp',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalServiceName',
    'aws:userid',
    'aws:username',
    'kms:CallerAccount',
    'kms:ViaService',
    'lambda:FunctionUrlAuthType',
    's3:DataAccessPointAccount',
    'elasticfilesystem:AccessedViaMountTarget',
    'sns:Endpoint',
  ].map((k) => k.toLowerCase()),
);

/** True when a statement's conditions scope it (at least one scoping key with a non-wildcard value). */
function isScoped(statement: Obj): boolean {
  const condition = statement.Condition ?? statement.condition;
  if (!isObj(condition)) return false;
  for (const operator of Object.values(condition)) {
    if (!isObj(operator)) continue;
    for (const [key, value] of Object.entries(operator)) {
      if (!SCOPING_KEYS.has(key.toLowerCase())) continue;
      const values = asArray(value).map(String);
      if (values.length > 0 && !values.every((v) => v === '*')) return true;
    }
  }
  return false;
}

function accountOf(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  const m = /^arn:[\w-]+:(?:iam|sts)::(\d{12}):/.exec(principal);
  return m ? m[1] : undefined;
}

/** A resource or trust policy in the request allows `Principal: "*"` with no scoping condition. */
export const publicResourcePolicy: CataloguePredicate = (event) => {
  const documents = policyDocuments(fieldOf(event.record, 'requestParameters'));
  for (const policy of documents) {
    const statements = statementsOf(policy);
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i];
      if (!isAllow(statement)) continue;
      if (!principalValues(statement).some((p) => p === '*')) continue;
      if (isScoped(statement)) continue;
      return `statement ${i + 1} allows Principal "*" with no scoping condition`;
    }
  }
  return undefined;
};

/** A resource or trust policy in the request grants access to an account other than the caller's. */
export const crossAccountResourcePolicy: CataloguePredicate = (event) => {
  const own = new Set([event.recipientAccountId, event.principal.accountId].filter((a) => a !== ''));
  if (own.size === 0) return undefined;
  for (const policy of policyDocuments(fieldOf(event.record, 'requestParameters'))) {
    for (const statement of statementsOf(policy)) {
      if (!isAllow(statement)) continue;
      for (const principal of principalValues(statement)) {
        const account = accountOf(principal);
        if (account && !own.has(account)) return `grants access to account ${account}`;
      }
    }
  }
  return undefined;
};

const PUBLIC_ACL = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/i;
const CANNED_PUBLIC = new Set(['public-read', 'public-read-write', 'authenticated-read']);

/** An S3 ACL in the request grants access to everyone (canned ACL or AllUsers/AuthenticatedUsers grantee). */
export const publicAcl: CataloguePredicate = (event) => {
  const parameters = fieldOf(event.record, 'requestParameters');
  if (!isObj(parameters)) return undefined;
  for (const key of ['x-amz-acl', 'acl']) {
    for (const value of asArray(parameters[key])) {
      if (typeof value === 'string' && CANNED_PUBLIC.has(value.toLowerCase())) return `canned ACL ${value}`;
    }
  }
  let text: string;
  try {
    text = JSON.stringify(parameters);
  } catch {
    return undefined;
  }
  const m = PUBLIC_ACL.exec(text);
  return m ? `grants access to the ${m[1]} group` : undefined;
};

/** An S3 public access block setting is switched off. */
export const publicAccessBlockWeakened: CataloguePredicate = (event) => {
  const parameters = fieldOf(event.record, 'requestParameters');
  const configuration = fieldOf(parameters, 'PublicAccessBlockConfiguration');
  if (!isObj(configuration)) return undefined;
  const off = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'].filter((key) => {
    const value = fieldOf(configuration, key);
    return value === false || lower(value) === 'false';
  });
  return off.length > 0 ? `turns off ${off.join(', ')}` : undefined;
};

const ADMIN_ACTIONS = new Set(['*', '*:*', 'iam:*']);

/** An identity policy document in the request allows every action (or all of IAM) on every resource. */
export const adminPolicyDocument: CataloguePredicate = (event) => {
  for (const policy of policyDocuments(fieldOf(event.record, 'requestParameters'))) {
    for (const statement of statementsOf(policy)) {
      if (!isAllow(statement)) continue;
      const resources = asArray(statement.Resource ?? statement.resource).map(String);
      if (!resources.includes('*')) continue;
      const actions = asArray(statement.Action ?? statement.action).map((a) => String(a).toLowerCase());
      const admin = actions.find((a) => ADMIN_ACTIONS.has(a));
      if (admin) return `allows ${admin} on *`;
      if (statement.NotAction !== undefined || statement.notAction !== undefined) return 'allows NotAction on *';
    }
  }
  return undefined;
};

/** The request targets an IAM user other than the caller (`requestParameters.userName`). */
export const targetsOtherUser: CataloguePredicate = (event) => {
  const target = fieldOf(fieldOf(event.record, 'requestParameters'), 'userName');
  if (typeof target !== 'string' || target === '') return undefined;
  const p = event.principal;
  const self = p.entityType === 'iam-user' ? p.name : p.entityType === 'assumed-role' ? p.sessionName : '';
  return target === self ? undefined : `targets user ${target}`;
};

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;
const AGENT_SOURCES = new Set(['ssm', 'ssmmessages', 'ec2messages']);

/** EC2 instance-role credentials (session named after the instance) used from a public address outside AWS. */
export const instanceCredentialsOutsideAws: CataloguePredicate = (event) => {
  const p = event.principal;
  if (p.entityType !== 'assumed-role' || !INSTANCE_ID.test(p.sessionName)) return undefined;
  if (event.ipKind !== 'public' || p.invokedBy !== '') return undefined;
  if (event.vpcEndpointId !== '') return undefined;
  if (AGENT_SOURCES.has(event.service)) return undefined;
  return `credentials of instance ${p.sessionName} used from ${event.sourceIp}`;
};

/** The caller is a person (root, IAM or federated user, SSO or SAML session), not a workload. */
export const humanPrincipal: CataloguePredicate = (event) =>
  event.principal.human ? `called by ${event.principal.entityType} ${event.principal.name}` : undefined;

/** The caller belongs to another account than the one that recorded the event. */
export const crossAccountCaller: CataloguePredicate = (event) => {
  const p = event.principal;
  if (p.entityType === 'aws-service' || p.invokedBy !== '') return undefined;
  const own = event.recipientAccountId;
  const fromAccount = str(fieldOf(fieldOf(event.record, 'userIdentity'), 'accountId'));
  if (own === '' || fromAccount === '' || own === fromAccount) return undefined;
  return `caller account ${fromAccount}, resource account ${own}`;
};

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The call came from a public address although it went through a VPC endpoint. */
export const publicSourceThroughVpcEndpoint: CataloguePredicate = (event) => {
  if (event.eventType !== 'AwsVpceEvent' || typeof fieldOf(event.record, 'vpcEndpointId') !== 'string') {
    return undefined;
  }
  return event.ipKind === 'public' ? `public source ${event.sourceIp} through a VPC endpoint` : undefined;
};

const ADMIN_PORTS = [22, 3389, 23, 445, 1433, 3306, 5432, 6379, 9200, 27017];

function portRange(item: Obj): [number, number] | undefined {
  const protocol = String(item.ipProtocol ?? item.IpProtocol ?? '');
  if (protocol === '-1' || protocol.toLowerCase() === 'all') return [0, 65535];
  const from = Number(item.fromPort ?? item.FromPort);
  const to = Number(item.toPort ?? item.ToPort);
  if (Number.isNaN(from) || Number.isNaN(to)) return undefined;
  return [from, to];
}

function worldCidrs(item: Obj): string[] {
  const found: string[] = [];
  const ranges = [item.ipRanges, item.ipv6Ranges, item.IpRanges, item.Ipv6Ranges];
  for (const range of ranges) {
    const items = isObj(range) ? asArray(range.items) : asArray(range);
    for (const entry of items) {
      if (!isObj(entry)) continue;
      const cidr = String(entry.cidrIp ?? entry.cidrIpv6 ?? entry.CidrIp ?? entry.CidrIpv6 ?? '');
      if (cidr === '0.0.0.0/0' || cidr === '::/0') found.push(cidr);
    }
  }
  return found;
}

/**
 * A security group ingress rule opens ports to the whole internet. With
 * argument `admin`, only when the range includes an administration or
 * database port (22, 3389, 3306, …) or all traffic.
 */
export const worldOpenIngress: CataloguePredicate = (event, args) => {
  const parameters = fieldOf(event.record, 'requestParameters');
  const permissions = fieldOf(parameters, 'ipPermissions');
  const items = isObj(permissions) ? asArray(permissions.items) : asArray(permissions);
  for (const item of items) {
    if (!isObj(item)) continue;
    const cidrs = worldCidrs(item);
    if (cidrs.length === 0) continue;
    const range = portRange(item);
    if (args.includes('admin')) {
      if (!range) continue;
      const port = ADMIN_PORTS.find((p) => p >= range[0] && p <= range[1]);
      if (port === undefined) continue;
      return `opens ${range[0] === range[1] ? `port ${range[0]}` : `ports ${range[0]}-${range[1]}`} to ${cidrs[0]}`;
    }
    return `opens ${range ? `ports ${range[0]}-${range[1]}` : 'ports'} to ${cidrs[0]}`;
  }
  // EC2 Network ACL entries.
  const cidr = lower(fieldOf(parameters, 'cidrBlock')) || lower(fieldOf(parameters, 'ipv6CidrBlock'));
  if ((cidr === '0.0.0.0/0' || cidr === '::/0') && lower(fieldOf(parameters, 'ruleAction')) === 'allow') {
    const egress = fieldOf(parameters, 'egress');
    if (egress === true || lower(egress) === 'true') return undefined;
    if (args.includes('admin')) return undefined;
    return `allows inbound traffic from ${cidr}`;
  }
  return undefined;
};

/**
 * A Secrets Manager batch retrieval that names no secrets and whose filters
 * only exclude (`!value`): it returns every secret the caller can read.
 */
export const catchAllSecretFilter: CataloguePredicate = (event) => {
  const parameters = fieldOf(event.record, 'requestParameters');
  const ids = asArray(fieldOf(parameters, 'secretIdList'));
  if (ids.length > 0) return undefined;
  const filters = asArray(fieldOf(parameters, 'filters')).filter(isObj);
  if (filters.length === 0) return 'no secret list and no filter';
  const values = filters.flatMap((f) => asArray(f.values ?? f.Values)).map(String);
  if (values.length > 0 && values.every((v) => v.startsWith('!'))) return 'every filter is a negation';
  return undefined;
};

/** The request touches a resource (e.g. a destination bucket) that CloudTrail lists as owned by another account. */
export const resourceInOtherAccount: CataloguePredicate = (event) => {
  const own = event.recipientAccountId || event.principal.accountId;
  if (own === '') return undefined;
  for (const resource of asArray(fieldOf(event.record, 'resources'))) {
    if (!isObj(resource)) continue;
    const account = str(resource.accountId);
    if (account !== '' && account !== own) {
      return `${str(resource.ARN) || str(resource.arn) || 'a resource'} belongs to account ${account}`;
    }
  }
  return undefined;
};

/** Every predicate a catalogue rule may name. */
export const PREDICATES: Readonly<Record<string, CataloguePredicate>> = {
  'public-resource-policy': publicResourcePolicy,
  'cross-account-resource-policy': crossAccountResourcePolicy,
  'public-acl': publicAcl,
  'public-access-block-weakened': publicAccessBlockWeakened,
  'admin-policy-document': adminPolicyDocument,
  'targets-other-user': targetsOtherUser,
  'instance-credentials-outside-aws': instanceCredentialsOutsideAws,
  'human-principal': humanPrincipal,
  'cross-account-caller': crossAccountCaller,
  'public-source-through-vpc-endpoint': publicSourceThroughVpcEndpoint,
  'world-open-ingress': worldOpenIngress,
  'catch-all-secret-filter': catchAllSecretFilter,
  'resource-in-other-account': resourceInOtherAccount,
};
