import { ACTIONS, ActionParts } from './actions';
import { GoldCollector, GoldMention, SpanBuilder } from './gold';
import { SeededRandom } from './rng';
import { AccountResources, SimulatedPrincipal, SimulatedWorld } from './world';
import { CloudTrailRecord } from '../logs/cloudtrail-record';

/** One generated event with its gold mentions. */
export interface GeneratedEvent {
  readonly event: CloudTrailRecord;
  readonly mentions: readonly GoldMention[];
}

/** Options of {@link generateCloudTrailEvents}. */
export interface CloudTrailGeneratorOptions {
  /** Number of events. */
  readonly events: number;
  /** Seed of the event stream. @default world.seed */
  readonly seed?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Streams benign CloudTrail events of a world in time order. Every principal
 * follows its habits: its usual IPs, regions, user agents and actions
 * (weighted), its working hours and weekend share, its error rate; volume is
 * spread by each principal's weight. Every entity placed in an event is
 * recorded as a gold mention (field path, or span inside a string).
 */
export function* generateCloudTrailEvents(
  world: SimulatedWorld,
  options: CloudTrailGeneratorOptions,
): Generator<GeneratedEvent> {
  const rng = new SeededRandom(options.seed ?? world.seed);
  const n = options.events;
  const principals = world.principals;
  const cum = new Float64Array(principals.length);
  let acc = 0;
  principals.forEach((p, i) => {
    acc += p.habits.volume;
    cum[i] = acc;
  });
  const start = Date.parse(world.start);
  const days = Math.max(1, Math.round((Date.parse(world.end) - start) / DAY));
  // Draw (time, principal) pairs first, then build events in time order.
  const times = new Float64Array(n);
  const who = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const p = rng.cumulative(cum);
    who[i] = p;
    times[i] = eventTime(rng, principals[p], start, days);
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => times[a] - times[b] || a - b);
  const accounts = new Map(world.accounts.map((a) => [a.accountId, a]));
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const principal = principals[who[i]];
    yield buildEvent(rng, principal, accounts.get(principal.accountId) as AccountResources, times[i]);
  }
}

function eventTime(rng: SeededRandom, p: SimulatedPrincipal, start: number, days: number): number {
  const h = p.habits;
  for (;;) {
    const day = rng.int(0, days - 1);
    const weekday = new Date(start + day * DAY).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    if (weekend && !rng.chance(h.weekendActivity)) continue;
    let hour: number;
    if (h.workHours >= 24) {
      hour = rng.next() * 24;
    } else if (rng.chance(0.04)) {
      hour = rng.next() * 24;
    } // occasional off-hours work
    else {
      hour = (h.workStartHour + (rng.next() + rng.next()) * 0.5 * h.workHours) % 24;
    }
    return start + day * DAY + Math.floor(hour * HOUR);
  }
}

/** `2026-11-03T09:12:45Z` */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function buildEvent(
  rng: SeededRandom,
  principal: SimulatedPrincipal,
  account: AccountResources,
  time: number,
): GeneratedEvent {
  const h = principal.habits;
  const actionId = rng.weighted(h.actions, h.actionWeights);
  const spec = ACTIONS[actionId];
  const [, eventName] = actionId.split(':');
  const region =
    actionId.startsWith('iam:') || actionId.startsWith('signin:')
      ? 'us-east-1'
      : rng.weighted(principal.usualRegions, h.regionWeights);
  const gold = new GoldCollector();
  const eventID = rng.uuid();
  const userIdentity = identity(rng, principal, account, gold);
  const sourceIp = principal.usualIps.length > 0 ? rng.weighted(principal.usualIps, h.ipWeights) : undefined;
  const userAgent = rng.weighted(principal.usualUserAgents, h.userAgentWeights);
  const parts: ActionParts = spec.build({ rng, account, region, principal, gold });
  const failed = rng.chance(h.errorRate);
  const errorCode = failed ? rng.pick(spec.errors) : undefined;
  const event: Record<string, unknown> = {
    eventVersion: spec.data ? '1.10' : '1.09',
    userIdentity,
    eventTime: isoSeconds(time),
    eventSource: spec.source,
    eventName,
    awsRegion: region,
    sourceIPAddress:
      sourceIp !== undefined
        ? gold.field('sourceIPAddress', sourceIp.includes(':') ? 'ipv6' : 'ipv4', sourceIp)
        : (principal.usualUserAgents[0] ?? 'AWS Internal'),
    userAgent,
  };
  if (errorCode !== undefined) {
    event.errorCode = errorCode;
    event.errorMessage = errorMessage(
      gold,
      principal,
      errorCode,
      `${spec.source.split('.')[0]}:${eventName}`,
      parts.resourceArn,
      rng,
    );
  }
  event.requestParameters = parts.requestParameters ?? null;
  event.responseElements = errorCode !== undefined ? null : (parts.responseElements ?? null);
  if (parts.additionalEventData) event.additionalEventData = parts.additionalEventData;
  event.requestID = rng.uuid();
  event.eventID = eventID;
  event.readOnly = spec.readOnly;
  if (parts.resources) event.resources = parts.resources;
  event.eventType = spec.eventType ?? 'AwsApiCall';
  event.managementEvent = !spec.data;
  event.recipientAccountId = gold.field('recipientAccountId', 'aws-account-id', account.accountId);
  if (h.vpcEndpointId && spec.source !== 'signin.amazonaws.com') {
    event.vpcEndpointId = gold.field('vpcEndpointId', 'vpc-endpoint-id', h.vpcEndpointId);
    event.vpcEndpointAccountId = gold.field('vpcEndpointAccountId', 'aws-account-id', account.accountId);
  }
  event.eventCategory = spec.data ? 'Data' : 'Management';
  if (spec.source !== 'signin.amazonaws.com' && rng.chance(0.7)) {
    event.tlsDetails = {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: `${spec.source.split('.')[0]}.${region}.amazonaws.com`,
    };
  }
  if (errorCode === 'Failed authentication') event.responseElements = { ConsoleLogin: 'Failure' };
  // A failed call has no response: drop the gold of the response it would have had.
  const mentions =
    errorCode !== undefined ? gold.mentions.filter((m) => !m.field?.startsWith('responseElements')) : gold.mentions;
  return { event: event as CloudTrailRecord, mentions };
}

