/**
 * `@aad/guardrails`: what stands between a synthesized template and a real
 * AWS account. Every path is dry-run by default.
 */
export * from './errors';
export * from './no-deploy';
export * from './assembly/cloud-assembly';
export * from './assembly/template';
export * from './audit';
export * from './cost';
export * from './deploy';
export * from './secrets';
export * from './pii';
export * from './model';
