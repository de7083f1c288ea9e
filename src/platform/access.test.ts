import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Actor, can, canGrantAt, EVERYWHERE, holdsAnywhere, PERMISSIONS, ROLES, type Role, scopesFor } from './access.js';

const NANSHAN = '/sz/ns/';
const ZHAOSHANG = '/sz/ns/zs/';
const SHUIWAN = '/sz/ns/zs/sw/';
const QINGYUAN = '/ls/qy/';

const actor = (...grants: [Role, string][]): Actor => ({
  accountId: 'a',
  username: 'u',
  displayName: 'U',
  residentId: null,
  grants: grants.map(([role, placePath]) => ({ role, placeId: placePath === EVERYWHERE ? null : placePath, placePath })),
  via: 'session',
});

describe('roles granted on a place subtree', () => {
  const dispatcher = actor(['dispatcher', ZHAOSHANG]);

  it('cover the place and everything beneath it', () => {
    expect(can(dispatcher, 'people.read', ZHAOSHANG)).toBe(true);
    expect(can(dispatcher, 'people.read', SHUIWAN)).toBe(true);
  });

  it('do not reach the parent, a sibling or another county', () => {
    expect(can(dispatcher, 'people.read', NANSHAN)).toBe(false);
    expect(can(dispatcher, 'people.read', '/sz/ns/nt/')).toBe(false);
    expect(can(dispatcher, 'people.read', QINGYUAN)).toBe(false);
  });

  it('carry only the permissions of the role', () => {
    expect(can(dispatcher, 'people.write', SHUIWAN)).toBe(false);
    expect(holdsAnywhere(dispatcher, 'accounts.read')).toBe(false);
    expect(holdsAnywhere(actor(['resident', SHUIWAN]), 'stats.read')).toBe(false);
  });

  it('on no place cover the whole installation', () => {
    expect(can(actor(['administrator', EVERYWHERE]), 'places.write', QINGYUAN)).toBe(true);
  });

  it('never let through a permission the table does not give the role, anywhere', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), fc.constantFrom(...(Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[])), (role, permission) => {
        const allowed = (PERMISSIONS[permission] as readonly Role[]).includes(role);
        expect(can(actor([role, EVERYWHERE]), permission, SHUIWAN)).toBe(allowed);
      }),
    );
  });
});

describe('scopes for lists', () => {
  it('drop a subtree already covered by a wider grant', () => {
    expect(scopesFor(actor(['liaison', SHUIWAN], ['dispatcher', ZHAOSHANG]), 'people.read')).toEqual([ZHAOSHANG]);
  });

  it('keep unrelated subtrees apart, and hold nothing without the permission', () => {
    expect(scopesFor(actor(['dispatcher', ZHAOSHANG], ['dispatcher', QINGYUAN]), 'people.read').sort()).toEqual([QINGYUAN, ZHAOSHANG]);
    expect(scopesFor(actor(['resident', SHUIWAN]), 'people.read')).toEqual([]);
  });
});

describe('granting roles', () => {
  it('is allowed only inside the administrator’s own subtree', () => {
    const nanshanAdmin = actor(['administrator', NANSHAN]);
    expect(canGrantAt(nanshanAdmin, SHUIWAN)).toBe(true);
    expect(canGrantAt(nanshanAdmin, QINGYUAN)).toBe(false);
    expect(canGrantAt(nanshanAdmin, EVERYWHERE)).toBe(false);
    expect(canGrantAt(actor(['supervisor', NANSHAN]), SHUIWAN)).toBe(false);
  });
});
