/**
 * A PostgreSQL array literal for values that need no quoting (ids, numbers, ISO times), passed
 * as one parameter: drizzle's `sql` would otherwise spread a JavaScript array into a list.
 */
export const pgArray = (values: readonly (string | number | null)[]): string => `{${values.map((v) => (v === null ? 'NULL' : String(v))).join(',')}}`;
