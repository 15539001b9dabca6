import { userEvent } from './profile/profile-fixtures';
import { AnomalyDetector } from '../../src/anomaly/anomaly-detector';
import { toEventView } from '../../src/anomaly/event-view';
import { Finding } from '../../src/anomaly/finding';
import { BaselineProfile } from '../../src/anomaly/profile/baseline-profile';
import { CloudTrailRecord } from '../../src/logs/cloudtrail-record';

const ALICE = 'arn:aws:iam::111122223333:user/alice';

/** alice's habits: one office address, one tool, one region, a few calls, 5 per hour for `days` working days. */
function aliceHistory(days = 10): CloudTrailRecord[] {
  const out: CloudTrailRecord[] = [];
  const names = ['GetObject', 'PutObject', 'ListBuckets', 'GetObject', 'DescribeInstances'];
  for (let d = 0; d < days; d++) {
    for (let h = 0; h < 8; h++) {
      for (let i = 0; i < 5; i++) {
        const n = names[(d + h + i) % names.length];
        out.push(
          userEvent('alice', d * 1440 + h * 60 + i * 11, {
            eventName: n,
            eventSource: n === 'DescribeInstances' ? 'ec2.amazonaws.com' : 's3.amazonaws.com',
          }),
        );
      }
    }
  }
  return out;
}

function trained(days = 10): BaselineProfile {
  const profile = new BaselineProfile();
  for (const e of aliceHistory(days)) profile.observe(toEventView(e));
  return profile;
}

const AFTER = 10 * 1440 + 60; // minutes: day 11, 10:00

function run(detector: AnomalyDetector, events: CloudTrailRecord[]): Finding[] {
  const out = events.flatMap((e) => detector.observe(e));
  return [...out, ...detector.flush()];
}

