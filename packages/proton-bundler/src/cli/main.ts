#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { readCloudAssembly } from '../bundle/cloud-assembly';
import { BundlerError } from '../errors';

/** Printed by every command: the publishing target's status. */
export const PROTON_END_OF_SUPPORT =
  'Note: AWS Proton reached end of support on 2026-10-07; the Service Catalog target keeps these templates publishable.';

const USAGE = `Usage: proton-bundle <command> [options]

Commands:
  build [--cdk-out DIR] [--out DIR]   Read the synthesized stacks and write dist/proton/manifest.json

Exit codes: 0 ok, 1 failed, 2 usage error.`;

/** Output streams, so tests run the CLI in-process. */
export interface BundlerIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly cwd: string;
}

/** Entry point of `proton-bundle`; resolves to the exit code. */
export async function main(argv: readonly string[], io: BundlerIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command !== 'build') {
    io.stderr.write(`${command === undefined ? '' : `proton-bundle: unknown command '${command}'\n\n`}${USAGE}\n`);
    return 2;
  }
  let values: { 'cdk-out'?: string; out?: string };
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: { 'cdk-out': { type: 'string' }, out: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    io.stderr.write(`proton-bundle build: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const cdkOut = resolve(io.cwd, values['cdk-out'] ?? join('..', 'constructs', 'cdk.out'));
    const outDir = resolve(io.cwd, values.out ?? join('dist', 'proton'));
    const stacks = readCloudAssembly(cdkOut);
    mkdirSync(outDir, { recursive: true });
    const manifest = {
      sources: stacks.map((s) => ({ stackName: s.stackName, templateSha256: s.templateSha256 })),
    };
    writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    io.stdout.write(
      `${stacks.length} stack(s) read from ${cdkOut}; wrote ${join(outDir, 'manifest.json')}\n${PROTON_END_OF_SUPPORT}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof BundlerError) {
      io.stderr.write(`proton-bundle build: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `proton-bundle: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 70;
    },
  );
}
