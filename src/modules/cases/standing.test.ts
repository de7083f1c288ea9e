import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from '../../platform/access.js';
import { standingOf } from './standing.js';

const actor = (grants: Grant[], accountId = 'me'): Actor => ({ accountId, username: accountId, displayName: accountId, residentId: null, grants, via: 'session' });
const NANSHAN = '/sz/ns/';
const facts = { placePath: '/sz/ns/zs/sw/', departmentId: 'urban', involvedDepartmentIds: ['water'], requesterAccountIds: ['resident', 'neighbour-merged'] };

describe('standing towards a case', () => {
  it('lets department staff in only for their own department’s cases or those it helps with', () => {
    const urban = actor([{ role: 'department_staff', placeId: 'ns', placePath: NANSHAN, departmentId: 'urban' }]);
    expect(standingOf(urban, facts)).toMatchObject({ reader: true, department: 'holder', departmentId: 'urban', dispatcher: false });
    const water = actor([{ role: 'department_staff', placeId: 'ns', placePath: NANSHAN, departmentId: 'water' }]);
    expect(standingOf(water, facts)).toMatchObject({ reader: true, department: 'helper', departmentId: 'water' });
    const gas = actor([{ role: 'department_head', placeId: 'ns', placePath: NANSHAN, departmentId: 'gas' }]);
    expect(standingOf(gas, facts)).toMatchObject({ reader: false, department: null });
    const elsewhere = actor([{ role: 'department_staff', placeId: 'ft', placePath: '/sz/ft/', departmentId: 'urban' }]);
    expect(standingOf(elsewhere, facts).reader).toBe(false);
  });

  it('makes dispatchers, officials and the requester readers by their own right', () => {
    expect(standingOf(actor([{ role: 'dispatcher', placeId: 'zs', placePath: '/sz/ns/zs/' }]), facts)).toMatchObject({ reader: true, dispatcher: true });
    expect(standingOf(actor([{ role: 'official', placeId: 'zs', placePath: '/sz/ns/zs/' }]), facts)).toMatchObject({ reader: true, whistle: true, dispatcher: false });
    expect(standingOf(actor([{ role: 'resident', placeId: 'sw', placePath: '/sz/ns/zs/sw/' }], 'resident'), facts)).toMatchObject({ reader: true, requester: true });
    expect(standingOf(actor([{ role: 'resident', placeId: 'sw', placePath: '/sz/ns/zs/sw/' }], 'neighbour'), facts).reader).toBe(false);
    // Someone whose own report was merged into this case follows it too.
    expect(standingOf(actor([], 'neighbour-merged'), facts)).toMatchObject({ reader: true, requester: true });
  });
});
