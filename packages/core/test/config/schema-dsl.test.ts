import { AAD_CONFIG_SCHEMA, envVarFor, parseEnvValue, s, schemaLeaves, validateField } from '../../src';

describe('envVarFor', () => {
  it.each([
    [['budget', 'monthlyUsd'], 'AAD_BUDGET_MONTHLY_USD'],
    [['objectLock'], 'AAD_OBJECT_LOCK'],
    [['tags', 'CostCenter'], 'AAD_TAGS_COST_CENTER'],
    [['security', 'kmsKeyArn'], 'AAD_SECURITY_KMS_KEY_ARN'],
  ])('maps %j to %s', (path, expected) => {
    expect(envVarFor(path)).toBe(expected);
  });

  it('gives every configuration key a distinct variable', () => {
    const vars = schemaLeaves(AAD_CONFIG_SCHEMA).map((leaf) => leaf.envVar);
    expect(new Set(vars).size).toBe(vars.length);
  });
});

describe('validateField', () => {
  it('accepts an optional key that is absent', () => {
    const schema = s.object('x', { a: s.optional(s.string('a')) });
    expect(validateField(schema, {})).toEqual([]);
  });

  it('rejects a non-integer where an integer is required', () => {
    expect(validateField(s.integer('n'), 1.5)).toEqual([{ path: [], message: 'must be an integer, received 1.5' }]);
  });

  it('rejects a string outside its allowed values', () => {
    expect(validateField(s.string('c', { oneOf: ['a', 'b'] }), 'c')).toEqual([
      { path: [], message: 'must be one of a, b, received "c"' },
    ]);
  });

  it('rejects a mapping where a list is expected', () => {
    expect(validateField(s.stringList('l'), { a: 1 })[0].message).toBe('must be a list of strings, received a mapping');
  });

  it('rejects a list where a mapping is expected', () => {
    expect(validateField(s.object('o', {}), [])[0].message).toBe('must be a mapping, received a list');
  });
});

describe('parseEnvValue', () => {
  it('parses 1 and 0 as booleans', () => {
    expect(parseEnvValue(s.boolean('b'), '1')).toEqual({ value: true });
    expect(parseEnvValue(s.boolean('b'), '0')).toEqual({ value: false });
  });

  it('rejects an empty number', () => {
    expect(parseEnvValue(s.number('n'), ' ')).toEqual({ error: 'must be a number, received " "' });
  });
});
