/** Every table of the application, for Drizzle and drizzle-kit. Add a module's schema here. */
export * from '../modules/places/schema.js';
export * from '../modules/people/schema.js';
export * from '../platform/auth/schema.js';
export * from '../platform/audit/schema.js';
export * from '../modules/departments/schema.js';
export * from '../modules/cases/schema.js';
export * from '../modules/polls/schema.js';
export * from '../modules/merit/schema.js';
export * from '../modules/councils/schema.js';
export * from '../modules/deputies/schema.js';