function identity(
  rng: SeededRandom,
  p: SimulatedPrincipal,
  account: AccountResources,
  gold: GoldCollector,
): Record<string, unknown> {
  const h = p.habits;
  const accessKey = p.accessKeyIds.length > 0 ? rng.pick(p.accessKeyIds) : undefined;
  const created = isoSeconds(Date.parse('2026-11-01T00:00:00Z') + rng.int(0, 20) * DAY);
  if (p.type === 'Root') {
    return {
      type: 'Root',
      principalId: gold.field('userIdentity.principalId', 'aws-account-id', account.accountId),
      arn: gold.field('userIdentity.arn', 'arn', p.arn),
      accountId: gold.field('userIdentity.accountId', 'aws-account-id', account.accountId),
    };
  }
  if (p.type === 'IAMUser') {
    return {
      type: 'IAMUser',
      principalId: h.principalId,
      arn: gold.field('userIdentity.arn', 'iam-user-arn', p.arn),
      accountId: gold.field('userIdentity.accountId', 'aws-account-id', account.accountId),
      ...(accessKey ? { accessKeyId: gold.field('userIdentity.accessKeyId', 'access-key-id', accessKey) } : {}),
      userName: gold.field('userIdentity.userName', 'iam-user-name', p.userName ?? ''),
      ...(rng.chance(0.3)
        ? { sessionContext: { attributes: { creationDate: created, mfaAuthenticated: 'true' } } }
        : {}),
    };
  }
  const out: Record<string, unknown> = {
    type: 'AssumedRole',
    principalId: h.principalId,
    arn: gold.field('userIdentity.arn', 'assumed-role-arn', p.arn),
    accountId: gold.field('userIdentity.accountId', 'aws-account-id', account.accountId),
    ...(accessKey ? { accessKeyId: gold.field('userIdentity.accessKeyId', 'access-key-id', accessKey) } : {}),
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: h.principalId.split(':')[0],
        arn: gold.field('userIdentity.sessionContext.sessionIssuer.arn', 'iam-role-arn', h.roleArn ?? ''),
        accountId: gold.field(
          'userIdentity.sessionContext.sessionIssuer.accountId',
          'aws-account-id',
          account.accountId,
        ),
        userName: gold.field('userIdentity.sessionContext.sessionIssuer.userName', 'iam-role-name', h.roleName ?? ''),
      },
      webIdFederationData: {},
      attributes: { creationDate: created, mfaAuthenticated: h.kind === 'human' ? 'true' : 'false' },
    },
  };
  if (p.type === 'AWSService') out.invokedBy = p.usualUserAgents[0];
  return out;
}

function errorMessage(
  gold: GoldCollector,
  p: SimulatedPrincipal,
  code: string,
  action: string,
  resourceArn: string | undefined,
  rng: SeededRandom,
): string {
  const b = new SpanBuilder();
  if (code === 'AccessDenied' || code === 'AccessDeniedException') {
    const type = p.type === 'IAMUser' ? 'iam-user-arn' : p.type === 'Root' ? 'arn' : 'assumed-role-arn';
    b.add('User: ').entity(p.arn, type).add(` is not authorized to perform: ${action}`);
    if (resourceArn) b.add(' on resource: ').entity(resourceArn, resourceType(resourceArn));
    b.add(` because no identity-based policy allows the ${action} action`);
  } else if (code === 'Client.UnauthorizedOperation') {
    b.add(`You are not authorized to perform this operation. User: `)
      .entity(p.arn, p.type === 'IAMUser' ? 'iam-user-arn' : 'assumed-role-arn')
      .add(
        ` is not authorized to perform: ${action} with an explicit deny. Encoded authorization failure message: ${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 120)}`,
      );
  } else if (code === 'Failed authentication') {
    b.add('Failed authentication');
  } else {
    b.add(
      rng.pick([
        'Rate exceeded',
        'The specified resource does not exist.',
        'Request could not be completed',
        `${code}: the request was rejected`,
      ]),
    );
  }
  return gold.spans('errorMessage', b.build());
}

function resourceType(arn: string): 'arn' | 'iam-role-arn' | 'iam-user-arn' | 'kms-key-arn' {
  if (/^arn:aws:iam::\d{12}:role\//.test(arn)) return 'iam-role-arn';
  if (/^arn:aws:iam::\d{12}:user\//.test(arn)) return 'iam-user-arn';
  if (/^arn:aws:kms:[^:]+:\d{12}:key\//.test(arn)) return 'kms-key-arn';
  return 'arn';
}
