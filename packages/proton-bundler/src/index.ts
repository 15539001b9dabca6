/** `@aad/proton-bundler`: template bundles from the synthesized stacks. */
export * from './errors';
export * from './bundle/cloud-assembly';
