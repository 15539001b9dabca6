/**
 * Usage assumptions of the offline estimate. The first group comes from the
 * environment configuration (`usage.*`, `retention.*`); the constants below
 * turn them into request counts and are documented in docs/runbooks/deploy.md.
 */
export interface UsageAssumptions {
  readonly eventsPerDay: number;
  readonly findingsPerDay: number;
  readonly logGbPerDay: number;
  readonly logGroupDays: number;
  readonly findingsDays: number;
}

export const DAYS_PER_MONTH = 30.4;
export const HOURS_PER_MONTH = 730;
/** CloudTrail records per delivered log object (and per enrichment batch). */
export const EVENTS_PER_OBJECT = 500;
/** Average enrichment duration per batch, in seconds. */
export const BATCH_SECONDS = 1;
/** Invocations per day of functions that are not stream consumers (schedules, alarms). */
export const SCHEDULED_INVOCATIONS_PER_DAY = 48;
/** Average duration of a scheduled invocation, in seconds. */
export const SCHEDULED_SECONDS = 2;
/** Log output per invocation, in KB (structured logs of one batch). */
export const LOG_KB_PER_INVOCATION = 2;
/** Share of the raw log volume that is VPC flow logs (the rest is CloudTrail). */
export const FLOW_LOG_SHARE = 0.5;
/** Size of one finding item, in KB. */
export const FINDING_KB = 1;
/** Profile-table reads per event (lookups are cached per batch). */
export const PROFILE_READS_PER_EVENT = 0.01;
/** Traffic through each NAT gateway and through interface endpoints, GB per day. */
export const NAT_GB_PER_DAY = 1;
export const ENDPOINT_GB_PER_DAY = 0.5;
/** Configuration changes recorded per resource per month (AWS Config). */
export const CONFIG_CHANGES_PER_RESOURCE = 10;
/** Security Hub checks per resource per month (about two evaluations a day). */
export const SECURITY_HUB_CHECKS_PER_RESOURCE = 60;
/** Months of growth assumed for a bucket with no expiry rule. */
export const NO_EXPIRY_MONTHS = 12;
/** Stored size of a bucket that receives no raw logs (models, artifacts, exports), GB. */
export const SMALL_BUCKET_GB = 5;
