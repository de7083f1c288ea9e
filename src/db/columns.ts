import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../platform/ids.js';

/** Column builders every table shares, so ids and times look the same everywhere. */
export const id = () => uuid().primaryKey().$defaultFn(newId);
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
