import { PERMISSIONS, type Permission } from '../../../src/platform/access';
import type { Me } from '../api/types';

/**
 * Whether the account holds a permission somewhere: the same table the server uses, so menus
 * show what the server will allow. The server still decides every request.
 */
export const holds = (me: Me | null | undefined, permission: Permission): boolean =>
  !!me?.grants.some((g) => (PERMISSIONS[permission] as readonly string[]).includes(g.role));

/** A resident-only account gets the simple resident pages. */
export const isResidentOnly = (me: Me): boolean => me.grants.length > 0 && me.grants.every((g) => g.role === 'resident');
