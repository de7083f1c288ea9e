import { type SQL, sql } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.js';
import { type Executor, queryRows } from '../../db/client.js';
import { DEFAULT_CALENDAR, DEFAULT_POLICIES, type SlaPolicy, type WorkCalendar } from './deadlines.js';

/** The one-number line's settings that apply to a place. */
export interface CaseSettings {
  numberPrefix: string;
  calendar: WorkCalendar;
  policies: SlaPolicy[];
  whistleMinutes: number;
}

export const DEFAULT_WHISTLE_MINUTES = 30;

interface SettingsRow {
  depth: number;
  number_prefix: string | null;
  calendar: WorkCalendar | null;
  policies: SlaPolicy[] | null;
  whistle_minutes: number | null;
}

/**
 * The settings of the places above (and at) a place, deepest first, merged field by field:
 * a district may set its own number prefix while the city sets the calendar and the policies.
 * `fallbackPrefix` (the city's code) numbers cases where nobody set a prefix.
 */
export async function settingsFor(db: Executor, placePath: string, fallbackPrefix: string): Promise<CaseSettings> {
  const ancestorIds = pgArray(placePath.split('/').filter(Boolean));
  const rows = await queryRows<SettingsRow>(
    db,
    sql`select array_position(${ancestorIds}::uuid[], place_id) as depth, number_prefix, calendar, policies, whistle_minutes
        from case_settings where place_id = any(${ancestorIds}::uuid[]) order by depth desc`,
  );
  const first = <K extends keyof SettingsRow>(key: K) => rows.find((r) => r[key] !== null)?.[key] ?? null;
  return {
    numberPrefix: (first('number_prefix') as string | null) ?? fallbackPrefix,
    calendar: (first('calendar') as WorkCalendar | null) ?? DEFAULT_CALENDAR,
    policies: (first('policies') as SlaPolicy[] | null) ?? DEFAULT_POLICIES,
    whistleMinutes: (first('whistle_minutes') as number | null) ?? DEFAULT_WHISTLE_MINUTES,
  };
}

/**
 * The number prefix `settingsFor` would give a place, as an SQL expression over its path (null
 * where nobody set one): lets intake learn it in the same query that finds the place.
 */
export const numberPrefixSqlOf = (placePath: SQL): SQL =>
  sql`(select s.number_prefix from case_settings s
       where s.place_id = any(string_to_array(trim(both '/' from ${placePath}), '/')::uuid[]) and s.number_prefix is not null
       order by array_position(string_to_array(trim(both '/' from ${placePath}), '/')::uuid[], s.place_id) desc limit 1)`;
