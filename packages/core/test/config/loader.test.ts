import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, findConfigDir, loadConfig, parseConfig } from '../../src';

const REPO_CONFIG = join(__dirname, '..', '..', '..', '..', 'config');

/** Parses `text` and returns the error messages (one per issue). */
function issuesOf(text: string, environ: Record<string, string> = {}): string[] {
  try {
    parseConfig(text, 'config/test.yml', environ);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message.split('\n');
  }
  throw new Error('expected a ConfigError');
}

/** The repository's dev.yml with one line replaced. */
function devWith(search: RegExp, replacement: string): string {
  const text = readFileSync(join(REPO_CONFIG, 'dev.yml'), 'utf8');
  expect(search.test(text)).toBe(true);
  return text.replace(search, replacement);
}

describe('loadConfig', () => {
  it.each(['dev', 'prod'])('loads the committed %s configuration', (env) => {
    // Act
    const config = loadConfig(env, { configDir: REPO_CONFIG, environ: {} });
    // Assess
    expect(config.environment).toBe(env);
    expect(config.tags.Environment).toBe(env);
    expect(config.resourcePrefix).toBe(`aad-${env}`);
  });

  it('keeps costly services off in dev and on in prod', () => {
    const dev = loadConfig('dev', { configDir: REPO_CONFIG, environ: {} });
    const prod = loadConfig('prod', { configDir: REPO_CONFIG, environ: {} });
    for (const costly of ['guardDuty', 'inspector', 'detective', 'macie', 'config'] as const) {
      expect(dev.features[costly]).toBe(false);
      expect(prod.features[costly]).toBe(true);
    }
  });

  it('finds the config directory from a package folder', () => {
    expect(findConfigDir(join(REPO_CONFIG, '..', 'packages', 'core', 'src'))).toBe(REPO_CONFIG);
  });

  it('names the file when the environment has no configuration', () => {
    expect(() => loadConfig('staging', { configDir: REPO_CONFIG, environ: {} })).toThrow(
      /staging\.yml: no configuration for environment 'staging'/,
    );
  });

  it('rejects a file whose environment key differs from its name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aad-config-'));
    writeFileSync(join(dir, 'qa.yml'), devWith(/^environment: dev$/m, 'environment: dev'));
    expect(() => loadConfig('qa', { configDir: dir, environ: {} })).toThrow(
      /qa\.yml:4: environment: must equal the file's environment 'qa', received "dev"/,
    );
  });
});

