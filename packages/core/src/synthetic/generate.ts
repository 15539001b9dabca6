import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, WriteStream } from 'node:fs';
import { join } from 'node:path';
import { AttackInjector, AttackLabel } from './attack-contract';
import { injectAttacks } from './attacks';
import { generateCloudTrailEvents, GeneratedEvent } from './cloudtrail-generator';
import { GoldMention, GoldRecord } from './gold';
import { deriveSeed } from './rng';
import { generateTextLines } from './text-generator';
import { generateVpcFlowLines, VPC_FLOW_V5_FIELDS } from './vpc-flow-generator';
import { buildWorld, SimulatedWorld, WorldOptions } from './world';
import { CloudTrailRecord } from '../logs/cloudtrail-record';

/** Labels gold mentions of an event the generator did not write (attack events). */
export type EventAnnotator = (event: CloudTrailRecord, world: SimulatedWorld) => GoldMention[];

/** Options of {@link generateDataset}. */
export interface GenerateDatasetOptions extends WorldOptions {
  readonly seed: number;
  /** Benign CloudTrail events. */
  readonly events: number;
  /** Output folder (created). */
  readonly outDir: string;
  /** Inject labelled attack scenarios. @default false */
  readonly attacks?: boolean;
  /** VPC flow lines (split between a v2 and a v5 file). @default events / 5 */
  readonly vpcLines?: number;
  /** Free-text lines. @default events / 5 */
  readonly textLines?: number;
  /** Gold labeller for attack events. @default - required when attacks is true */
  readonly annotate?: EventAnnotator;
  /** The injector (tests pass their own). @default injectAttacks from ./attacks */
  readonly injector?: AttackInjector;
}

/** What {@link generateDataset} wrote. */
export interface DatasetManifest {
  readonly seed: number;
  readonly events: number;
  readonly attackEvents: number;
  readonly files: Readonly<Record<string, { readonly records: number; readonly sha256: string }>>;
}

/** File names inside the output folder. */
export const DATASET_FILES = {
  cloudtrail: 'cloudtrail.jsonl',
  vpcV2: 'vpcflow-v2.log',
  vpcV5: 'vpcflow-v5.log',
  text: 'text.log',
  gold: 'gold.jsonl',
  labels: 'attacks.labels.jsonl',
  world: 'world.json',
  manifest: 'manifest.json',
} as const;

