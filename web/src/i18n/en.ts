import type { zhCN } from './zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** Interface text in English: the same keys as zh-CN.ts. */
export const en: Shape<typeof zhCN> = {
  app: { name: 'Tongxin', tagline: 'Community governance', skip: 'Skip to content' },
  common: {
    save: 'Save', cancel: 'Cancel', create: 'New', edit: 'Edit', delete: 'Delete', search: 'Search', reset: 'Reset',
    confirmDelete: 'Delete this? The deletion is recorded on the audit log.', saved: 'Saved', deleted: 'Deleted', loading: 'Loading…',
    none: 'none', yes: 'yes', no: 'no', total: '{{count}} in all', actions: 'Actions', retry: 'Try again', back: 'Back',
    loadFailed: 'Could not load', forbidden: 'You do not have permission to see this page', notFound: 'No such page', everywhere: 'All places',
  },
  prefs: { language: 'Language', largeText: 'Large text', largeTextOn: 'Large text on', largeTextOff: 'Standard text' },
  auth: {
    title: 'Log in', username: 'Username', password: 'Password', submit: 'Log in', logout: 'Log out',
    required: 'Please enter your {{field}}', welcome: 'Welcome, {{name}}',
  },
  nav: { home: 'Home', places: 'Places', residents: 'Residents', households: 'Households', accounts: 'Accounts', audit: 'Audit log', menu: 'Menu' },
  roles: {
    resident: 'Resident', liaison: 'Liaison', dispatcher: 'Dispatcher', department_staff: 'Department staff', department_head: 'Department head',
    deputy: 'Deputy', council_member: 'Council member', council_secretary: 'Council secretary', supervisor: 'Supervisor', administrator: 'Administrator', official: 'Town official',
  },
  levels: { city: 'City', district: 'District or county', subdistrict: 'Subdistrict or town', community: 'Community or village', grid: 'Grid', building: 'Building' },
  residency: { established: 'Established resident', new: 'New resident' },
  gender: { female: 'Female', male: 'Male' },
  vulnerable: {
    'minimum-subsistence': 'Minimum subsistence', 'zero-employment': 'Zero-employment family', disability: 'Disability', 'elderly-alone': 'Elderly living alone',
    'left-behind-child': 'Left-behind child', 'special-hardship': 'Special hardship',
  },
  home: {
    residentTitle: 'My home', myRecord: 'My details', household: 'My household', members: 'Family members', noHousehold: 'No household registered yet',
    notResident: 'This account is not linked to a resident record', address: 'Address', phone: 'Phone', place: 'Community',
    privacy: 'To protect your privacy, phone and ID numbers show only some digits.', servicesSoon: 'Reporting problems, consultations, polls and the Bank of Merit are coming soon.',
    staffTitle: 'Overview of your places', residents: 'Residents', households: 'Households', places: 'Places', established: 'Established', newResidents: 'New residents',
    partyMembers: 'Party members', byUnit: 'Residents by place one level down', byAge: 'Age groups', byVulnerable: 'Vulnerable groups', yourRoles: 'Your roles',
    chartLabel: 'Chart of established and new residents in each place one level down; click a place to open it', unit: 'Place', allMyPlaces: 'All my places', where: 'You are here',
  },
  places: {
    title: 'Places', root: 'All', code: 'Code', nameZh: 'Chinese name', nameEn: 'English name', level: 'Level', children: 'Below',
    addChild: 'Add a place below', tree: 'Place tree', name: 'Name', addRoot: 'Add a top-level place', editPlace: 'Edit place', open: 'Open',
  },
  people: {
    title: 'Residents', name: 'Name', gender: 'Gender', birthYear: 'Birth year', age: 'Age group', phone: 'Phone', idNumber: 'ID number',
    residency: 'Residency', partyMember: 'Party member', vulnerable: 'Vulnerable groups', place: 'Community', household: 'Household', relation: 'Relation to head',
    searchHint: 'Name, full mobile number or ID number', add: 'Register a resident', editResident: 'Edit resident', reveal: 'Show full number',
    revealed: 'This look has been recorded on the audit log.', householdsTitle: 'Households', number: 'Number', address: 'Address', memberCount: 'Members', addHousehold: 'Register a household',
    placeRequired: 'Choose a community', editHousehold: 'Edit household', householdPick: 'Household', idNumberFormat: 'An ID number has 18 characters; the last may be X', householdSearchHint: 'Household number or address', noMembers: 'Nobody is registered in this household yet',
    householdHint: 'Choose the community first, then the household', relationHint: 'e.g. head, spouse, child',
  },
  accounts: {
    title: 'Accounts', username: 'Username', displayName: 'Display name', homePlace: 'Home place', roles: 'Roles', status: 'Status',
    active: 'Active', disabled: 'Disabled', locked: 'Locked', add: 'New account', password: 'First password', grant: 'Grant a role', revoke: 'Revoke',
    resetPassword: 'Reset password', newPassword: 'New password', disable: 'Disable', enable: 'Enable', unlock: 'Unlock', role: 'Role', onPlace: 'Place', searchHint: 'Username or display name',
  },
  auditActions: {
    auth: { login: 'Logged in', logout: 'Logged out', login_failed: 'Failed login', lockout: 'Account locked' },
    account: {
      create: 'Account created', update: 'Account changed', grant: 'Role granted', revoke: 'Role taken back', password_reset: 'Password reset',
      password_change: 'Own password changed', token_create: 'API token issued', token_revoke: 'API token revoked',
    },
    place: { create: 'Place added', update: 'Place changed', move: 'Place moved', delete: 'Place deleted' },
    resident: {
      create: 'Resident registered', update: 'Resident record changed', delete: 'Resident removed', export: 'Residents exported',
      reveal_phone: 'Full phone number seen', reveal_id_number: 'Full ID number seen',
    },
    household: { create: 'Household registered', update: 'Household changed', delete: 'Household removed' },
  },
  entities: { account: 'Account', place: 'Place', resident: 'Resident', household: 'Household' },
  audit: { title: 'Audit log', entityId: 'Record id', at: 'Time', actor: 'By', action: 'Action', entity: 'Record', changes: 'Changes', more: 'Load more', before: 'Before', after: 'After' },
};
