import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVault, deriveKey } from './crypto.js';

const vault = createVault('a-test-secret-of-at-least-32-characters!');

describe('the personal-data vault', () => {
  it('opens what it sealed, for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(vault.open(vault.seal(text))).toBe(text);
      }),
    );
  });

  it('seals the same value differently each time, and never in the clear', () => {
    const a = vault.seal('13812345678');
    const b = vault.seal('13812345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812345678');
  });

  it('refuses a sealed value that was tampered with', () => {
    const sealed = vault.seal('440305195203140024');
    const parts = sealed.split(':');
    parts[3] = (parts[3]![0] === 'A' ? 'B' : 'A') + parts[3]!.slice(1);
    expect(() => vault.open(parts.join(':'))).toThrow();
  });

  it('cannot open what another installation sealed', () => {
    const other = createVault('another-secret-of-at-least-32-characters');
    expect(() => other.open(vault.seal('13812345678'))).toThrow();
  });

  it('indexes the same value the same way within an installation, differently across them', () => {
    const other = createVault('another-secret-of-at-least-32-characters');
    expect(vault.blindIndex('13812345678')).toBe(vault.blindIndex('13812345678'));
    expect(vault.blindIndex('13812345678')).not.toBe(vault.blindIndex('13812345679'));
    expect(vault.blindIndex('13812345678')).not.toBe(other.blindIndex('13812345678'));
  });

  it('derives a separate key for each purpose', () => {
    expect(deriveKey('s'.repeat(32), 'cookie-signing').equals(deriveKey('s'.repeat(32), 'personal-data-encryption'))).toBe(false);
  });
});
