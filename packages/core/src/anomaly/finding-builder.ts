import { resolvePath } from './catalogue/rule-engine';
import { CatalogueAction } from './catalogue/types';
import { Contribution } from './contribution';
import { EventView } from './event-view';
import { Finding, FindingEventContext, FindingReason, MitreReference, RecommendedAction } from './finding';
import { sha256Hex } from './hash';
import { contributionShares, combinePoints, round1, severityOf } from './signals/scoring';

/** The fields of an event view that a finding reports (all a finding is built from). */
export type FindingEvent = Pick<
  EventView,
  | 'logId'
  | 'eventTime'
  | 'eventName'
  | 'eventSource'
  | 'region'
  | 'sourceIp'
  | 'recipientAccountId'
  | 'errorCode'
  | 'principal'
>;

/** Stable id of the finding about an event: the same event and entity always give the same id. */
export function findingId(logId: string, entityId: string): string {
  return sha256Hex(`aad-finding\0v1\0${logId}\0${entityId}`);
}

/** Resolves a catalogue action's target (`requestParameters.x`, `$accessKey`, `$principal`, `$role`). */
export function resolveAction(action: CatalogueAction, event: EventView): RecommendedAction {
  let target = '';
  if (action.target === '$accessKey') {
    target = event.principal.accessKeyId;
  } else if (action.target === '$principal') {
    target = event.principal.entityId;
  } else if (action.target === '$role') {
    target = event.principal.key;
  } else {
    const value = resolvePath(event.record, action.target).find((v) => typeof v === 'string' || typeof v === 'number');
    target = value === undefined ? '' : String(value);
  }
  return { kind: action.kind, target: target || event.principal.entityId, description: action.description };
}

/** What to do about the credentials behind an event when no rule names a better action. */
export function credentialAction(event: FindingEvent): RecommendedAction | undefined {
  const p = event.principal;
  if (p.entityType === 'root') {
    return {
      kind: 'secure-root-account',
      target: p.accountId || p.entityId,
      description: 'Confirm the root activity was expected; rotate the root password and check its MFA device.',
    };
  }
  if (p.accessKeyId.startsWith('AKIA')) {
    return {
      kind: 'deactivate-access-key',
      target: p.accessKeyId,
      description: `Deactivate access key ${p.accessKeyId} of ${p.entityId} (aws iam update-access-key --status Inactive) until the activity is explained.`,
    };
  }
  if (p.entityType === 'assumed-role' && p.accessKeyId.startsWith('ASIA')) {
    const role = /^arn:[\w-]+:iam::/.test(p.key) ? p.key : p.entityId;
    return {
      kind: 'revoke-role-sessions',
      target: role,
      description: `Revoke active sessions of ${role} (attach AWSRevokeOlderSessions) and review how its credentials were obtained.`,
    };
  }
  return undefined;
}

function uniqueMitre(contributions: readonly Contribution[]): MitreReference[] {
  const out: MitreReference[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < contributions.length; i++) {
    const mitre = contributions[i].mitre;
    if (!mitre) continue;
    for (let k = 0; k < mitre.length; k++) {
      const m = mitre[k];
      const key = `${m.tactic}|${m.technique ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(m);
    }
  }
  return out;
}

/** Mutable view of a readonly record type while it is filled in (properties are added in output order). */
type Building<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Builds the finding of an event from its contributions (ordered strongest
 * first). Objects are filled in field by field, in the published order
 * (JSON output keeps insertion order), without spreading temporary objects.
 */
export function buildFinding(event: FindingEvent, contributions: readonly Contribution[]): Finding {
  const n = contributions.length;
  const points = new Array<number>(n);
  for (let i = 0; i < n; i++) points[i] = contributions[i].points;
  const score = round1(combinePoints(points));
  const shares = contributionShares(points);
  // Reasons whose share rounds to zero explain nothing: they are left out.
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (shares[i] >= 0.05 || n === 1) order.push(i);
  order.sort((a, b) => shares[b] - shares[a] || a - b);
  const reasons: FindingReason[] = [];
  const ordered: Contribution[] = [];
  let action: RecommendedAction | undefined;
  let ruleIds: string[] | undefined;
  for (const i of order) {
    const c = contributions[i];
    const reason: Building<FindingReason> = {
      signal: c.signal,
      id: c.id,
      contribution: round1(shares[i]),
      message: c.message,
    };
    const observed = c.observed;
    if (observed !== undefined) reason.observed = observed;
    const baseline = c.baseline;
    if (baseline !== undefined) reason.baseline = baseline;
    reasons.push(reason);
    ordered.push(c);
    if (action === undefined && c.action) action = c.action;
    if (c.ruleId && !(ruleIds ??= []).includes(c.ruleId)) ruleIds.push(c.ruleId);
  }
  action ??= credentialAction(event);
  const context: Building<FindingEventContext> = {};
  if (event.eventName) context.event_name = event.eventName;
  if (event.eventSource) context.event_source = event.eventSource;
  if (event.region) context.aws_region = event.region;
  if (event.sourceIp) context.source_ip = event.sourceIp;
  const accountId = event.recipientAccountId || event.principal.accountId;
  if (accountId) context.account_id = accountId;
  if (event.errorCode) context.error_code = event.errorCode;
  const finding: Building<Finding> = {
    finding_id: findingId(event.logId, event.principal.entityId),
    log_id: event.logId,
    entity_id: event.principal.entityId,
    entity_type: event.principal.entityType,
    risk_score: score,
    severity: severityOf(score),
    reasons,
    mitre: uniqueMitre(ordered),
    event_time: event.eventTime,
  };
  if (action) finding.recommended_action = action;
  finding.event = context;
  if (ruleIds !== undefined && ruleIds.length > 0) finding.rule_ids = ruleIds;
  if (event.principal.accessKeyId) finding.access_key_id = event.principal.accessKeyId;
  return finding;
}
