import catalogueData from './detection-catalogue.json';
import { CatalogueIndex } from './rule-engine';
import { DetectionCatalogue } from './types';

/**
 * The built-in detection catalogue (`detection-catalogue.json`), seeded from
 * the Sigma and TrailDiscover catalogues; attribution is in its `attribution`
 * field and in the package README.
 */
export const DEFAULT_CATALOGUE: DetectionCatalogue = catalogueData as DetectionCatalogue;

let defaultIndex: CatalogueIndex | undefined;

/** The built-in catalogue, validated and indexed once per process. */
export function defaultCatalogueIndex(): CatalogueIndex {
  defaultIndex ??= new CatalogueIndex(DEFAULT_CATALOGUE);
  return defaultIndex;
}