class HashedWriter {
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  records = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path);
  }

  async line(text: string): Promise<void> {
    const data = `${text}\n`;
    this.hash.update(data);
    this.records++;
    if (!this.stream.write(data)) await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }

  async close(): Promise<{ records: number; sha256: string }> {
    await new Promise<void>((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    return { records: this.records, sha256: this.hash.digest('hex') };
  }
}

/**
 * Writes a reproducible synthetic corpus: same options, byte-identical files.
 * CloudTrail JSON Lines (benign events merged in time order with injected
 * attack events when asked), VPC flow lines (v2 and v5 with header), free
 * text, gold mentions for every record, attack labels, the world and a
 * manifest with SHA-256 of every file.
 *
 * @example
 * await generateDataset({ seed: 7, events: 10_000, outDir: 'out', attacks: true, annotate: annotateCloudTrailEvent });
 */
export async function generateDataset(options: GenerateDatasetOptions): Promise<DatasetManifest> {
  mkdirSync(options.outDir, { recursive: true });
  const world = buildWorld(options.seed, options);
  const files: Record<string, { records: number; sha256: string }> = {};
  const gold = new HashedWriter(join(options.outDir, DATASET_FILES.gold));
  const labels = new HashedWriter(join(options.outDir, DATASET_FILES.labels));

  // CloudTrail: benign stream merged with the injected attacks in time order.
  const injected = options.attacks
    ? (options.injector ?? injectAttacks)(world, { seed: deriveSeed(options.seed, 'attacks') })
    : { events: [], labels: [] };
  const attackEvents = [...injected.events].sort((a, b) =>
    String(a.eventTime ?? '').localeCompare(String(b.eventTime ?? '')),
  );
  for (const label of injected.labels as AttackLabel[]) await labels.line(JSON.stringify(label));
  if (attackEvents.length > 0 && !options.annotate) {
    throw new Error('generateDataset: `annotate` is required to label attack events');
  }
  const ct = new HashedWriter(join(options.outDir, DATASET_FILES.cloudtrail));
  let a = 0;
  const writeEvent = async (
    event: CloudTrailRecord,
    mentions: readonly GoldMention[],
    source: GoldRecord['gold_source'],
  ): Promise<void> => {
    await ct.line(JSON.stringify(event));
    const record: GoldRecord = {
      log_id: String(event.eventID),
      kind: 'cloudtrail',
      file: DATASET_FILES.cloudtrail,
      line: ct.records,
      mentions,
      gold_source: source,
    };
    await gold.line(JSON.stringify(record));
  };
  for (const generated of generateCloudTrailEvents(world, {
    events: options.events,
    seed: deriveSeed(options.seed, 'cloudtrail'),
  }) as Iterable<GeneratedEvent>) {
    const time = String(generated.event.eventTime);
    while (a < attackEvents.length && String(attackEvents[a].eventTime ?? '') < time) {
      await writeEvent(attackEvents[a], options.annotate?.(attackEvents[a], world) ?? [], 'schema');
      a++;
    }
    await writeEvent(generated.event, generated.mentions, 'generator');
  }
  for (; a < attackEvents.length; a++) {
    await writeEvent(attackEvents[a], options.annotate?.(attackEvents[a], world) ?? [], 'schema');
  }
  files[DATASET_FILES.cloudtrail] = await ct.close();

  // VPC flow logs: version 2 (no header) and version 5 (header line).
  const vpcLines = options.vpcLines ?? Math.ceil(options.events / 5);
  for (const [name, version] of [
    [DATASET_FILES.vpcV2, 2],
    [DATASET_FILES.vpcV5, 5],
  ] as const) {
    const out = new HashedWriter(join(options.outDir, name));
    if (version === 5) await out.line(VPC_FLOW_V5_FIELDS.join(' '));
    const count = version === 2 ? Math.ceil(vpcLines / 2) : Math.floor(vpcLines / 2);
    for (const line of generateVpcFlowLines(world, {
      lines: count,
      seed: deriveSeed(options.seed, `vpc${version}`),
      version,
    })) {
      await out.line(line.text);
      await gold.line(
        JSON.stringify({
          log_id: stableLineId(name, out.records),
          kind: 'vpcflow',
          file: name,
          line: out.records,
          mentions: line.mentions,
          gold_source: 'generator',
        } satisfies GoldRecord),
      );
    }
    files[name] = await out.close();
  }

  // Free text.
  const text = new HashedWriter(join(options.outDir, DATASET_FILES.text));
  for (const line of generateTextLines(world, {
    lines: options.textLines ?? Math.ceil(options.events / 5),
    seed: deriveSeed(options.seed, 'text'),
  })) {
    await text.line(line.text);
    await gold.line(
      JSON.stringify({
        log_id: stableLineId(DATASET_FILES.text, text.records),
        kind: 'text',
        file: DATASET_FILES.text,
        line: text.records,
        mentions: line.mentions,
        gold_source: 'generator',
      } satisfies GoldRecord),
    );
  }
  files[DATASET_FILES.text] = await text.close();
  files[DATASET_FILES.gold] = await gold.close();
  files[DATASET_FILES.labels] = await labels.close();

  const worldOut = new HashedWriter(join(options.outDir, DATASET_FILES.world));
  await worldOut.line(JSON.stringify(world, null, 2));
  files[DATASET_FILES.world] = await worldOut.close();

  const manifest: DatasetManifest = {
    seed: options.seed,
    events: options.events,
    attackEvents: attackEvents.length,
    files,
  };
  const m = new HashedWriter(join(options.outDir, DATASET_FILES.manifest));
  await m.line(JSON.stringify(manifest, null, 2));
  await m.close();
  return manifest;
}

/** Gold log ids of lines use the file name inside the dataset (the reader hashes the path it was given). */
function stableLineId(file: string, line: number): string {
  return `${file}:${line}`;
}
