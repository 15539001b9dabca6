/**
 * `@aad/guardrails`: what stands between a synthesized template and a real
 * AWS account. Every path is dry-run by default.
 */
export * from './errors';
export * from './no-deploy';
