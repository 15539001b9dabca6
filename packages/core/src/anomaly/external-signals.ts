import { classifyIp } from './event-view';
import { Finding, FindingSeverity, MitreReference } from './finding';
import { findingId } from './finding-builder';
import { round1, severityOf } from './signals/scoring';

type Obj = Readonly<Record<string, unknown>>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** Case-insensitive field lookup (Panther and flow-log exports differ in key case). */
function get(obj: Obj, ...names: string[]): unknown {
  for (const name of names) {
    if (obj[name] !== undefined) return obj[name];
  }
  const lower = new Map(Object.keys(obj).map((k) => [k.toLowerCase().replace(/[-_]/g, ''), k]));
  for (const name of names) {
    const key = lower.get(name.toLowerCase().replace(/[-_]/g, ''));
    if (key !== undefined) return obj[key];
  }
  return undefined;
}

/** True when a JSON object is an Amazon GuardDuty finding (raw or as the `detail` of an EventBridge event). */
export function isGuardDutyFinding(value: unknown): boolean {
  if (!isObj(value)) return false;
  const service = value.service;
  return (
    typeof value.type === 'string' &&
    (typeof value.severity === 'number' || typeof value.severity === 'string') &&
    ((isObj(service) && service.serviceName === 'guardduty') || /:guardduty:/.test(str(value.arn)))
  );
}

/** GuardDuty severity (0-10) in our score bands: low → 40, medium → 55, high → 75, critical → 90. */
export function guardDutyScore(severity: number): number {
  if (severity >= 9) return 90;
  if (severity >= 7) return 75;
  if (severity >= 4) return 55;
  return 40;
}

const THREAT_PURPOSE_TACTICS: Readonly<Record<string, string>> = {
  Backdoor: 'TA0011 Command and Control',
  Behavior: 'TA0007 Discovery',
  CredentialAccess: 'TA0006 Credential Access',
  CryptoCurrency: 'TA0040 Impact',
  DefenseEvasion: 'TA0005 Defense Evasion',
  Discovery: 'TA0007 Discovery',
  Execution: 'TA0002 Execution',
  Exfiltration: 'TA0010 Exfiltration',
  Impact: 'TA0040 Impact',
  InitialAccess: 'TA0001 Initial Access',
  Persistence: 'TA0003 Persistence',
  Policy: 'TA0005 Defense Evasion',
  PrivilegeEscalation: 'TA0004 Privilege Escalation',
  Recon: 'TA0043 Reconnaissance',
  Stealth: 'TA0005 Defense Evasion',
  Trojan: 'TA0011 Command and Control',
  UnauthorizedAccess: 'TA0001 Initial Access',
  AttackSequence: 'TA0001 Initial Access',
};

/**
 * A GuardDuty finding passed through as one of ours: AWS already judged it,
 * so it is never dropped (its lowest band maps to the emission threshold).
 * Sample findings (`service.additionalInfo.sample`) are ignored.
 */
export function guardDutyFinding(value: unknown): Finding | undefined {
  if (!isGuardDutyFinding(value)) return undefined;
  const gd = value as Obj;
  const service = isObj(gd.service) ? gd.service : {};
  const info = isObj(service.additionalInfo) ? service.additionalInfo : {};
  if (info.sample === true || str(info.sample) === 'true' || gd.sample === true) return undefined;
  const severity = Number(gd.severity);
  const score = guardDutyScore(Number.isFinite(severity) ? severity : 0);
  const type = str(gd.type);
  const resource = isObj(gd.resource) ? gd.resource : {};
  const key = isObj(resource.accessKeyDetails) ? resource.accessKeyDetails : undefined;
  const instance = isObj(resource.instanceDetails) ? resource.instanceDetails : undefined;
  let entityId = str(gd.arn) || str(gd.id) || 'unknown';
  let entityType = 'guardduty-resource';
  if (key && str(key.accessKeyId)) {
    entityId = str(key.accessKeyId);
    entityType = 'access-key';
  } else if (key && str(key.userName)) {
    entityId = str(key.userName);
    entityType = 'iam-principal';
  } else if (instance && str(instance.instanceId)) {
    entityId = str(instance.instanceId);
    entityType = 'ec2-instance';
  }
  const logId = str(gd.id) || str(gd.arn) || entityId;
  const purpose = type.split(':')[0];
  const mitre: MitreReference[] = [{ tactic: THREAT_PURPOSE_TACTICS[purpose] ?? 'TA0001 Initial Access' }];
  const gdSeverity: FindingSeverity = severityOf(score);
  return {
    finding_id: findingId(logId, entityId),
    log_id: logId,
    entity_id: entityId,
    entity_type: entityType,
    risk_score: score,
    severity: gdSeverity,
    reasons: [
      {
        signal: 'guardduty',
        id: `guardduty/${type}`,
        contribution: round1(score),
        message: `GuardDuty finding ${type} (severity ${Number.isFinite(severity) ? severity : 'unknown'}): ${str(gd.title) || str(gd.description).slice(0, 200)}`,
        observed: Number.isFinite(severity) ? severity : str(gd.severity),
      },
    ],
    mitre,
    event_time: str(gd.updatedAt) || str(gd.createdAt) || '',
    ...(entityType === 'access-key'
      ? {
          recommended_action: {
            kind: 'deactivate-access-key',
            target: entityId,
            description: `Deactivate access key ${entityId} while the GuardDuty finding is investigated.`,
          },
        }
      : {}),
    event: { ...(str(gd.region) ? { aws_region: str(gd.region) } : {}), account_id: str(gd.accountId) },
  };
}

