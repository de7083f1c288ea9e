/** Rules of the department catalog: pure functions, no database. */

/** Codes are API identifiers (Open311 service codes are built from them): lower-case, stable. */
export const isValidCatalogCode = (code: string): boolean => /^[a-z0-9][a-z0-9-]{1,39}$/.test(code);

/** Departments and categories hang off a city: the one-number line is run city by city. */
export const isCityLevel = (level: string): boolean => level === 'city';

export interface CatalogEntry {
  code: string;
  zh: string;
  en: string;
  handles: string;
  categories: { code: string; zh: string; en: string }[];
}

/**
 * What loading the default catalog into a city adds: the departments and categories whose
 * codes the city does not have yet. What the city renamed or retired stays as it is.
 */
export function missingFromCatalog(
  catalog: CatalogEntry[],
  existing: { code: string; categoryCodes: string[] }[],
): { department: CatalogEntry; isNew: boolean; categories: CatalogEntry['categories'] }[] {
  const byCode = new Map(existing.map((d) => [d.code, new Set(d.categoryCodes)]));
  return catalog
    .map((department) => {
      const have = byCode.get(department.code);
      return { department, isNew: !have, categories: department.categories.filter((c) => !have?.has(c.code)) };
    })
    .filter((entry) => entry.isNew || entry.categories.length > 0);
}
