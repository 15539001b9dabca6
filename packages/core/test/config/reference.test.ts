import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AAD_CONFIG_SCHEMA, renderConfigReference, schemaLeaves } from '../../src';

const DOC = join(__dirname, '..', '..', '..', '..', 'docs', 'config.md');

describe('configuration reference', () => {
  it('matches docs/config.md (regenerate with `aad config --docs > docs/config.md`)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(renderConfigReference());
  });

  it('documents every AAD_* override the loader reads', () => {
    const doc = renderConfigReference();
    for (const leaf of schemaLeaves(AAD_CONFIG_SCHEMA)) expect(doc).toContain(`\`${leaf.envVar}\``);
  });
});
