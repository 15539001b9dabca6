/**
 * `@aad/constructs`: CDK constructs of the Access Anomaly Detector. One public
 * entry point: import everything from `@aad/constructs`.
 */
export * from './errors';
export * from './validation';
export * from './keys/detector-keys';
export * from './iam/detector-role';
export * from './storage/access-log-bucket';
export * from './storage/secure-bucket';
export * from './storage/raw-log-bucket';
export * from './network/detector-network';
export * from './messaging/dead-letter-queue';
export * from './messaging/ingest-queue';
export * from './messaging/alerts-topic';
export * from './data/detector-tables';
export * from './data/table-backup';
export * from './logs/detector-log-group';
export * from './compute/handler-contract-binding';
export * from './compute/runtime-policies';
export * from './compute/detector-function';
export * from './workflow/workflow-state-machine';
export * from './workflow/detection-workflows';
export * from './routing/findings-routing';
export * from './observability/detector-observability';
export * from './observability/cost-budget';
export * from './serving/model-endpoint';
export * from './platform/config-recorder-module';
export * from './platform/security-services';
export * from './platform/cloudtrail-module';
export * from './platform/parameter-hierarchy';
export * from './platform/findings-schema-registry';
export * from './platform/platform-services';
export * from './policy/acknowledgements';
export * from './policy/nag-finding-ids';
export * from './policy/guard-validator';
export * from './policy/policy-packs';
export * from './policy/policy-report';
export * from './rules/aad-checks';
export * from './rules/sensitive-actions';
export * from './rules/aws-required-wildcards';
export * from './rules/required-tags';
export * from './runtime-contracts';
export * from './detector/detector-stack';
export * from './pipeline/team-pipeline-stack';
export * from './app/detector-app';
