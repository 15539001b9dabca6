/** The AWS identity a deploy would use, read from environment variables only (no AWS call). */
export interface DeployIdentity {
  readonly profile?: string;
  readonly account?: string;
  /** Static access keys are set (their account cannot be known without an AWS call). */
  readonly staticKeys: boolean;
}

/** Who may deploy one environment (from its config `deploy.*`). */
export interface EnvironmentAllowlist {
  readonly env: string;
  readonly allowedAccounts: readonly string[];
  readonly allowedProfiles: readonly string[];
}

/** Reads AWS_PROFILE / AWS_DEFAULT_PROFILE and AWS_ACCOUNT_ID / CDK_DEFAULT_ACCOUNT. */
export function identityFromEnvironment(environ: Readonly<Record<string, string | undefined>>): DeployIdentity {
  const nonEmpty = (v: string | undefined): string | undefined => (v && v.trim() !== '' ? v.trim() : undefined);
  return {
    profile: nonEmpty(environ.AWS_PROFILE) ?? nonEmpty(environ.AWS_DEFAULT_PROFILE),
    account: nonEmpty(environ.AWS_ACCOUNT_ID) ?? nonEmpty(environ.CDK_DEFAULT_ACCOUNT),
    staticKeys: nonEmpty(environ.AWS_ACCESS_KEY_ID) !== undefined,
  };
}

/**
 * Problems with deploying `target` as `identity`: every identity value that
 * is present must be on the target's allowlist, a value that belongs to
 * another environment (production credentials for dev) is named as such, and
 * static keys need an explicit account. Empty when the identity is allowed.
 */
export function identityProblems(
  identity: DeployIdentity,
  target: EnvironmentAllowlist,
  others: readonly EnvironmentAllowlist[],
): string[] {
  const problems: string[] = [];
  if (!identity.profile && !identity.account) {
    problems.push(
      'no AWS identity in the environment (neither AWS_PROFILE/AWS_DEFAULT_PROFILE nor AWS_ACCOUNT_ID is set)',
    );
  }
  if (identity.staticKeys && !identity.account) {
    problems.push('static AWS_ACCESS_KEY_ID credentials without AWS_ACCOUNT_ID: the target account cannot be checked');
  }
  const owner = (value: string, kind: 'allowedProfiles' | 'allowedAccounts'): string | undefined =>
    others.find((o) => o.env !== target.env && o[kind].includes(value))?.env;
  if (identity.profile && !target.allowedProfiles.includes(identity.profile)) {
    const other = owner(identity.profile, 'allowedProfiles');
    problems.push(
      other
        ? `profile '${identity.profile}' belongs to ${other}: never use ${other} credentials for ${target.env}`
        : `profile '${identity.profile}' is not on deploy.allowedProfiles of ${target.env} (${target.allowedProfiles.join(', ') || 'empty'})`,
    );
  }
  if (identity.account && !target.allowedAccounts.includes(identity.account)) {
    const other = owner(identity.account, 'allowedAccounts');
    problems.push(
      other
        ? `account ${identity.account} belongs to ${other}: never use ${other} credentials for ${target.env}`
        : `account ${identity.account} is not on deploy.allowedAccounts of ${target.env} (${target.allowedAccounts.join(', ') || 'empty'})`,
    );
  }
  return problems;
}
