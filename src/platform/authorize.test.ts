import { describe, expect, it } from 'vitest';
import type { Actor } from './access.js';
import { authorize, authorizeFilter, containsPattern } from './authorize.js';
import type { Ctx } from './context.js';

const liaisonOfShuiwan = { actor: { grants: [{ role: 'liaison', placeId: 'sw', placePath: '/sz/ns/zs/sw/' }] } as unknown as Actor } as Ctx;

describe('place checks of use cases', () => {
  it('let a liaison act in its community and refuse it elsewhere', () => {
    expect(() => authorize(liaisonOfShuiwan, 'people.write', '/sz/ns/zs/sw/b1/')).not.toThrow();
    expect(() => authorize(liaisonOfShuiwan, 'people.write', '/sz/ns/zs/')).toThrow('out_of_scope');
  });

  it('let a list be narrowed to a place above or below the scope, never beside it', () => {
    expect(() => authorizeFilter(liaisonOfShuiwan, 'people.read', '/sz/ns/zs/')).not.toThrow(); // the subdistrict above
    expect(() => authorizeFilter(liaisonOfShuiwan, 'people.read', '/sz/ns/zs/sw/b1/')).not.toThrow();
    expect(() => authorizeFilter(liaisonOfShuiwan, 'people.read', '/sz/ns/zs/th/')).toThrow('out_of_scope');
    expect(() => authorizeFilter(liaisonOfShuiwan, 'people.read', '/ls/qy/')).toThrow('out_of_scope');
  });
});

describe('search text', () => {
  it('takes % and _ literally', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
