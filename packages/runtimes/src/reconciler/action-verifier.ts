import type { AuditFindingItem } from '../audit/audit-item';

/** What a verifier saw. */
export interface VerificationResult {
  /** The recommended action is in effect. */
  readonly implemented: boolean;
  /** Evidence, e.g. `access key AKIA… is Inactive`. */
  readonly detail: string;
}

/** Checks, for one action kind, whether a recommendation was implemented. */
export interface IActionVerifier {
  /** `recommended_action.kind` it verifies, e.g. `deactivate-access-key`. */
  readonly kind: string;
  verify(target: string, finding: AuditFindingItem): Promise<VerificationResult>;
}
