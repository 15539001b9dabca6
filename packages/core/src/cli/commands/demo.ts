import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Command } from '../command';
import { ExitCode, println } from '../io';

/** The sample shipped with the package (see samples/README.md). */
export const SAMPLE_CLOUDTRAIL = join(__dirname, '..', '..', '..', 'samples', 'cloudtrail-sample.jsonl');

interface SampleEvent {
  readonly eventName?: string;
  readonly errorCode?: string;
  readonly sourceIPAddress?: string;
  readonly userIdentity?: { readonly arn?: string };
}

/** `aad demo`: summarises the bundled sample (the detection issue turns this into the full demo). */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Run on the bundled CloudTrail sample and print a summary (no AWS, no config)',
  help: `Usage: aad demo [--input FILE]

Reads the bundled sample (or FILE, CloudTrail JSON Lines) and prints, per
principal, the events, distinct source IPs and error counts.`,
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { input: { type: 'string' } }, strict: true });
    const file = values.input ?? SAMPLE_CLOUDTRAIL;
    const byPrincipal = new Map<string, { events: number; errors: number; ips: Set<string> }>();
    let total = 0;
    let rejected = 0;
    let lineNo = 0;
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      let event: SampleEvent;
      try {
        event = JSON.parse(line) as SampleEvent;
      } catch (error) {
        rejected++;
        println(io.stderr, `${file}:${lineNo}: rejected: not JSON (${(error as Error).message})`);
        continue;
      }
      total++;
      const principal = event.userIdentity?.arn ?? 'unknown';
      const row = byPrincipal.get(principal) ?? { events: 0, errors: 0, ips: new Set<string>() };
      row.events++;
      if (event.errorCode) row.errors++;
      if (event.sourceIPAddress) row.ips.add(event.sourceIPAddress);
      byPrincipal.set(principal, row);
    }
    println(io.stdout, `${total} events from ${file}`);
    println(
      io.stdout,
      `${'principal'.padEnd(64)} ${'events'.padStart(6)} ${'errors'.padStart(6)} ${'IPs'.padStart(4)}`,
    );
    for (const [principal, row] of [...byPrincipal].sort((a, b) => b[1].events - a[1].events)) {
      println(
        io.stdout,
        `${principal.padEnd(64)} ${String(row.events).padStart(6)} ${String(row.errors).padStart(6)} ${String(row.ips.size).padStart(4)}`,
      );
    }
    if (rejected > 0) println(io.stderr, `${rejected} record(s) rejected`);
    return rejected > 0 ? ExitCode.PARTIAL : ExitCode.OK;
  },
};
