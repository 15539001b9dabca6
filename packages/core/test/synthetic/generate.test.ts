import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttackInjector,
  annotateCloudTrailEvent,
  buildWorld,
  DATASET_FILES,
  generateCloudTrailEvents,
  generateDataset,
  SeededRandom,
} from '../../src/synthetic';

describe('synthetic world', () => {
  it('gives principals stable, distinct habits; services are more regular than humans', () => {
    const world = buildWorld(3);
    expect(world.accountIds.length).toBe(4);
    const humans = world.principals.filter((p) => p.habits.kind === 'human');
    const services = world.principals.filter((p) => p.habits.kind === 'service');
    expect(humans.length).toBeGreaterThan(10);
    expect(services.length).toBeGreaterThan(4);
    expect(Math.max(...services.map((s) => s.usualIps.length))).toBe(1);
    expect(Math.max(...humans.map((h) => h.habits.errorRate))).toBeGreaterThan(
      Math.max(...services.map((s) => s.habits.errorRate)),
    );
    expect(buildWorld(3)).toEqual(world);
  });

  it('streams events in time order that follow each principal habits', () => {
    const world = buildWorld(4);
    const events = [...generateCloudTrailEvents(world, { events: 500, seed: 1 })];
    const times = events.map((e) => String(e.event.eventTime));
    expect([...times].sort()).toEqual(times);
    for (const { event } of events) {
      const p = world.principals.find((x) => x.arn === event.userIdentity?.arn);
      expect(p).toBeDefined();
      if (p && p.usualIps.length > 0) expect(p.usualIps).toContain(event.sourceIPAddress);
    }
  });

  it('draws deterministic numbers', () => {
    const a = new SeededRandom(1);
    const b = new SeededRandom(1);
    expect([a.next(), a.int(1, 6), a.uuid()]).toEqual([b.next(), b.int(1, 6), b.uuid()]);
    expect(a.sample([1, 2, 3], 5).sort()).toEqual([1, 2, 3]);
  });
});

describe('generateDataset', () => {
  it('writes byte-identical files for the same seed', async () => {
    const a = mkdtempSync(join(tmpdir(), 'aad-gen-a-'));
    const b = mkdtempSync(join(tmpdir(), 'aad-gen-b-'));
    const ma = await generateDataset({ seed: 11, events: 300, outDir: a });
    const mb = await generateDataset({ seed: 11, events: 300, outDir: b });
    expect(ma).toEqual(mb);
    for (const f of [DATASET_FILES.cloudtrail, DATASET_FILES.gold, DATASET_FILES.text, DATASET_FILES.vpcV5]) {
      expect(readFileSync(join(a, f))).toEqual(readFileSync(join(b, f)));
    }
    expect(ma.files[DATASET_FILES.gold].records).toBe(300 + 60 + 60);
  });

  it('merges injected attack events in time order, with labels and schema gold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aad-gen-attacks-'));
    const injector: AttackInjector = (world, options) => ({
      events: [
        {
          eventID: 'attack-1',
          eventTime: '2026-11-03T03:00:00Z',
          eventName: 'StopLogging',
          sourceIPAddress: '203.0.113.9',
          userIdentity: { type: 'IAMUser', arn: world.principals[0].arn, accountId: world.accountIds[0] },
        },
      ],
      labels: [{ logId: 'attack-1', scenario: 'logging-disabled', attackId: `a-${options.seed}`, step: 'stop' }],
    });
    const manifest = await generateDataset({
      seed: 5,
      events: 200,
      outDir: dir,
      attacks: true,
      injector,
      annotate: annotateCloudTrailEvent,
    });
    expect(manifest.attackEvents).toBe(1);
    const lines = readFileSync(join(dir, DATASET_FILES.cloudtrail), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { eventTime: string; eventID: string });
    expect(lines.map((l) => l.eventTime)).toEqual([...lines.map((l) => l.eventTime)].sort());
    const gold = readFileSync(join(dir, DATASET_FILES.gold), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { log_id: string; gold_source: string; mentions: { field: string }[] });
    const attackGold = gold.find((g) => g.log_id === 'attack-1');
    expect(attackGold?.gold_source).toBe('schema');
    expect(attackGold?.mentions.map((m) => m.field).sort()).toEqual([
      'sourceIPAddress',
      'userIdentity.accountId',
      'userIdentity.arn',
    ]);
    expect(readFileSync(join(dir, DATASET_FILES.labels), 'utf8')).toMatch(/logging-disabled/);
    await expect(generateDataset({ seed: 5, events: 10, outDir: dir, attacks: true, injector })).rejects.toThrow(
      /annotate/,
    );
  });
});
