import {
  AwsSecurityFinding,
  BatchImportFindingsCommand,
  Resource,
  SecurityHubClient,
  SeverityLabel,
} from '@aws-sdk/client-securityhub';
import { IFindingPublisher, PublishResult } from './published-finding';
import { AuditFindingItem } from '../audit/audit-item';
import { RetryPolicy, backoff, isRetryableCode, withRetries } from '../aws/retry';

/** ASFF `Types` of MITRE ATT&CK tactics (Security Hub's namespace/category taxonomy). */
const TACTIC_TYPES: Readonly<Record<string, string>> = {
  'initial-access': 'TTPs/Initial Access',
  execution: 'TTPs/Execution',
  persistence: 'TTPs/Persistence',
  'privilege-escalation': 'TTPs/Privilege Escalation',
  'defense-evasion': 'TTPs/Defense Evasion',
  'credential-access': 'TTPs/Credential Access',
  discovery: 'TTPs/Discovery',
  reconnaissance: 'TTPs/Discovery',
  'lateral-movement': 'TTPs/Lateral Movement',
  collection: 'TTPs/Collection',
  'command-and-control': 'TTPs/Command and Control',
  exfiltration: 'Effects/Data Exfiltration',
  impact: 'Effects/Data Destruction',
};

/** Impact techniques whose ASFF effect is not data destruction. */
const IMPACT_TECHNIQUES: Readonly<Record<string, string>> = {
  T1496: 'Effects/Resource Consumption',
  T1498: 'Effects/Denial of Service',
  T1499: 'Effects/Denial of Service',
};

const FALLBACK_TYPE = 'Unusual Behaviors/User';

