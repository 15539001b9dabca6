import { CloudTrailRecord } from '../logs/cloudtrail-record';

/**
 * Contract between the synthetic generator (benign traffic, gold entity
 * labels, `aad generate`) and the attack scenarios (`injectAttacks` in
 * `attacks.ts`, owned by the anomaly-scoring work). The generator describes
 * the world it simulated; the injector adds labelled attack events to it.
 */

/** A simulated principal and its habits, as the generator made them. */
export interface SyntheticPrincipal {
  /** Canonical ARN (IAM user, role, or assumed-role session). */
  readonly arn: string;
  readonly type: 'IAMUser' | 'AssumedRole' | 'Root' | 'AWSService';
  readonly accountId: string;
  readonly userName?: string;
  /** Access key ids this principal uses (AKIA… for users, ASIA… for sessions). */
  readonly accessKeyIds: readonly string[];
  /** Source IPs it usually calls from. */
  readonly usualIps: readonly string[];
  readonly usualRegions: readonly string[];
  readonly usualUserAgents: readonly string[];
}

/** What the generator simulated, handed to the injector. */
export interface SyntheticWorld {
  readonly seed: number;
  /** ISO-8601 start and end of the simulated period. */
  readonly start: string;
  readonly end: string;
  readonly accountIds: readonly string[];
  readonly principals: readonly SyntheticPrincipal[];
  /** Resources that exist in the world (bucket names, KMS key ARNs, trail ARNs, …) by kind. */
  readonly resources: Readonly<Record<string, readonly string[]>>;
}

/** One injected malicious event. */
export interface AttackLabel {
  /** `eventID` of the injected event. */
  readonly logId: string;
  /** Scenario kind, e.g. `logging-disabled`, `privilege-escalation`. */
  readonly scenario: string;
  /** Scenario instance id (several events of one attack share it). */
  readonly attackId: string;
  readonly step: string;
}

/** Result of an injection: attack events (time-sorted) and their labels. */
export interface InjectedAttacks {
  readonly events: readonly CloudTrailRecord[];
  readonly labels: readonly AttackLabel[];
}

/** Options of an injection. */
export interface AttackInjectionOptions {
  /** Seed for the scenario choices (the generator derives it from its own seed). */
  readonly seed: number;
  /** Scenario kinds to inject; default: every kind. */
  readonly scenarios?: readonly string[];
  /** Attack instances per scenario kind; default 1. */
  readonly perScenario?: number;
}

/** Signature of `injectAttacks` in `attacks.ts`. */
export type AttackInjector = (world: SyntheticWorld, options: AttackInjectionOptions) => InjectedAttacks;
