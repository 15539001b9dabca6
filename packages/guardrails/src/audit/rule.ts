import { CfnResource, CloudAssembly, StackTemplate } from '../assembly/cloud-assembly';

/** Severity of a finding, from the deploy-readiness audit template's risk scoring. */
export type Severity = 'Critical' | 'High' | 'Medium' | 'Low';

/** Severities in order, most severe first. */
export const SEVERITIES: readonly Severity[] = ['Critical', 'High', 'Medium', 'Low'];

/** Severities that fail the audit (exit 1) and the deploy gate. */
export const BLOCKING: ReadonlySet<Severity> = new Set<Severity>(['Critical', 'High']);

/** What every rule declares about itself (listed in docs/audit-rules.md). */
export interface RuleMeta {
  /** Stable kebab-case id, e.g. `s3-public-access`. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** The seed checklist item or risk-scoring line the rule enforces. */
  readonly checklist: string;
  /** How to fix a finding. */
  readonly remediation: string;
}

/** The verdict of a resource rule on one resource. */
export type Verdict =
  | { readonly status: 'compliant' }
  | { readonly status: 'not-applicable' }
  | { readonly status: 'non-compliant'; readonly reason: string };

export const COMPLIANT: Verdict = { status: 'compliant' };
export const NOT_APPLICABLE: Verdict = { status: 'not-applicable' };
export function nonCompliant(reason: string): Verdict {
  return { status: 'non-compliant', reason };
}

/** Where a resource rule is looking: the resource's stack and app, for cross-resource checks. */
export interface ResourceContext {
  readonly stack: StackTemplate;
  readonly logicalId: string;
  readonly assembly: CloudAssembly;
}

/** A rule over one resource at a time: a pure function of the resource and its context. */
export interface ResourceRule extends RuleMeta {
  readonly scope: 'resource';
  /** CloudFormation types the rule looks at; other resources are not applicable. */
  readonly resourceTypes: readonly string[];
  check(resource: CfnResource, context: ResourceContext): Verdict;
}

/** A workflow file, read for repository rules. */
export interface RepositoryFile {
  /** Path relative to the repository root, `/`-separated. */
  readonly path: string;
  readonly text: string;
}

/** The environment-variable contract of one Lambda handler (read from the runtimes sources). */
export interface HandlerEnvironment {
  readonly handler: string;
  readonly variables: readonly string[];
  /** Where the list came from (file). */
  readonly source: string;
}

/** Facts about the repository around the app; absent for an app audited on its own. */
export interface RepositoryFacts {
  readonly root: string;
  readonly workflows: readonly RepositoryFile[];
  /** Handler environments the runtimes read; undefined when no runtimes sources were found. */
  readonly handlerEnvironments?: readonly HandlerEnvironment[];
  /** `AAD_*` variables the config loader reads; undefined when no config loader was found. */
  readonly configVariables?: readonly string[];
  /** The configuration reference (docs/config.md) text; undefined when absent. */
  readonly configDocs?: { readonly path: string; readonly text: string };
}

/** Everything a global rule may look at. */
export interface AuditInput {
  readonly assembly: CloudAssembly;
  readonly repository?: RepositoryFacts;
}

/** One problem a global rule found. */
export interface GlobalIssue {
  readonly reason: string;
  readonly stack?: string;
  readonly logicalId?: string;
  readonly file?: string;
  readonly line?: number;
}

/** A rule over the whole app or the repository (budgets, trails, workflows, env parity). */
export interface GlobalRule extends RuleMeta {
  readonly scope: 'app' | 'repository';
  /** Empty when compliant; `undefined` when the rule could not run (missing input), reported as skipped. */
  check(input: AuditInput): readonly GlobalIssue[] | undefined;
}

export type AuditRule = ResourceRule | GlobalRule;
