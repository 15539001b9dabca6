/**
 * Limits a bundled template must stay within. Proton provisions through
 * CloudFormation and Service Catalog hands the template to CloudFormation,
 * so the CloudFormation quotas bind both targets (CloudFormation User
 * Guide, "CloudFormation quotas"); Proton caps parameter names at 100
 * characters (Proton User Guide, "AWS Proton parameters").
 */
export const SERVICE_LIMITS = {
  /** Template body read from S3 (bytes). */
  templateBytes: 1_048_576,
  resources: 500,
  parameters: 200,
  outputs: 200,
  /** Proton parameter (input) name length. */
  inputNameLength: 100,
  /** Proton template description length. */
  descriptionLength: 500,
} as const;
