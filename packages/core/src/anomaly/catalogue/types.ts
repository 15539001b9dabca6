/** Severity of a catalogue rule; maps to base points in {@link SEVERITY_POINTS}. */
export type CatalogueSeverity = 'informational' | 'low' | 'medium' | 'high' | 'critical';

/**
 * Base points of a rule that matches a successful call, before damping (see
 * ADR 0003). Informational rules add no points: they tag events (recon,
 * exfiltration, …) for sequence hints, threshold rules and coverage.
 */
export const SEVERITY_POINTS: Readonly<Record<CatalogueSeverity, number>> = {
  informational: 0,
  low: 40,
  medium: 55,
  high: 75,
  critical: 90,
};

export type Scalar = string | number | boolean | null;

/**
 * A field condition on a CloudTrail record. `field` is a dotted path
 * (`requestParameters.VersioningConfiguration.Status`); arrays on the path are
 * searched element by element, and all-lowercase key variants are accepted.
 * String comparisons ignore case.
 */
export type CatalogueCondition =
  | { readonly field: string; readonly equals: Scalar }
  | { readonly field: string; readonly in: readonly Scalar[] }
  | { readonly field: string; readonly exists: boolean }
  | { readonly field: string; readonly matches: string }
  | { readonly field: string; readonly lte: number }
  | { readonly field: string; readonly gte: number }
  | { readonly all: readonly CatalogueCondition[] }
  | { readonly any: readonly CatalogueCondition[] }
  | { readonly not: CatalogueCondition }
  | { readonly predicate: string; readonly args?: readonly string[] };

/** A count of matching events per window that makes a rule fire (AccessDenied storm, secret bursts). */
export interface CatalogueThreshold {
  /** Events (or distinct values of `distinct`) per window at which the rule fires. */
  readonly count: number;
  /** Dotted path whose distinct values are counted instead of events (`action` counts distinct API calls). */
  readonly distinct?: string;
  /**
   * What the count is kept per.
   * @default 'principal'
   */
  readonly per?: 'principal' | 'source-ip';
}

/** What an operator should do when a rule fires; `target` is a dotted path or `$accessKey`, `$principal`. */
export interface CatalogueAction {
  readonly kind: string;
  readonly target: string;
  readonly description: string;
}

/** One detection: a high-risk API call or parameter condition, kept as data. */
export interface CatalogueRule {
  /** Stable id, `<tactic-slug>/<what>`, e.g. `defense-evasion/cloudtrail-stop-logging`. */
  readonly id: string;
  readonly title: string;
  readonly severity: CatalogueSeverity;
  /** MITRE ATT&CK tactic, e.g. `TA0005 Defense Evasion`. */
  readonly tactic: string;
  /** MITRE ATT&CK technique, e.g. `T1562.008 Disable or Modify Cloud Logs`. */
  readonly technique?: string;
  /** Event sources the rule applies to; absent: any. */
  readonly eventSource?: readonly string[];
  /** Event names the rule applies to (a trailing `*` is a prefix); absent: any. */
  readonly eventNames?: readonly string[];
  /** Field conditions that must all hold. */
  readonly when?: CatalogueCondition;
  /**
   * Which outcomes the rule matches. `success`: successful calls at full
   * weight, failed attempts damped; `denied`/`failed`: only those; `any`: all
   * at full weight.
   * @default 'success'
   */
  readonly outcome?: 'success' | 'denied' | 'failed' | 'any';
  /** Makes this a per-window count rule instead of a per-event rule. */
  readonly threshold?: CatalogueThreshold;
  /** Among matching rules of one group only the strongest counts (generic vs specific variants). */
  readonly group?: string;
  /** Sequence tags of matching events: `recon`, `credential`, `privilege-escalation`, `persistence`, `defense-evasion`, `exfiltration`, `impact`. */
  readonly tags?: readonly string[];
  /** Baseline facts that silence the rule when the principal already shows them (`network`: this /24 is usual). */
  readonly suppressIfFamiliar?: readonly 'network'[];
  readonly recommendedAction?: CatalogueAction;
  /** Documentation links (AWS docs, ATT&CK, the seeding rule). */
  readonly references: readonly string[];
  /** Seeding sources: `sigma:<rule id>`, `traildiscover:<Service/Event>`, `panther:<rule id>`. */
  readonly sources?: readonly string[];
}

/** The catalogue file: attribution plus rules. */
export interface DetectionCatalogue {
  readonly version: number;
  readonly attribution: readonly string[];
  readonly rules: readonly CatalogueRule[];
}