/** `defense-evasion`, `Defense Evasion`, `defense_evasion` → `defense-evasion`. */
function tacticKey(tactic: string): string {
  return tactic
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/** ASFF `Types` of a finding's MITRE references, technique as classifier (`TTPs/Defense Evasion/T1562.008`). */
export function asffTypes(mitre: AuditFindingItem['mitre']): string[] {
  const types = new Set<string>();
  for (const ref of mitre) {
    const key = tacticKey(ref.tactic);
    const technique = ref.technique?.trim();
    let type = TACTIC_TYPES[key];
    if (key === 'impact' && technique) type = IMPACT_TECHNIQUES[technique.split('.')[0]] ?? type;
    if (!type) continue;
    types.add(technique && /^T\d{4}(\.\d{3})?$/.test(technique) ? `${type}/${technique}` : type);
  }
  return types.size > 0 ? [...types] : [FALLBACK_TYPE];
}

const LABELS: Readonly<Record<string, SeverityLabel>> = {
  informational: 'INFORMATIONAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  critical: 'CRITICAL',
};

/** ASFF severity label from a 0-100 score, with Security Hub's documented ranges. */
export function labelOfScore(score: number): SeverityLabel {
  if (score <= 0) return 'INFORMATIONAL';
  if (score < 40) return 'LOW';
  if (score < 70) return 'MEDIUM';
  if (score < 90) return 'HIGH';
  return 'CRITICAL';
}

interface ProductArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

function parseProductArn(productArn: string): ProductArnParts {
  const [, partition, , region, account] = productArn.split(':');
  return { partition, region, account };
}

/** The ASFF resource of an entity or a recommendation target. */
export function asffResource(id: string, entityType: string | undefined, p: ProductArnParts, region: string): Resource {
  let type = 'Other';
  let resourceId = id;
  if (/^(AKIA|ASIA)[A-Z0-9]{12,}$/.test(id)) {
    type = 'AwsIamAccessKey';
  } else if (/^arn:[^:]+:iam::\d{12}:user\//.test(id) || entityType === 'iam-user') {
    type = 'AwsIamUser';
  } else if (/^arn:[^:]+:(iam|sts)::\d{12}:(role|assumed-role)\//.test(id) || entityType === 'assumed-role') {
    type = 'AwsIamRole';
  } else if (/^arn:[^:]+:cloudtrail:/.test(id)) {
    type = 'AwsCloudTrailTrail';
  } else if (/^arn:[^:]+:s3:::[^/]+$/.test(id)) {
    type = 'AwsS3Bucket';
  } else if (/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(id) && entityType === 'bucket') {
    type = 'AwsS3Bucket';
    resourceId = `arn:${p.partition}:s3:::${id}`;
  } else if (/^\d{12}$/.test(id) || /:root$/.test(id)) {
    type = 'AwsAccount';
  }
  return { Type: type, Id: resourceId, Partition: p.partition as Resource['Partition'], Region: region };
}

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The ASFF (schema 2018-10-08) of a stored finding, for `BatchImportFindings`. */
export function toAsff(item: AuditFindingItem, productArn: string): AwsSecurityFinding {
  const p = parseProductArn(productArn);
  const region = item.event?.aws_region ?? p.region;
  const account = /^\d{12}$/.test(item.event?.account_id ?? '') ? item.event!.account_id! : p.account;
  const reasons = [...item.reasons].sort((a, b) => b.contribution - a.contribution);
  const score = Math.max(0, Math.min(100, Math.round(item.risk_score)));
  const observed = Number.isNaN(Date.parse(item.event_time)) ? undefined : new Date(item.event_time).toISOString();
  const resources: Resource[] = [asffResource(item.entity_id, item.entity_type, p, region)];
  const action = item.recommended_action;
  if (action && action.target !== item.entity_id) {
    const targetType = action.kind.includes('bucket') ? 'bucket' : undefined;
    resources.push(asffResource(action.target, targetType, p, region));
  }
  const src = item.source;
  const location =
    src.kind === 's3'
      ? `s3://${src.bucket}/${src.key}${src.version_id ? `?versionId=${src.version_id}` : ''}#${src.record_index}`
      : src.kind === 'eventbridge'
        ? `eventbridge:${src.event_id}`
        : `invocation:${src.batch_id}#${src.record_index}`;
  return {
    SchemaVersion: '2018-10-08',
    Id: `aad/${item.finding_id}`,
    ProductArn: productArn,
    ProductName: 'Access Anomaly Detector',
    CompanyName: 'AAD',
    GeneratorId: clip(`aad/${reasons[0]?.id ?? 'anomaly'}`, 512),
    AwsAccountId: account,
    Region: region,
    Types: asffTypes(item.mitre),
    CreatedAt: item.recorded_at,
    UpdatedAt: item.recorded_at,
    ...(observed ? { FirstObservedAt: observed, LastObservedAt: observed } : {}),
    Severity: {
      Label: LABELS[item.severity] ?? labelOfScore(score),
      Normalized: score,
      Original: String(item.risk_score),
    },
    Title: clip(`${item.event?.event_name ?? 'Suspicious activity'} by ${item.entity_id} (risk ${score})`, 256),
    Description: clip(reasons.map((r) => r.message).join('; ') || 'Anomalous access', 1024),
    Resources: resources,
    ...(action ? { Remediation: { Recommendation: { Text: clip(action.description, 512) } } } : {}),
    ProductFields: {
      'aad/finding_id': item.finding_id,
      'aad/log_id': item.log_id,
      'aad/risk_score': String(item.risk_score),
      'aad/source': clip(location, 2048),
      'aad/record_sha256': src.record_sha256,
      'aad/model_package': item.model_package,
      ...(action ? { 'aad/recommended_action': action.kind } : {}),
    },
    RecordState: 'ACTIVE',
    Workflow: { Status: 'NEW' },
  };
}

/** Findings per `BatchImportFindings` call (the API maximum). */
const MAX_FINDINGS = 100;

/**
 * Imports findings into Security Hub (ASFF), 100 per call. Findings the API
 * reports as throttled or failed internally are sent again with backoff;
 * re-importing the same `Id` updates the finding, so retries and replays are safe.
 */
export class SecurityHubPublisher implements IFindingPublisher {
  constructor(
    private readonly securityHub: SecurityHubClient,
    public readonly productArn: string,
    private readonly retry: RetryPolicy = {},
  ) {}

  public async publish(items: readonly AuditFindingItem[]): Promise<PublishResult> {
    const published: string[] = [];
    const failed: { id: string; code: string; message?: string }[] = [];
    const maxAttempts = this.retry.maxAttempts ?? 6;
    for (let start = 0; start < items.length; start += MAX_FINDINGS) {
      let pending = items.slice(start, start + MAX_FINDINGS).map((item) => toAsff(item, this.productArn));
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > 1) await backoff(attempt - 2, this.retry);
        const request = pending;
        const out = await withRetries(
          () => this.securityHub.send(new BatchImportFindingsCommand({ Findings: request })),
          this.retry,
        );
        const failures = new Map((out.FailedFindings ?? []).map((f) => [f.Id, f]));
        const retry: AwsSecurityFinding[] = [];
        for (const finding of request) {
          const id = finding.Id!.slice('aad/'.length);
          const failure = failures.get(finding.Id);
          if (!failure) published.push(id);
          else if (isRetryableCode(failure.ErrorCode) && attempt < maxAttempts) retry.push(finding);
          else failed.push({ id, code: failure.ErrorCode ?? 'Unknown', message: failure.ErrorMessage });
        }
        pending = retry;
      }
    }
    return { published, failed };
  }
}
