/**
 * Who may do what, and where. Pure: no database, no HTTP.
 * Every role is granted on a place subtree; a grant on no place covers the whole installation.
 */

export const ROLES = [
  'resident',
  'liaison',
  'dispatcher',
  'department_staff',
  'department_head',
  'deputy',
  'council_member',
  'council_secretary',
  'supervisor',
  'administrator',
  /** A town or village official: blows the whistle, watches cases in the town. */
  'official',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that work for one department, named on their grant. */
export const isDepartmentRole = (role: Role): boolean => role === 'department_staff' || role === 'department_head';

/** What each permission lets through. Routes name a permission; they never list roles themselves. */
export const PERMISSIONS = {
  'places.write': ['administrator'],
  'catalog.write': ['administrator'],
  'people.read': ['liaison', 'dispatcher', 'supervisor', 'administrator'],
  'people.write': ['liaison', 'administrator'],
  'people.revealPhone': ['liaison', 'dispatcher', 'administrator'],
  'people.revealIdNumber': ['administrator'],
  'people.import': ['administrator'],
  'accounts.read': ['administrator', 'supervisor'],
  'accounts.write': ['administrator'],
  'audit.read': ['supervisor', 'administrator'],
  'cases.intake': ['liaison', 'dispatcher', 'deputy', 'official', 'administrator'],
  'cases.read': ['liaison', 'dispatcher', 'department_staff', 'department_head', 'deputy', 'official', 'supervisor', 'administrator'],
  'cases.dispatch': ['dispatcher', 'administrator'],
  /** Only on the cases of the department named on the grant (or that asked it for help). */
  'cases.handle': ['department_staff', 'department_head'],
  'cases.whistle': ['official', 'administrator'],
  'cases.evaluate': ['dispatcher', 'department_head', 'official', 'supervisor', 'administrator'],
  'cases.configure': ['administrator'],
  /** Build questionnaires and run polls in a place: community workers, deputies among constituents. */
  'polls.manage': ['liaison', 'deputy', 'administrator'],
  'polls.results': ['liaison', 'deputy', 'official', 'supervisor', 'administrator'],
  /** Enter answers for a resident from an interview, and hand out one-time codes. */
  'polls.proxy': ['liaison', 'administrator'],
  /** Run a place's Bank of Merit: criteria, bodies, group claims, corrections, reports, activities. */
  'merit.manage': ['liaison', 'administrator'],
  /** Read a bank's claims, ledger and chain verification. */
  'merit.read': ['liaison', 'official', 'supervisor', 'administrator'],
  /** See deputies, their workstations, schedules and visitor records. */
  'deputies.read': ['liaison', 'deputy', 'official', 'supervisor', 'administrator'],
  /** Register deputies, open workstations and keep their reception schedule: the workstations' staff. */
  'deputies.manage': ['liaison', 'administrator'],
  /** Record visitors and forward their issues as requests. */
  'deputies.visits': ['liaison', 'deputy', 'administrator'],
  /** See a council, its members and the composition check, its motions and the ballot record. */
  'councils.read': ['council_member', 'council_secretary', 'supervisor', 'official', 'liaison', 'administrator'],
  /** The council office: members, motions, opening and closing votes. */
  'councils.manage': ['council_secretary', 'administrator'],
  /** Vote on a motion: also only as one of the members it was put to (checked by the use case). */
  'councils.vote': ['council_member', 'council_secretary'],
  'stats.read': [
    'liaison',
    'dispatcher',
    'department_staff',
    'department_head',
    'deputy',
    'council_member',
    'council_secretary',
    'supervisor',
    'administrator',
    'official',
  ],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

/** The path that stands for the whole installation: every place path starts with it. */
export const EVERYWHERE = '/';

export interface Grant {
  role: Role;
  placeId: string | null;
  /** Path of the granted place, or EVERYWHERE. */
  placePath: string;
  /** For department staff and heads: the department they work for. */
  departmentId?: string | null;
}

export interface Actor {
  /** null for the system itself (command line, start-up). */
  accountId: string | null;
  username: string;
  displayName: string;
  residentId: string | null;
  grants: Grant[];
  via: 'session' | 'token' | 'system';
}

const rolesOf = (permission: Permission): readonly Role[] => PERMISSIONS[permission];

/** Grants that carry the permission, anywhere. */
export const grantsFor = (actor: Actor, permission: Permission): Grant[] =>
  actor.grants.filter((g) => rolesOf(permission).includes(g.role));

/** True when the actor holds the permission somewhere: enough to open the route, not to touch a place. */
export const holdsAnywhere = (actor: Actor, permission: Permission): boolean => grantsFor(actor, permission).length > 0;

export const can = (actor: Actor, permission: Permission, placePath: string): boolean =>
  grantsFor(actor, permission).some((g) => placePath.startsWith(g.placePath));

/**
 * The subtrees in which the actor holds the permission, with nested ones dropped
 * (a grant on Nanshan makes one on Zhaoshang below it redundant). Lists filter by these.
 */
export function scopesFor(actor: Actor, permission: Permission): string[] {
  const paths = [...new Set(grantsFor(actor, permission).map((g) => g.placePath))].sort();
  return paths.filter((p, i) => !paths.slice(0, i).some((outer) => p.startsWith(outer)));
}

/**
 * An administrator may grant a role only inside a subtree where he is administrator,
 * so nobody can hand out more than he holds.
 */
export const canGrantAt = (actor: Actor, placePath: string): boolean => can(actor, 'accounts.write', placePath);
