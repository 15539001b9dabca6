import { MitreReference, RecommendedAction } from './finding';

/** Which family of signal produced a contribution. */
export type SignalKind = 'catalogue' | 'rarity' | 'volume' | 'sequence' | 'guardduty' | 'network';

/** One signal's share of an event's risk: points out of 100 plus its explanation. */
export interface Contribution {
  readonly signal: SignalKind;
  /** Rule or feature id, e.g. `defense-evasion/cloudtrail-stop-logging`, `rarity/network`. */
  readonly id: string;
  /** Points on their own (0-100); the score is their noisy-OR. */
  readonly points: number;
  readonly message: string;
  readonly observed?: string | number;
  readonly baseline?: string | number;
  readonly mitre?: readonly MitreReference[];
  readonly action?: RecommendedAction;
  /** Catalogue rule id, when the contribution comes from the catalogue. */
  readonly ruleId?: string;
  /** Sequence tags the contribution gives the event (`defense-evasion`, `recon`, …). */
  readonly tags?: readonly string[];
}

/** ATT&CK reference of behaviour that is anomalous for valid credentials. */
export const VALID_ACCOUNTS: MitreReference = {
  tactic: 'TA0001 Initial Access',
  technique: 'T1078.004 Valid Accounts: Cloud Accounts',
};

/** ATT&CK reference of permission probing. */
export const CLOUD_DISCOVERY: MitreReference = {
  tactic: 'TA0007 Discovery',
  technique: 'T1580 Cloud Infrastructure Discovery',
};