describe('AnomalyDetector: catalogue', () => {
  it('flags StopLogging with no baseline, with reason, MITRE and the action to take', () => {
    // Prepare
    const detector = new AnomalyDetector();
    // Act
    const findings = run(detector, [
      userEvent('alice', 0, {
        eventSource: 'cloudtrail.amazonaws.com',
        eventName: 'StopLogging',
        requestParameters: { name: 'org-trail' },
      }),
    ]);
    // Assess
    expect(findings).toHaveLength(1);
    const f = findings[0];
    expect(f).toEqual(
      expect.objectContaining({
        log_id: 'alice-0',
        entity_id: ALICE,
        entity_type: 'iam-user',
        risk_score: 90,
        severity: 'critical',
        recommended_action: expect.objectContaining({ kind: 'restore-logging', target: 'org-trail' }),
        rule_ids: ['defense-evasion/cloudtrail-stop-logging'],
      }),
    );
    expect(f.mitre).toContainEqual({
      tactic: 'TA0005 Defense Evasion',
      technique: 'T1562.008 Impair Defenses: Disable or Modify Cloud Logs',
    });
    expect(f.reasons[0]).toEqual(
      expect.objectContaining({ signal: 'catalogue', contribution: 90, observed: 'StopLogging' }),
    );
  });

  it('gives the same finding id for the same event, whatever the profile', () => {
    const event = userEvent('alice', AFTER, {
      eventSource: 'kms.amazonaws.com',
      eventName: 'ScheduleKeyDeletion',
      requestParameters: { keyId: 'k1' },
    });
    const a = run(new AnomalyDetector(), [event])[0];
    const b = run(new AnomalyDetector({ profile: trained() }), [event])[0];
    expect(a.finding_id).toBe(b.finding_id);
    expect(a.finding_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('damps a medium rule for a principal who makes that call routinely, never a critical one', () => {
    const profile = new BaselineProfile();
    for (let i = 0; i < 30; i++) {
      profile.observe(
        toEventView(userEvent('alice', i * 60, { eventSource: 'ssm.amazonaws.com', eventName: 'SendCommand' })),
      );
    }
    const routine = userEvent('alice', 31 * 60, { eventSource: 'ssm.amazonaws.com', eventName: 'SendCommand' });
    expect(run(new AnomalyDetector({ warmupHours: 0 }), [routine])).toHaveLength(1);
    expect(run(new AnomalyDetector({ profile: profile.clone() }), [routine])).toHaveLength(0);
    const stop = userEvent('alice', 31 * 60, { eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging' });
    expect(run(new AnomalyDetector({ profile }), [stop])[0].risk_score).toBeGreaterThanOrEqual(90);
  });
});

describe('AnomalyDetector: rarity', () => {
  it('is quiet on habitual activity and flags new network, tool and region together, with baseline values', () => {
    const detector = new AnomalyDetector({ profile: trained() });
    const usual = userEvent('alice', AFTER);
    const stolen = userEvent('alice', AFTER + 1, {
      sourceIPAddress: '203.0.113.66',
      userAgent: 'Boto3/1.34.0 Python/3.12 Linux/6.1',
      awsRegion: 'ap-southeast-2',
    });
    const findings = run(detector, [usual, stolen]);
    expect(findings.map((f) => f.log_id)).toEqual([`alice-${AFTER + 1}`]);
    const ids = findings[0].reasons.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['rarity/network', 'rarity/region', 'rarity/ua']));
    const network = findings[0].reasons.find((r) => r.id === 'rarity/network')!;
    expect(network.observed).toBe('203.0.113.0/24');
    expect(network.baseline).toMatch(/^0 of \d+ events$/);
    expect(network.message).toMatch(/never seen for arn:aws:iam::111122223333:user\/alice/);
    expect(findings[0].recommended_action).toEqual(expect.objectContaining({ kind: 'deactivate-access-key' }));
  });

  it('warm-up: with little history a new address is not surprising enough', () => {
    const detector = new AnomalyDetector();
    const events = [0, 1, 2].map((m) => userEvent('bob', m));
    events.push(userEvent('bob', 3, { sourceIPAddress: '203.0.113.66', userAgent: 'Boto3/1.34 Linux' }));
    expect(run(detector, events)).toEqual([]);
  });

  it('flags a principal new to a resource that others use', () => {
    const profile = new BaselineProfile();
    for (let i = 0; i < 200; i++) {
      const user = ['app1', 'app2'][i % 2];
      profile.observe(
        toEventView(
          userEvent(user, i * 10, {
            eventSource: 'kms.amazonaws.com',
            eventName: 'Decrypt',
            requestParameters: { keyId: 'key-1' },
          }),
        ),
      );
      profile.observe(
        toEventView(
          userEvent('carol', i * 10 + 1, {
            eventSource: 'kms.amazonaws.com',
            eventName: 'Decrypt',
            requestParameters: { keyId: 'key-2' },
          }),
        ),
      );
    }
    const detector = new AnomalyDetector({ profile, minScore: 0 });
    const f = run(detector, [
      userEvent('carol', 3000, {
        eventSource: 'kms.amazonaws.com',
        eventName: 'Decrypt',
        requestParameters: { keyId: 'key-1' },
      }),
    ]);
    expect(f[0].reasons.map((r) => r.id)).toContain('rarity/resource-principal');
  });
});

describe('AnomalyDetector: window signals', () => {
  it('raises every event of an AccessDenied storm once the threshold is crossed, including earlier ones', () => {
    const detector = new AnomalyDetector({ warmupHours: 0 });
    const storm = Array.from({ length: 12 }, (_, i) =>
      userEvent('mallory', i, {
        eventSource: 'iam.amazonaws.com',
        eventName: `ListThing${i}`,
        errorCode: 'AccessDenied',
      }),
    );
    const findings = run(detector, storm);
    expect(findings).toHaveLength(12);
    expect(new Set(findings.map((f) => f.log_id)).size).toBe(12);
    const reason = findings[0].reasons.find((r) => r.id === 'discovery/access-denied-storm')!;
    expect(reason.message).toMatch(/\d+ events from .* in one window \(threshold 10\)/);
  });

  it('splits a storm at a window boundary (9 + 9 errors never cross 10)', () => {
    const detector = new AnomalyDetector();
    const events = Array.from({ length: 18 }, (_, i) =>
      userEvent('mallory', 51 + i, {
        eventSource: 'iam.amazonaws.com',
        eventName: 'GetRole',
        errorCode: 'AccessDenied',
      }),
    );
    expect(run(detector, events)).toEqual([]);
  });

  it('counts distinct secrets for the secrets burst rule', () => {
    const detector = new AnomalyDetector();
    const same = Array.from({ length: 8 }, (_, i) =>
      userEvent('svc', i, {
        eventSource: 'secretsmanager.amazonaws.com',
        eventName: 'GetSecretValue',
        requestParameters: { secretId: 'db' },
      }),
    );
    expect(run(detector, same)).toEqual([]);
    const many = Array.from({ length: 6 }, (_, i) =>
      userEvent('thief', i, {
        eventSource: 'secretsmanager.amazonaws.com',
        eventName: 'GetSecretValue',
        requestParameters: { secretId: `s${i}` },
      }),
    );
    const findings = run(new AnomalyDetector({ warmupHours: 0 }), many);
    expect(findings.length).toBeGreaterThanOrEqual(5);
    expect(findings[0].rule_ids).toContain('credential-access/secrets-retrieval-burst');
  });

  it("flags a volume outlier against the principal's own windows (median and MAD)", () => {
    const detector = new AnomalyDetector({ profile: trained(), minScore: 0 });
    const burst = Array.from({ length: 120 }, (_, i) =>
      userEvent('alice', AFTER + Math.floor(i / 4), { eventName: 'GetObject' }),
    );
    const findings = run(detector, burst);
    const volume = findings.flatMap((f) => f.reasons).find((r) => r.id === 'volume/events');
    expect(volume).toBeDefined();
    expect(volume!.message).toMatch(/events by .* in the 1 h window vs median 5, MAD 0/);
  });

  it('ignores a busy hour that is not a large excess over the median (effect size)', () => {
    const detector = new AnomalyDetector({ profile: trained(), minScore: 0 });
    const busy = Array.from({ length: 20 }, (_, i) => userEvent('alice', AFTER + i, { eventName: 'GetObject' }));
    const ids = run(detector, busy).flatMap((f) => f.reasons.map((r) => r.id));
    expect(ids).not.toContain('volume/events');
  });

  it('flags failed console logins from one address (spraying across users)', () => {
    const detector = new AnomalyDetector({ warmupHours: 0 });
    const tries = Array.from({ length: 6 }, (_, i) =>
      userEvent(`user${i}`, i, {
        eventSource: 'signin.amazonaws.com',
        eventName: 'ConsoleLogin',
        responseElements: { ConsoleLogin: 'Failure' },
        sourceIPAddress: '203.0.113.5',
      }),
    );
    const findings = run(detector, tries);
    expect(findings.length).toBeGreaterThanOrEqual(5);
    expect(findings[0].rule_ids).toContain('credential-access/console-login-failures-by-ip');
  });
});

describe('AnomalyDetector: sequences', () => {
  it('raises defense evasion that follows activity from a new network', () => {
    const detector = new AnomalyDetector({ profile: trained(), minScore: 0 });
    const out = run(detector, [
      userEvent('alice', AFTER, { sourceIPAddress: '203.0.113.66' }),
      userEvent('alice', AFTER + 5, {
        sourceIPAddress: '203.0.113.66',
        eventSource: 'cloudtrail.amazonaws.com',
        eventName: 'StopLogging',
      }),
      userEvent('alice', AFTER + 9, { sourceIPAddress: '203.0.113.66', eventName: 'DeleteObject' }),
    ]);
    const ids = out.flatMap((f) => f.reasons.map((r) => r.id));
    expect(ids).toContain('sequence/new-network-then-high-impact');
    expect(ids).toContain('sequence/activity-after-defense-evasion');
  });

  it('raises the earlier events of a session that ends in a high-risk finding from a new network', () => {
    const detector = new AnomalyDetector({ profile: trained() });
    const ip = { sourceIPAddress: '203.0.113.66' };
    const out = run(detector, [
      userEvent('alice', AFTER, { ...ip, eventSource: 's3.amazonaws.com', eventName: 'ListBuckets' }),
      userEvent('alice', AFTER + 2, { ...ip, eventSource: 'cloudtrail.amazonaws.com', eventName: 'DescribeTrails' }),
      userEvent('alice', AFTER + 4, { ...ip, eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging' }),
    ]);
    expect(out.map((f) => f.log_id).sort()).toEqual([`alice-${AFTER}`, `alice-${AFTER + 2}`, `alice-${AFTER + 4}`]);
    const first = out.find((f) => f.log_id === `alice-${AFTER}`)!;
    expect(first.reasons.map((r) => r.id)).toContain('sequence/session-of-high-risk-finding');
  });

  it('raises credential creation that follows denied enumeration', () => {
    const detector = new AnomalyDetector({ minScore: 0 });
    const events = Array.from({ length: 10 }, (_, i) =>
      userEvent('mallory', i, { eventSource: 'iam.amazonaws.com', eventName: 'ListUsers', errorCode: 'AccessDenied' }),
    );
    events.push(
      userEvent('mallory', 11, {
        eventSource: 'iam.amazonaws.com',
        eventName: 'CreateAccessKey',
        requestParameters: { userName: 'admin' },
      }),
    );
    const last = run(detector, events).find((f) => f.log_id === 'mallory-11')!;
    expect(last.reasons.map((r) => r.id)).toContain('sequence/recon-then-credential-or-escalation');
  });

  it('links an access key created by one principal to its later use', () => {
    const detector = new AnomalyDetector({ minScore: 0, warmupHours: 0 });
    const out = run(detector, [
      userEvent('mallory', 0, {
        eventSource: 'iam.amazonaws.com',
        eventName: 'CreateAccessKey',
        requestParameters: { userName: 'backup' },
        responseElements: { accessKey: { accessKeyId: 'AKIANEWKEY0000000001', userName: 'backup' } },
      }),
      userEvent('backup', 30, {
        userIdentity: {
          type: 'IAMUser',
          arn: 'arn:aws:iam::111122223333:user/backup',
          userName: 'backup',
          accessKeyId: 'AKIANEWKEY0000000001',
        },
      }),
    ]);
    const use = out.find((f) => f.log_id === 'backup-30')!;
    expect(use.reasons.map((r) => r.id)).toContain('sequence/key-created-by-another-principal-in-use');
  });
});

describe('AnomalyDetector: warm-up of online learning', () => {
  const storm = Array.from({ length: 12 }, (_, i) =>
    userEvent('mallory', i, {
      eventSource: 'iam.amazonaws.com',
      eventName: `ListThing${i}`,
      errorCode: 'AccessDenied',
    }),
  );

  it('without a profile, emits only alert-level findings during the first 24 hours of event time', () => {
    const detector = new AnomalyDetector();
    expect(detector.warmingUp).toBe(true);
    expect(run(detector, storm)).toEqual([]);
    const stop = userEvent('mallory', 20, { eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging' });
    expect(detector.observe(stop)).toHaveLength(1);
    const later = storm.map((e, i) =>
      userEvent('mallory', 25 * 60 + i, {
        eventName: e.eventName,
        eventSource: e.eventSource,
        errorCode: 'AccessDenied',
      }),
    );
    expect(run(detector, later)).toHaveLength(12);
    expect(detector.warmingUp).toBe(false);
  });

  it('has no warm-up when it starts from a profile, and rejects a negative one', () => {
    expect(run(new AnomalyDetector({ profile: new BaselineProfile() }), storm)).toHaveLength(12);
    expect(() => new AnomalyDetector({ warmupHours: -1 })).toThrow(/`warmupHours` must be at least 0, received -1/);
  });
});

describe('AnomalyDetector: learning and the API for runtimes', () => {
  it('returns a delta that, merged into the starting profile, equals what the detector learned', () => {
    const start = trained(3);
    const detector = new AnomalyDetector({ profile: start.clone(), trackDelta: true });
    run(detector, aliceHistory(5).slice(200));
    const merged = BaselineProfile.merge(start, detector.takeDelta());
    const a = merged.principal(ALICE)!;
    const b = detector.profile.principal(ALICE)!;
    expect(a.weight).toBeCloseTo(b.weight, 6);
    expect(a.windows).toEqual(b.windows);
    expect(detector.takeDelta().principals.size).toBe(0);
  });

  it('learns flagged events at a reduced weight, and not at all with learn: false', () => {
    const stop = userEvent('alice', 0, { eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging' });
    const learning = new AnomalyDetector({ flaggedLearningWeight: 0.25 });
    run(learning, [stop]);
    expect(
      learning.profile.principal(ALICE)!.weight * learning.profile.decayFactor(Date.parse(String(stop.eventTime))),
    ).toBeCloseTo(0.25);
    const frozen = new AnomalyDetector({ learn: false });
    run(frozen, [stop]);
    expect(frozen.profile.principals.size).toBe(0);
  });

  it('validates its options', () => {
    expect(() => new AnomalyDetector({ minScore: 101 })).toThrow(/`minScore` must be within 0-100, received 101/);
    expect(() => new AnomalyDetector({ flaggedLearningWeight: 2 })).toThrow(/flaggedLearningWeight/);
    expect(
      () => new AnomalyDetector({ profile: new BaselineProfile({ windowMinutes: 60 }), windowMinutes: 15 }),
    ).toThrow(/must match the profile's window \(60\), received 15/);
    expect(() => new AnomalyDetector().takeDelta()).toThrow(/trackDelta/);
  });

  it('scores late and time-less events without window signals, and never throws on fragments', () => {
    const detector = new AnomalyDetector();
    expect(() =>
      run(detector, [
        userEvent('a', 120),
        userEvent('a', 0),
        { eventName: 'StopLogging', eventSource: 'cloudtrail.amazonaws.com' },
        {},
      ]),
    ).not.toThrow();
    expect(detector.stats.events).toBe(4);
  });
});

describe('AnomalyDetector: other record kinds', () => {
  const guardDuty = {
    schemaVersion: '2.0',
    id: 'gd-1',
    arn: 'arn:aws:guardduty:us-east-1:111122223333:detector/d/finding/gd-1',
    type: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
    severity: 8,
    title: 'Credentials used outside AWS',
    region: 'us-east-1',
    accountId: '111122223333',
    updatedAt: '2026-11-20T10:00:00Z',
    resource: { accessKeyDetails: { accessKeyId: 'ASIAEXAMPLE', userName: 'app' } },
    service: { serviceName: 'guardduty', additionalInfo: {} },
  };

  it('passes GuardDuty findings through (not samples)', () => {
    const detector = new AnomalyDetector();
    const [f] = detector.observeLog({ kind: 'json', value: guardDuty, log_id: 'gd-1', location: { source: 'x' } });
    expect(f).toEqual(expect.objectContaining({ risk_score: 75, entity_id: 'ASIAEXAMPLE', entity_type: 'access-key' }));
    expect(f.mitre[0].tactic).toBe('TA0001 Initial Access');
    const sample = { ...guardDuty, service: { serviceName: 'guardduty', additionalInfo: { sample: true } } };
    expect(detector.observeJson(sample)).toEqual([]);
  });

  it('reports admin ports reached from the internet (below the default threshold) once per window', () => {
    expect(new AnomalyDetector().observeJson({ srcaddr: '203.0.113.9', dstaddr: '10.0.0.5', dstport: '22' })).toEqual(
      [],
    );
    const detector = new AnomalyDetector({ minScore: 30 });
    const fields = {
      srcaddr: '203.0.113.9',
      dstaddr: '10.0.0.5',
      dstport: '22',
      action: 'ACCEPT',
      start: '1795000000',
      'interface-id': 'eni-1',
    };
    const one = detector.observeLog({
      kind: 'vpcflow',
      fields,
      text: '',
      columns: [],
      log_id: 'f1',
      location: { source: 'x' },
    });
    expect(one).toHaveLength(1);
    expect(one[0]).toEqual(
      expect.objectContaining({ entity_id: 'eni-1', entity_type: 'network-interface', risk_score: 35 }),
    );
    expect(detector.observeJson({ ...fields }, 'f2')).toEqual([]);
    expect(
      detector.observeJson({ srcAddr: '203.0.113.9', dstAddr: '10.0.0.5', dstPort: 22, action: 'REJECT' }),
    ).toEqual([]);
    expect(detector.observeJson({ srcAddr: '10.1.1.1', dstAddr: '10.0.0.5', dstPort: 22 })).toEqual([]);
  });

  it('reads lowercase CloudTrail keys and skips text and unknown JSON', () => {
    const detector = new AnomalyDetector();
    expect(
      detector.observeJson({
        eventname: 'DeleteDetector',
        eventsource: 'guardduty.amazonaws.com',
        eventtime: '2022-07-17 04:50:23',
      }),
    ).toHaveLength(1);
    expect(detector.observeLog({ kind: 'text', text: 'hello', log_id: 't', location: { source: 'x' } })).toEqual([]);
    expect(detector.observeJson({ hello: 'world' })).toEqual([]);
    expect(detector.stats.skipped).toBe(2);
  });
});
