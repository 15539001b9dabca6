/**
 * `@aad/proton-bundler`: AWS Proton template bundles and AWS Service Catalog
 * templates from the synthesized stacks of `@aad/constructs`, a manifest and
 * its lock file, validation, a dry-run publisher and a drift check.
 */
export * from './errors';
export * from './bundle/cfn-template';
export * from './bundle/cloud-assembly';
export * from './bundle/detach-from-cdk';
export * from './bundle/input-mapping';
export * from './bundle/proton-schema';
export * from './bundle/tarball';
export * from './bundle/template-bundle';
export * from './bundle/contract-fingerprint';
export * from './bundle/build-bundles';
export * from './manifest/bundle-manifest';
export * from './manifest/contract-diff';
export * from './validate/service-limits';
export * from './validate/bundle-validator';
export * from './validate/bundle-loader';
export * from './publish/publish-plan';
export * from './publish/render-plan';
export * from './drift/drift-check';
