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

/** 1-based line of the first line of `text` that matches `pattern`. */
function lineOf(text: string, pattern: RegExp): number {
  const index = text.split('\n').findIndex((line) => pattern.test(line));
  expect(index).toBeGreaterThanOrEqual(0);
  return index + 1;
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
    const line = lineOf(readFileSync(join(dir, 'qa.yml'), 'utf8'), /^environment:/);
    expect(() => loadConfig('qa', { configDir: dir, environ: {} })).toThrow(
      new RegExp(`qa\\.yml:${line}: environment: must equal the file's environment 'qa', received "dev"`),
    );
  });
});

describe('parseConfig errors name the file, key path and line', () => {
  it('reports an unknown key at its line', () => {
    const text = devWith(/^objectLock: false$/m, 'objectLock: false\nobjectLok: true');
    expect(issuesOf(text)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^config/test\\.yml:${lineOf(text, /^objectLok:/)}: objectLok: unknown key \\(known keys here: environment, account,`,
        ),
      ),
    ]);
  });

  it('reports an unknown nested key with its full path', () => {
    const text = devWith(/^ {2}macie: false$/m, '  macie: false\n  shield: true');
    expect(issuesOf(text)).toEqual([
      expect.stringMatching(
        new RegExp(`^config/test\\.yml:${lineOf(text, /^ {2}shield:/)}: features\\.shield: unknown key`),
      ),
    ]);
  });

  it('reports a wrong type at the value line', () => {
    const text = devWith(/rawLogsDays: 365/, 'rawLogsDays: a year');
    expect(issuesOf(text)).toEqual([
      `config/test.yml:${lineOf(text, /rawLogsDays:/)}: retention.rawLogsDays: must be a number, received "a year"`,
    ]);
  });

  it('reports a value out of range', () => {
    const text = devWith(/alertThreshold: 70/, 'alertThreshold: 170');
    expect(issuesOf(text)).toEqual([
      `config/test.yml:${lineOf(text, /alertThreshold:/)}: detection.alertThreshold: must be at most 100, received 170`,
    ]);
  });

  it('reports a missing required key at its parent', () => {
    const text = devWith(/^ {2}CostCenter: security-engineering\n/m, '');
    expect(issuesOf(text)).toEqual([
      `config/test.yml:${lineOf(text, /^tags:/)}: tags.CostCenter: is required but missing`,
    ]);
  });

  it('reports a pattern mismatch with a readable hint', () => {
    const text = devWith(/rawLogs: aad-dev-raw-logs-111111111111/, 'rawLogs: Raw_Logs');
    expect(issuesOf(text)).toEqual([
      `config/test.yml:${lineOf(text, /rawLogs: Raw_Logs/)}: buckets.rawLogs: must be a valid S3 bucket name (3-63 chars: lowercase letters, digits, dots, hyphens), received "Raw_Logs"`,
    ]);
  });

  it('reports every problem at once, not only the first', () => {
    const text = devWith(/rawLogsDays: 365/, 'rawLogsDays: 0').replace('region: us-east-1', 'region: mars');
    expect(issuesOf(text)).toHaveLength(2);
  });

  it('reports a list item of the wrong shape by index', () => {
    const text = devWith(/allowedAccounts: \["111111111111"\]/, 'allowedAccounts: ["1234"]');
    expect(issuesOf(text)).toEqual([
      `config/test.yml:${lineOf(text, /allowedAccounts:/)}: deploy.allowedAccounts.0: must be a 12-digit AWS account id, received "1234"`,
    ]);
  });

  it('reports invalid YAML with the parser line', () => {
    // The parser reports the line where it noticed the missing `]`: the end of the input.
    expect(issuesOf('environment: dev\ntags: [unclosed\n')[0]).toMatch(
      /^config\/test\.yml:3: invalid YAML: Flow sequence/,
    );
  });

  it('reports a duplicate key', () => {
    const text = devWith(/^objectLock: false$/m, 'objectLock: false\nobjectLock: true');
    expect(issuesOf(text)[0]).toMatch(
      new RegExp(`^config/test\\.yml:${lineOf(text, /^objectLock: true/)}: invalid YAML: Map keys must be unique`),
    );
  });

  it('rejects an empty document with every required key', () => {
    const issues = issuesOf('');
    expect(issues).toContain('config/test.yml: environment: is required but missing');
    expect(issues.length).toBeGreaterThan(10);
  });

  it('rejects lifecycle days that are out of order', () => {
    const text = devWith(/glacierAfterDays: 90/, 'glacierAfterDays: 20');
    expect(issuesOf(text)).toEqual([
      `config/test.yml:${lineOf(text, /glacierAfterDays:/)}: retention.glacierAfterDays: must be greater than retention.infrequentAccessAfterDays (30), received 20`,
    ]);
  });

  it('rejects a minimum score above the alert threshold', () => {
    const text = devWith(/minScore: 40/, 'minScore: 80');
    expect(issuesOf(text)).toEqual([
      `config/test.yml:${lineOf(text, /minScore:/)}: detection.minScore: must be at most detection.alertThreshold (70), received 80`,
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
    expect(parseConfig(dev(), 'dev.yml', { BUDGET_MONTHLY_USD: 'x' }).budget.monthlyUsd).toBe(300);
  });
});
