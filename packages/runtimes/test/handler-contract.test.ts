import { HANDLERS, PERMISSION_PLACEHOLDERS, handlerBundleDir } from '../src';

const PSEUDO = new Set(['AWS::Partition', 'AWS::Region', 'AWS::AccountId']);

describe('HANDLERS contract', () => {
  it.each(HANDLERS.map((h) => [h.name, h] as const))('%s uses only names without the AAD_ prefix', (_name, spec) => {
    for (const v of spec.environment) expect(v.name).not.toMatch(/^AAD_/);
  });

  it.each(HANDLERS.map((h) => [h.name, h] as const))(
    '%s permission templates only reference its variables, pseudo parameters or named ARNs',
    (_name, spec) => {
      // Prepare
      const vars = new Set(spec.environment.map((v) => v.name));
      const unknown: string[] = [];
      // Act
      for (const p of spec.permissions) {
        for (const r of p.resources) {
          for (const [, ref] of r.matchAll(/\$\{([^}]+)\}/g)) {
            if (!vars.has(ref) && !PSEUDO.has(ref) && !(ref in PERMISSION_PLACEHOLDERS)) {
              unknown.push(`${p.sid}:${ref}`);
            }
          }
        }
      }
      // Assess
      expect(unknown).toEqual([]);
    },
  );

  it.each(HANDLERS.map((h) => [h.name, h] as const))('%s grants no wildcard action and unique sids', (_name, spec) => {
    const sids = spec.permissions.map((p) => p.sid);
    expect(new Set(sids).size).toBe(sids.length);
    for (const p of spec.permissions) {
      for (const a of p.actions) expect(a).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
      for (const r of p.resources) expect(r).not.toBe('*');
    }
  });

  it('conditions optional statements on optional variables only', () => {
    for (const spec of HANDLERS) {
      for (const p of spec.permissions.filter((s) => s.onlyWhenSet)) {
        const v = spec.environment.find((e) => e.name === p.onlyWhenSet);
        expect(v?.required).toBe(false);
      }
    }
  });

  it('points each handler at its bundle directory', () => {
    expect(handlerBundleDir('enrichment')).toMatch(/dist[\\/]handlers[\\/]enrichment$/);
  });
});
