import { encryptionOf, EncryptionKind } from './encryption';
import { AuditInput, AuditRule, BLOCKING, RuleMeta, Severity, SEVERITIES } from './rule';
import { ALL_RULES } from './rules';
import { CfnResource, CloudAssembly } from '../assembly/cloud-assembly';
import { cdkPath, tagsOf } from '../assembly/template';
import { s3PublicAccess } from './rules/s3-public-access';

/** One finding of the audit. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly reason: string;
  readonly remediation: string;
  readonly stack?: string;
  readonly logicalId?: string;
  readonly resourceType?: string;
  readonly cdkPath?: string;
  readonly file?: string;
  readonly line?: number;
  /** Set when the resource acknowledges the rule (metadata `aad:audit`); such findings do not block. */
  readonly acknowledged?: string;
}

/** One row of `infra_inventory.csv`. */
export interface InventoryRow {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly cdkPath: string;
  readonly encryption: EncryptionKind;
  readonly tags: string;
  readonly publicExposure: 'public' | 'private' | 'n/a';
}

/** Result of {@link runAudit}. */
export interface AuditReport {
  readonly stacks: readonly string[];
  readonly resourcesScanned: number;
  readonly rules: readonly Pick<RuleMeta, 'id' | 'severity' | 'title'>[];
  /** Findings that count (not acknowledged), most severe first. */
  readonly findings: readonly Finding[];
  readonly acknowledged: readonly Finding[];
  /** Rules that could not run, with why (e.g. no runtimes sources next to the app). */
  readonly skipped: readonly { readonly ruleId: string; readonly reason: string }[];
  readonly counts: Readonly<Record<Severity, number>>;
  /** True when no Critical or High finding remains. */
  readonly passed: boolean;
  readonly inventory: readonly InventoryRow[];
}

/** Minimum length of an acknowledgement reason: a reason, not a placeholder. */
const MIN_REASON = 20;

/** Acknowledgements in a resource's `aad:audit` metadata: `{ acknowledge: [{ id, reason }] }`. */
export function acknowledgementsOf(resource: CfnResource): Map<string, string> {
  const out = new Map<string, string>();
  const meta = resource.Metadata?.['aad:audit'] as { acknowledge?: { id?: unknown; reason?: unknown }[] } | undefined;
  for (const ack of meta?.acknowledge ?? []) {
    if (typeof ack.id === 'string' && typeof ack.reason === 'string' && ack.reason.trim().length >= MIN_REASON) {
      out.set(ack.id, ack.reason.trim());
    }
  }
  return out;
}

function publicExposure(
  resource: CfnResource,
  assembly: CloudAssembly,
  stackIndex: number,
  id: string,
): InventoryRow['publicExposure'] {
  const props = resource.Properties ?? {};
  const stack = assembly.stacks[stackIndex];
  switch (resource.Type) {
    case 'AWS::S3::Bucket':
      return s3PublicAccess.check(resource, { stack, logicalId: id, assembly }).status === 'compliant'
        ? 'private'
        : 'public';
    case 'AWS::EC2::SecurityGroup':
      return /"CidrIpv?6?":"(0\.0\.0\.0\/0|::\/0)"/.test(JSON.stringify(props.SecurityGroupIngress ?? []))
        ? 'public'
        : 'private';
    case 'AWS::Lambda::Url':
      return props.AuthType === 'NONE' ? 'public' : 'private';
    case 'AWS::RDS::DBInstance':
      return props.PubliclyAccessible === true || props.PubliclyAccessible === 'true' ? 'public' : 'private';
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
      return props.Scheme === 'internal' ? 'private' : 'public';
    case 'AWS::Lambda::Function':
      return props.VpcConfig !== undefined ? 'private' : 'n/a';
    default:
      return 'n/a';
  }
}

function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/**
 * Runs every rule over every resource of the app (and the repository rules
 * when repository facts are given). Pure: the same input gives the same report.
 *
 * @example
 * const report = runAudit({ assembly: loadCloudAssembly('cdk.out') });
 * report.passed; // false when any Critical or High finding remains
 */
export function runAudit(input: AuditInput, rules: readonly AuditRule[] = ALL_RULES): AuditReport {
  const { assembly } = input;
  const all: Finding[] = [];
  const skipped: { ruleId: string; reason: string }[] = [];
  const inventory: InventoryRow[] = [];
  let resourcesScanned = 0;

  assembly.stacks.forEach((stack, stackIndex) => {
    for (const [logicalId, resource] of Object.entries(stack.resources)) {
      resourcesScanned++;
      const tags = tagsOf(resource);
      inventory.push({
        stack: stack.stackName,
        logicalId,
        type: resource.Type,
        cdkPath: cdkPath(resource) ?? '',
        encryption: encryptionOf(resource, stack),
        tags: tags ? [...tags].map(([k, v]) => `${k}=${v}`).join(';') : '',
        publicExposure: publicExposure(resource, assembly, stackIndex, logicalId),
      });
      const acks = acknowledgementsOf(resource);
      for (const rule of rules) {
        if (rule.scope !== 'resource') continue;
        if (!rule.resourceTypes.includes('*') && !rule.resourceTypes.includes(resource.Type)) continue;
        const verdict = rule.check(resource, { stack, logicalId, assembly });
        if (verdict.status !== 'non-compliant') continue;
        all.push({
          ruleId: rule.id,
          severity: rule.severity,
          title: rule.title,
          reason: verdict.reason,
          remediation: rule.remediation,
          stack: stack.stackName,
          logicalId,
          resourceType: resource.Type,
          cdkPath: cdkPath(resource),
          acknowledged: acks.get(rule.id),
        });
      }
    }
  });

  for (const rule of rules) {
    if (rule.scope === 'resource') continue;
    const issues = rule.check(input);
    if (issues === undefined) {
      skipped.push({ ruleId: rule.id, reason: 'its input was not found (no repository facts for this app)' });
      continue;
    }
    for (const issue of issues) {
      all.push({
        ruleId: rule.id,
        severity: rule.severity,
        title: rule.title,
        remediation: rule.remediation,
        ...issue,
      });
    }
  }

  const order = (f: Finding): string =>
    `${severityRank(f.severity)}|${f.ruleId}|${f.stack ?? ''}|${f.logicalId ?? ''}|${f.file ?? ''}|${String(f.line ?? 0).padStart(6, '0')}`;
  all.sort((a, b) => order(a).localeCompare(order(b)));
  const findings = all.filter((f) => f.acknowledged === undefined);
  const acknowledged = all.filter((f) => f.acknowledged !== undefined);
  const counts = { Critical: 0, High: 0, Medium: 0, Low: 0 } as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return {
    stacks: assembly.stacks.map((s) => s.stackName),
    resourcesScanned,
    rules: rules.map((r) => ({ id: r.id, severity: r.severity, title: r.title })),
    findings,
    acknowledged,
    skipped,
    counts,
    passed: findings.every((f) => !BLOCKING.has(f.severity)),
    inventory,
  };
}
