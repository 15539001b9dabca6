import { evaluatePanther, evaluateSynthetic, loadPantherCases, PANTHER_FIXTURE } from '../../src/eval';
import { NerTagger } from '../../src/ner';

// Quality gate of issue 3, on fixed data at fixed thresholds: a held-out synthetic split
// generated in-test from the held-out seed (never used in training) and the committed
// Panther fixture (events whose p_any_* fields Panther filled).
describe('extraction quality gate', () => {
  const tagger = NerTagger.load();
  const result = evaluateSynthetic(tagger, { events: 600, vpcLines: 200, textLines: 800 });

  it('reaches micro F1 >= 0.99 on structured records of the held-out split', () => {
    expect(result.seed).toBe(2002);
    expect(result.structured.records).toBeGreaterThan(700);
    expect(result.structured.extractor.micro.f1).toBeGreaterThanOrEqual(0.99);
  });

  it('reaches micro F1 >= 0.97 on free text of the held-out split, and beats the regex baseline', () => {
    expect(result.text.extractor.micro.f1).toBeGreaterThanOrEqual(0.97);
    expect(result.text.extractor.micro.f1).toBeGreaterThan(result.text.baseline.micro.f1 + 0.1);
    expect(result.structured.extractor.micro.f1).toBeGreaterThan(result.structured.baseline.micro.f1);
  });

  it('needs the tagger for context-dependent text entities', () => {
    const untagged = evaluateSynthetic(undefined, { events: 1, vpcLines: 0, textLines: 800 });
    expect(untagged.text.extractor.perType['aws-account-id']?.recall ?? 0).toBeLessThan(0.5);
    expect(result.text.extractor.perType['aws-account-id'].recall).toBeGreaterThanOrEqual(0.97);
  });

  it('recalls >= 0.99 of the Panther p_any_* entities present in their events', () => {
    const panther = evaluatePanther(loadPantherCases(PANTHER_FIXTURE), tagger);
    expect(panther.events).toBeGreaterThanOrEqual(40);
    expect(panther.pAny.overall.support).toBeGreaterThanOrEqual(55);
    expect(panther.pAny.overall.recall).toBeGreaterThanOrEqual(0.99);
    expect(panther.identity.overall.recall).toBeGreaterThanOrEqual(0.99);
  });
});
