import { uuidv7 } from 'uuidv7';

/** Time-ordered UUIDs keep new rows together in indexes and sort by creation. */
export const newId = (): string => uuidv7();
