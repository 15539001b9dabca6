import { ev, RULE_CASES } from './rule-cases';
import { CatalogueIndex, DEFAULT_CATALOGUE, evaluateRule, validateCatalogue } from '../../../src/anomaly/catalogue';
import { CatalogueRule, DetectionCatalogue } from '../../../src/anomaly/catalogue/types';
import { toEventView } from '../../../src/anomaly/event-view';
import { CatalogueError } from '../../../src/errors';

const rules = DEFAULT_CATALOGUE.rules;

/** A concrete event name for a rule's first name (a `List*` prefix becomes `ListThings`). */
function nameOf(rule: CatalogueRule): string {
  const name = rule.eventNames![0];
  return name.endsWith('*') ? `${name.slice(0, -1)}Things` : name;
}

function derived(rule: CatalogueRule): { match: ReturnType<typeof ev>; noMatch: ReturnType<typeof ev> } {
  const source = (rule.eventSource?.[0] ?? 'ec2.amazonaws.com').replace('.amazonaws.com', '');
  const extra = rule.outcome === 'denied' ? { errorCode: 'AccessDenied' } : {};
  return { match: ev(source, nameOf(rule), null, extra), noMatch: ev(source, 'NoSuchApiCall', null, extra) };
}

describe('detection catalogue data', () => {
  it('validates (unique ids, known predicates, valid patterns, references)', () => {
    // Prepare / Act / Assess
    expect(() => validateCatalogue(DEFAULT_CATALOGUE)).not.toThrow();
    expect(rules.length).toBeGreaterThan(150);
  });

  it('credits the Sigma project, TrailDiscover and Panther in its attribution', () => {
    const text = DEFAULT_CATALOGUE.attribution.join('\n');
    expect(text).toMatch(/Sigma project/);
    expect(text).toMatch(/Detection Rule License 1\.1/);
    expect(text).toMatch(/TrailDiscover/);
    expect(text).toMatch(/CC-BY-4\.0/);
    expect(text).toMatch(/Panther/);
  });

  it('has a compliant and a non-compliant case for every rule with conditions or without event names', () => {
    const conditional = rules.filter((r) => r.when || !r.eventNames).map((r) => r.id);
    expect(conditional.filter((id) => !RULE_CASES[id])).toEqual([]);
    expect(Object.keys(RULE_CASES).filter((id) => !rules.some((r) => r.id === id))).toEqual([]);
  });

  it('covers every category the issue names', () => {
    const ids = rules.map((r) => r.id);
    for (const id of [
      'defense-evasion/cloudtrail-stop-logging',
      'defense-evasion/cloudtrail-delete-trail',
      'defense-evasion/cloudtrail-trail-updated',
      'defense-evasion/cloudtrail-event-selectors-reduced',
      'defense-evasion/vpc-flow-logs-deleted',
      'defense-evasion/guardduty-detector-deleted',
      'defense-evasion/guardduty-detector-disabled',
      'defense-evasion/securityhub-disabled',
      'defense-evasion/config-recorder-stopped',
      'kms/key-scheduled-for-deletion',
      'kms/key-disabled',
      'kms/key-policy-public',
      'exposure/s3-bucket-policy-public',
      'exposure/s3-acl-public',
      'exposure/s3-public-access-block-weakened',
      'exposure/ebs-snapshot-shared',
      'exposure/ami-shared',
      'credential-access/ec2-password-data',
      'credential-access/secrets-retrieval-burst',
      'credential-access/iam-access-key-for-other-user',
      'credential-access/iam-login-profile-created',
      'privilege-escalation/iam-admin-policy-attached',
      'privilege-escalation/iam-inline-admin-policy',
      'privilege-escalation/iam-trust-policy-updated',
      'root/activity',
      'console/login-without-mfa',
      'discovery/access-denied-storm',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('rejects a catalogue with a duplicate id, an unknown predicate and a bad pattern, listing all three', () => {
    // Prepare
    const bad: DetectionCatalogue = {
      version: 1,
      attribution: [],
      rules: [
        { id: 'a/one', title: 't', severity: 'low', tactic: 'x', references: ['r'], when: { predicate: 'nope' } },
        {
          id: 'a/one',
          title: 't',
          severity: 'low',
          tactic: 'x',
          references: ['r'],
          when: { field: 'f', matches: '(' },
        },
      ],
    };
    // Act / Assess
    expect(() => validateCatalogue(bad)).toThrow(CatalogueError);
    expect(() => validateCatalogue(bad)).toThrow(
      /duplicate id[\s\S]*unknown predicate 'nope'|unknown predicate 'nope'[\s\S]*duplicate id/,
    );
    expect(() => validateCatalogue(bad)).toThrow(/bad pattern/);
  });
});

describe.each(rules.map((r) => [r.id, r] as const))('catalogue rule %s', (id, rule) => {
  const cases = RULE_CASES[id] ?? derived(rule);

  it('matches its compliant case', () => {
    const verdict = evaluateRule(rule, toEventView(cases.match));
    expect(verdict.matched).toBe(true);
  });

  it('does not match its non-compliant case', () => {
    const verdict = evaluateRule(rule, toEventView(cases.noMatch));
    expect(verdict.matched).toBe(false);
  });
});

describe('catalogue index', () => {
  const index = new CatalogueIndex(DEFAULT_CATALOGUE);

  it('finds a rule by event name and evaluates its conditions', () => {
    const matches = index.match(toEventView(RULE_CASES['exposure/s3-bucket-policy-public'].match));
    expect(matches.map((m) => m.rule.id)).toEqual(
      expect.arrayContaining(['exposure/s3-bucket-policy-public', 'exposure/s3-bucket-policy-changed']),
    );
  });

  it('damps failed attempts: denied 0.4, other errors 0.25', () => {
    const denied = index.match(
      toEventView(ev('cloudtrail', 'StopLogging', { name: 't' }, { errorCode: 'AccessDenied' })),
    );
    const failed = index.match(
      toEventView(ev('cloudtrail', 'StopLogging', { name: 't' }, { errorCode: 'TrailNotFoundException' })),
    );
    expect(denied.find((m) => m.rule.id === 'defense-evasion/cloudtrail-stop-logging')?.outcomeFactor).toBe(0.4);
    expect(failed.find((m) => m.rule.id === 'defense-evasion/cloudtrail-stop-logging')?.outcomeFactor).toBe(0.25);
  });

  it('matches prefix rules and rules without event names', () => {
    const root = index.match(
      toEventView(
        ev('ec2', 'DescribeVpcs', null, { userIdentity: { type: 'Root', arn: 'arn:aws:iam::111122223333:root' } }),
      ),
    );
    expect(root.map((m) => m.rule.id)).toEqual(
      expect.arrayContaining(['root/activity', 'discovery/read-only-enumeration', 'discovery/enumeration-burst']),
    );
  });
});
