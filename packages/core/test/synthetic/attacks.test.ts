import { ATTACK_SCENARIOS, injectAttacks } from '../../src/synthetic/attacks';
import { buildWorld } from '../../src/synthetic/world';

describe('injectAttacks', () => {
  const world = buildWorld(5, { days: 14, accounts: 3 });

  it('injects at least eight labelled scenario kinds, one label per event, time-sorted', () => {
    // Prepare / Act
    const { events, labels } = injectAttacks(world, { seed: 11, perScenario: 2 });
    // Assess
    expect(ATTACK_SCENARIOS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(labels.map((l) => l.scenario))).toEqual(new Set(ATTACK_SCENARIOS));
    expect(labels).toHaveLength(events.length);
    expect(labels.map((l) => l.logId)).toEqual(events.map((e) => e.eventID));
    const times = events.map((e) => String(e.eventTime));
    expect([...times].sort()).toEqual(times);
    expect(new Set(labels.map((l) => l.attackId)).size).toBe(ATTACK_SCENARIOS.length * 2);
  });

  it('places attacks in the last quarter of the period, on principals of the world', () => {
    const { events } = injectAttacks(world, { seed: 3 });
    const start = Date.parse(world.start);
    const span = Date.parse(world.end) - start;
    const accounts = new Set(world.accountIds);
    for (const e of events) {
      expect(Date.parse(String(e.eventTime)) - start).toBeGreaterThan(span * 0.74);
      expect(accounts.has(String(e.recipientAccountId))).toBe(true);
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(injectAttacks(world, { seed: 9 })).toEqual(injectAttacks(world, { seed: 9 }));
    expect(injectAttacks(world, { seed: 9 }).events[0]).not.toEqual(injectAttacks(world, { seed: 10 }).events[0]);
  });

  it('injects only the requested scenarios and rejects unknown ones', () => {
    const { labels } = injectAttacks(world, { seed: 1, scenarios: ['kms-key-deletion'], perScenario: 3 });
    expect(new Set(labels.map((l) => l.scenario))).toEqual(new Set(['kms-key-deletion']));
    expect(() => injectAttacks(world, { seed: 1, scenarios: ['teleport'] })).toThrow(
      /unknown attack scenario\(s\) teleport/,
    );
  });

  it('works from the contract fields alone (a world without the generator extras)', () => {
    const bare = {
      seed: 1,
      start: '2026-11-02T00:00:00Z',
      end: '2026-11-09T00:00:00Z',
      accountIds: ['111122223333'],
      principals: [
        {
          arn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/dana@example.com',
          type: 'AssumedRole' as const,
          accountId: '111122223333',
          accessKeyIds: ['ASIAEXAMPLE000000001'],
          usualIps: ['198.51.100.10'],
          usualRegions: ['eu-west-1'],
          usualUserAgents: ['aws-cli/2.15.0 Python/3.11.6 Darwin/23.4.0'],
        },
      ],
      resources: {},
    };
    const { events } = injectAttacks(bare, { seed: 2 });
    expect(events.length).toBeGreaterThan(50);
    expect(events.every((e) => e.recipientAccountId === '111122223333')).toBe(true);
  });
});
