import catalog from './default-catalog.json' with { type: 'json' };
import type { CatalogEntry } from './rules.js';

/** The default catalog: the 23 departments of the one-number line with their categories. */
export const DEFAULT_CATALOG: CatalogEntry[] = catalog.departments;