describe('parseConfig errors name the file, key path and line', () => {
  it('reports an unknown key at its line', () => {
    expect(issuesOf(devWith(/^objectLock: false$/m, 'objectLock: false\nobjectLok: true'))).toEqual([
      expect.stringMatching(/^config\/test\.yml:25: objectLok: unknown key \(known keys here: environment, account,/),
    ]);
  });

  it('reports an unknown nested key with its full path', () => {
    expect(issuesOf(devWith(/^  macie: false$/m, '  macie: false\n  shield: true'))).toEqual([
      expect.stringMatching(/^config\/test\.yml:34: features\.shield: unknown key/),
    ]);
  });

  it('reports a wrong type at the value line', () => {
    expect(issuesOf(devWith(/rawLogsDays: 365/, 'rawLogsDays: a year'))).toEqual([
      'config/test.yml:13: retention.rawLogsDays: must be a number, received "a year"',
    ]);
  });

  it('reports a value out of range', () => {
    expect(issuesOf(devWith(/alertThreshold: 70/, 'alertThreshold: 170'))).toEqual([
      'config/test.yml:40: detection.alertThreshold: must be at most 100, received 170',
    ]);
  });

  it('reports a missing required key at its parent', () => {
    expect(issuesOf(devWith(/^  CostCenter: security-engineering\n/m, ''))).toEqual([
      'config/test.yml:8: tags.CostCenter: is required but missing',
    ]);
  });

  it('reports a pattern mismatch with a readable hint', () => {
    expect(issuesOf(devWith(/rawLogs: aad-dev-raw-logs-111111111111/, 'rawLogs: Raw_Logs'))).toEqual([
      'config/test.yml:19: buckets.rawLogs: must be a valid S3 bucket name (3-63 chars: lowercase letters, digits, dots, hyphens), received "Raw_Logs"',
    ]);
  });

  it('reports every problem at once, not only the first', () => {
    const text = devWith(/rawLogsDays: 365/, 'rawLogsDays: 0').replace('region: us-east-1', 'region: mars');
    expect(issuesOf(text)).toHaveLength(2);
  });

  it('reports a list item of the wrong shape by index', () => {
    expect(issuesOf(devWith(/allowedAccounts: \["111111111111"\]/, 'allowedAccounts: ["1234"]'))).toEqual([
      'config/test.yml:52: deploy.allowedAccounts.0: must be a 12-digit AWS account id, received "1234"',
    ]);
  });

  it('reports invalid YAML with the parser line', () => {
    // The parser reports the line where it noticed the missing `]`: the end of the input.
    expect(issuesOf('environment: dev\ntags: [unclosed\n')[0]).toMatch(
      /^config\/test\.yml:3: invalid YAML: Flow sequence/,
    );
  });

  it('reports a duplicate key', () => {
    expect(issuesOf(devWith(/^objectLock: false$/m, 'objectLock: false\nobjectLock: true'))[0]).toMatch(
      /^config\/test\.yml:25: invalid YAML: Map keys must be unique/,
    );
  });

  it('rejects an empty document with every required key', () => {
    const issues = issuesOf('');
    expect(issues).toContain('config/test.yml: environment: is required but missing');
    expect(issues.length).toBeGreaterThan(10);
  });

  it('rejects lifecycle days that are out of order', () => {
    expect(issuesOf(devWith(/glacierAfterDays: 90/, 'glacierAfterDays: 20'))).toEqual([
      'config/test.yml:15: retention.glacierAfterDays: must be greater than retention.infrequentAccessAfterDays (30), received 20',
    ]);
  });

  it('rejects a minimum score above the alert threshold', () => {
    expect(issuesOf(devWith(/minScore: 40/, 'minScore: 80'))).toEqual([
      'config/test.yml:41: detection.minScore: must be at most detection.alertThreshold (70), received 80',
    ]);
  });
});

describe('AAD_* environment overrides', () => {
  const dev = (): string => devWith(/^environment: dev$/m, 'environment: dev');

  it('overrides numbers, booleans, strings and lists by key path', () => {
    // Act
    const config = parseConfig(dev(), 'dev.yml', {
      AAD_BUDGET_MONTHLY_USD: '42.5',
      AAD_FEATURES_GUARD_DUTY: 'true',
      AAD_BUCKETS_RAW_LOGS: 'other-raw-logs',
      AAD_DEPLOY_ALLOWED_PROFILES: 'a, b',
      AAD_NETWORK_VPC_ID: 'vpc-0123456789abcdef0',
    });
    // Assess
    expect(config.budget.monthlyUsd).toBe(42.5);
    expect(config.features.guardDuty).toBe(true);
    expect(config.buckets.rawLogs).toBe('other-raw-logs');
    expect(config.deploy.allowedProfiles).toEqual(['a', 'b']);
    expect(config.network.vpcId).toBe('vpc-0123456789abcdef0');
  });

  it('names the variable when its value has the wrong type', () => {
    expect(issuesOf(dev(), { AAD_RETENTION_RAW_LOGS_DAYS: 'forever' })).toEqual([
      'environment: AAD_RETENTION_RAW_LOGS_DAYS: must be a number, received "forever"',
    ]);
  });

  it('validates an override against the key rules', () => {
    expect(issuesOf(dev(), { AAD_DETECTION_ALERT_THRESHOLD: '-1' })).toEqual([
      'environment: AAD_DETECTION_ALERT_THRESHOLD: must be at least 0, received -1',
    ]);
  });

  it('rejects a boolean override that is not a boolean', () => {
    expect(issuesOf(dev(), { AAD_OBJECT_LOCK: 'maybe' })).toEqual([
      'environment: AAD_OBJECT_LOCK: must be true, false, 1 or 0, received "maybe"',
    ]);
  });

  it('rejects an AAD_* variable that names no key', () => {
    expect(issuesOf(dev(), { AAD_BUDGET_USD: '1' })).toEqual([
      'environment: AAD_BUDGET_USD: unknown AAD_* variable: it names no configuration key (see docs/config.md)',
    ]);
  });

  it('ignores variables without the prefix', () => {
    expect(parseConfig(dev(), 'dev.yml', { BUDGET_MONTHLY_USD: 'x' }).budget.monthlyUsd).toBe(150);
  });
});
