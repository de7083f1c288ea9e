import { PERMISSIONS } from '../../../../src/platform/access';
import type { Me } from '../../api/types';

const statsGrants = (me: Me) => me.grants.filter((g) => (PERMISSIONS['stats.read'] as readonly string[]).includes(g.role));

/**
 * The place whose figures a staff member sees first: the one place they serve, so its figures
 * break down one level below it; null (all their places) when they serve several or everywhere.
 */
export function homePlace(me: Me): string | null {
  const places = new Set(statsGrants(me).map((g) => g.placeId));
  return places.size === 1 ? [...places][0]! : null;
}

/** Whether the figures of the place at this path are theirs to see (the server checks the same). */
export const canSeeFiguresOf = (me: Me, path: string): boolean => statsGrants(me).some((g) => path.startsWith(g.placePath));
