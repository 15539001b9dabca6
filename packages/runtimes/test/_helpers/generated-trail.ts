import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  AttackLabel,
  BaselineProfile,
  CloudTrailRecord,
  DATASET_FILES,
  annotateCloudTrailEvent,
  generateDataset,
  toEventView,
} from '@aad/core';

/** Options of {@link generatedTrail}. */
export interface GeneratedTrailOptions {
  readonly seed: number;
  /** Benign events of the whole simulated period (history and scored file). */
  readonly events: number;
  /** @default 4 */
  readonly days?: number;
  /** @default 2 */
  readonly accounts?: number;
  /** Inject core's labelled attack scenarios. @default true */
  readonly attacks?: boolean;
}

/** A scored CloudTrail log file, the baseline learned before it, and the labels of its attack events. */
export interface GeneratedTrail {
  /** Events before the scored file, learned into {@link baseline} (what `aad profile build` does). */
  readonly history: readonly CloudTrailRecord[];
  readonly baseline: BaselineProfile;
  /** Events of the scored file, in time order. */
  readonly records: readonly CloudTrailRecord[];
  /** `{"Records": [...]}` gzipped, as CloudTrail writes it. */
  readonly file: Buffer;
  /** Labels of the attack events in {@link records}. */
  readonly labels: readonly AttackLabel[];
}

/**
 * A CloudTrail file from core's generator (`aad generate --attacks`): the
 * simulated organisation's events of the last quarter of the period (where
 * the injected attacks are) form the file; the earlier events are the
 * history the baseline profile is learned from.
 */
export async function generatedTrail(options: GeneratedTrailOptions): Promise<GeneratedTrail> {
  const dir = mkdtempSync(join(tmpdir(), 'aad-trail-'));
  try {
    await generateDataset({
      seed: options.seed,
      events: options.events,
      days: options.days ?? 4,
      accounts: options.accounts ?? 2,
      outDir: dir,
      attacks: options.attacks ?? true,
      annotate: annotateCloudTrailEvent,
      vpcLines: 0,
      textLines: 0,
    });
    const events = readFileSync(join(dir, DATASET_FILES.cloudtrail), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as CloudTrailRecord);
    const labels = readFileSync(join(dir, DATASET_FILES.labels), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as AttackLabel);
    const first = Date.parse(String(events[0].eventTime));
    const last = Date.parse(String(events[events.length - 1].eventTime));
    const split = first + (last - first) * 0.74;
    const history = events.filter((e) => Date.parse(String(e.eventTime)) < split);
    const records = events.filter((e) => Date.parse(String(e.eventTime)) >= split);
    const baseline = new BaselineProfile();
    for (const e of history) baseline.observe(toEventView(e));
    const inFile = new Set(records.map((r) => String(r.eventID)));
    return {
      history,
      baseline,
      records,
      file: gzipSync(Buffer.from(JSON.stringify({ Records: records }))),
      labels: labels.filter((l) => inFile.has(l.logId)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
