/**
 * Every pinned version of the workspace, in one place.
 *
 * Bump a line here, run `npx -y pnpm@<PNPM_VERSION> exec projen`, commit the
 * regenerated files. The versions below are known to work together on Node 20
 * (see ../shared/TOOLCHAIN.md).
 */
export const VERSIONS = {
  node: '20.0.0',
  workflowNode: '20.x',
  pnpm: '10.34.8',
  /** ts-jest and ts-node need the TypeScript 5 compiler API (7.x has none). */
  typescript: '5.9.3',
  projen: '0.103.25',
  /** projen pins jest and @types/jest to the same range; the lockfile holds jest 30.5.2. */
  jest: '^30',
  tsJest: '29.4.15',
  awsCdkLib: '2.276.0',
  constructs: '10.8.1',
  cdkNag: '3.0.2',
  cfnGuardValidator: '0.0.62',
  /**
   * The one version line of every `@aws-sdk/*` package: major 3, floor at the
   * oldest latest release among the clients we use (client-securityhub
   * 3.1108.0; AWS does not publish every client at every version, so an exact
   * shared pin cannot resolve). The lockfile holds the exact versions.
   */
  awsSdk: '^3.1108.0',
  esbuild: '0.28.2',
  yaml: '2.9.1',
  fastCheck: '4.10.2',
  awsSdkClientMock: '4.1.0',
  dynalite: '4.0.0',
  powertools: '2.36.0',
} as const;

/**
 * The single place that spells an `@aws-sdk/*` dependency, so every client and
 * utility in the workspace is on the same version.
 *
 * @example awsSdk('client-s3', 'lib-dynamodb') // ['@aws-sdk/client-s3@3.1164.0', ...]
 */
export function awsSdk(...names: readonly string[]): string[] {
  return names.map((name) => `@aws-sdk/${name}@${VERSIONS.awsSdk}`);
}

/** Dependency spec pinned to an exact version from {@link VERSIONS}. */
export function pinned(name: string, version: string): string {
  return `${name}@${version}`;
}
