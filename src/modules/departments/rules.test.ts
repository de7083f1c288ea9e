import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from './catalog.js';
import { isValidCatalogCode, missingFromCatalog } from './rules.js';

describe('the default catalog', () => {
  it('holds the 23 departments of the one-number line, each with categories, all with valid unique codes', () => {
    expect(DEFAULT_CATALOG).toHaveLength(23);
    expect(new Set(DEFAULT_CATALOG.map((d) => d.code)).size).toBe(23);
    for (const department of DEFAULT_CATALOG) {
      expect(isValidCatalogCode(department.code), department.code).toBe(true);
      expect(department.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(department.en).toMatch(/^[A-Z]/);
      expect(department.categories.length, department.code).toBeGreaterThan(0);
      expect(new Set(department.categories.map((c) => c.code)).size).toBe(department.categories.length);
      for (const c of department.categories) expect(isValidCatalogCode(c.code), c.code).toBe(true);
    }
  });
});

describe('catalog codes', () => {
  it('are lower-case identifiers of 2 to 40 characters', () => {
    for (const good of ['water', 'public-security', 'a1']) expect(isValidCatalogCode(good), good).toBe(true);
    for (const bad of ['Water', '-water', 'w', 'water supply', 'x'.repeat(41), '水务']) expect(isValidCatalogCode(bad), bad).toBe(false);
  });
});

describe('loading the default catalog into a city', () => {
  const catalog = DEFAULT_CATALOG.slice(0, 2);

  it('adds everything to a city that has nothing', () => {
    const missing = missingFromCatalog(catalog, []);
    expect(missing.map((m) => [m.department.code, m.isNew, m.categories.length])).toEqual(catalog.map((d) => [d.code, true, d.categories.length]));
  });

  it('adds only the categories a city lacks, and nothing twice', () => {
    const [first, second] = catalog as [(typeof catalog)[0], (typeof catalog)[0]];
    const existing = [
      { code: first.code, categoryCodes: first.categories.slice(1).map((c) => c.code) },
      { code: second.code, categoryCodes: second.categories.map((c) => c.code) },
    ];
    const missing = missingFromCatalog(catalog, existing);
    expect(missing).toEqual([{ department: first, isNew: false, categories: [first.categories[0]] }]);
    expect(missingFromCatalog(catalog, catalog.map((d) => ({ code: d.code, categoryCodes: d.categories.map((c) => c.code) })))).toEqual([]);
  });
});
