import { resolvePath } from './catalogue/rule-engine';
import { CatalogueAction } from './catalogue/types';
import { Contribution } from './contribution';
import { EventView } from './event-view';
import { Finding, FindingReason, MitreReference, RecommendedAction } from './finding';
import { sha256Hex } from './hash';
import { contributionShares, combinePoints, round1, severityOf } from './signals/scoring';

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
export function credentialAction(event: EventView): RecommendedAction | undefined {
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
  for (const c of contributions) {
    for (const m of c.mitre ?? []) {
      const key = `${m.tactic}|${m.technique ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(m);
    }
  }
  return out;
}

/** Builds the finding of an event from its contributions (ordered strongest first). */
export function buildFinding(event: EventView, contributions: readonly Contribution[]): Finding {
  const points = contributions.map((c) => c.points);
  const score = round1(combinePoints(points));
  const shares = contributionShares(points);
  // Reasons whose share rounds to zero explain nothing: they are left out.
  const order = contributions
    .map((_, i) => i)
    .filter((i) => shares[i] >= 0.05 || contributions.length === 1)
    .sort((a, b) => shares[b] - shares[a] || a - b);
  const reasons: FindingReason[] = order.map((i) => {
    const c = contributions[i];
    return {
      signal: c.signal,
      id: c.id,
      contribution: round1(shares[i]),
      message: c.message,
      ...(c.observed !== undefined ? { observed: c.observed } : {}),
      ...(c.baseline !== undefined ? { baseline: c.baseline } : {}),
    };
  });
  const ordered = order.map((i) => contributions[i]);
  const action = ordered.find((c) => c.action)?.action ?? credentialAction(event);
  const ruleIds = ordered.filter((c) => c.ruleId).map((c) => c.ruleId as string);
  const context = {
    ...(event.eventName ? { event_name: event.eventName } : {}),
    ...(event.eventSource ? { event_source: event.eventSource } : {}),
    ...(event.region ? { aws_region: event.region } : {}),
    ...(event.sourceIp ? { source_ip: event.sourceIp } : {}),
    ...(event.principal.accountId || event.recipientAccountId
      ? { account_id: event.recipientAccountId || event.principal.accountId }
      : {}),
    ...(event.errorCode ? { error_code: event.errorCode } : {}),
  };
  return {
    finding_id: findingId(event.logId, event.principal.entityId),
    log_id: event.logId,
    entity_id: event.principal.entityId,
    entity_type: event.principal.entityType,
    risk_score: score,
    severity: severityOf(score),
    reasons,
    mitre: uniqueMitre(ordered),
    event_time: event.eventTime,
    ...(action ? { recommended_action: action } : {}),
    event: context,
    ...(ruleIds.length > 0 ? { rule_ids: [...new Set(ruleIds)] } : {}),
    ...(event.principal.accessKeyId ? { access_key_id: event.principal.accessKeyId } : {}),
  };
}