/** Ports whose exposure to the internet is a risk (remote administration and databases). */
export const ADMIN_PORTS: ReadonlySet<number> = new Set([22, 23, 3389, 5900, 445, 1433, 3306, 5432, 6379, 9200, 27017]);

/** Risk score of an administration port reached from the internet (informational band). */
export const FLOW_EXPOSURE_SCORE = 35;

/** A VPC flow record normalized (reader fields `srcaddr`…, or camel-case exports `srcAddr`…). */
export interface FlowView {
  readonly src: string;
  readonly dst: string;
  readonly dstPort: number;
  /** `ACCEPT`, `REJECT` or '' when not recorded. */
  readonly action: string;
  readonly interfaceId: string;
  readonly instanceId: string;
  readonly start: string;
}

/** True when an object looks like a VPC flow record. */
export function isFlowRecord(value: unknown): boolean {
  return isObj(value) && get(value, 'srcaddr') !== undefined && get(value, 'dstaddr') !== undefined;
}

/** Normalizes a flow record's fields. */
export function toFlowView(fields: Readonly<Record<string, unknown>>): FlowView {
  const startRaw = get(fields, 'start');
  const startSec = Number(startRaw);
  return {
    src: str(get(fields, 'srcaddr')),
    dst: str(get(fields, 'dstaddr')),
    dstPort: Number(get(fields, 'dstport')),
    action: str(get(fields, 'action')).toUpperCase(),
    interfaceId: str(get(fields, 'interface-id', 'interfaceId')),
    instanceId: str(get(fields, 'instance-id', 'instanceId')),
    start: Number.isFinite(startSec) && startSec > 0 ? new Date(startSec * 1000).toISOString() : str(startRaw),
  };
}

/**
 * Network signal of one flow: traffic from a public address reaching a
 * private address on a remote-administration or database port, not rejected.
 * Without a baseline of who normally connects, this is an exposure signal,
 * not an incident: it scores {@link FLOW_EXPOSURE_SCORE}, below the default
 * emission threshold (lower `minScore` to see these findings).
 */
export function flowFinding(flow: FlowView, logId: string): Finding | undefined {
  if (flow.action === 'REJECT' || !ADMIN_PORTS.has(flow.dstPort)) return undefined;
  if (classifyIp(flow.src).kind !== 'public' || classifyIp(flow.dst).kind !== 'private') return undefined;
  const entityId = flow.instanceId || flow.interfaceId || flow.dst;
  const entityType = flow.instanceId ? 'ec2-instance' : flow.interfaceId ? 'network-interface' : 'ip-address';
  const score = FLOW_EXPOSURE_SCORE;
  return {
    finding_id: findingId(logId, entityId),
    log_id: logId,
    entity_id: entityId,
    entity_type: entityType,
    risk_score: score,
    severity: severityOf(score),
    reasons: [
      {
        signal: 'network',
        id: 'network/admin-port-reached-from-internet',
        contribution: score,
        message: `public address ${flow.src} reached ${flow.dst} on port ${flow.dstPort}${flow.action ? ` (${flow.action})` : ''}`,
        observed: `${flow.src} -> ${flow.dst}:${flow.dstPort}`,
      },
    ],
    mitre: [{ tactic: 'TA0001 Initial Access', technique: 'T1133 External Remote Services' }],
    event_time: flow.start,
    recommended_action: {
      kind: 'restrict-ingress',
      target: flow.interfaceId || flow.instanceId || flow.dst,
      description: `Close port ${flow.dstPort} to the internet in the security group or network ACL, and review sessions from ${flow.src}.`,
    },
    event: { source_ip: flow.src },
  };
}
