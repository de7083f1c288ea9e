import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { ELDERLY_AGE, TARGET_GROUPS, type TargetGroup } from './attributes.js';

/**
 * The condition that a resident (alias `r`, place alias `rp`) is in a poll's group. One place
 * for it, so the population counted when the poll is made, the sample drawn and the check at
 * answering time cannot disagree. The year may be a placeholder of a prepared statement.
 */
export function inGroup(group: TargetGroup, year: number | SQLWrapper): SQL {
  switch (group) {
    case 'everyone':
      return sql`true`;
    case 'new_residents':
      return sql`r.residency = 'new'`;
    case 'established_residents':
      return sql`r.residency = 'established'`;
    case 'party_members':
      return sql`r.party_member`;
    case 'elderly_households':
      return sql`exists (select 1 from residents e where e.household_id = r.household_id and e.birth_year <= ${year}::int - ${ELDERLY_AGE})`;
  }
}

/**
 * Whether a poll (alias `p`, its place `pl`) asks a resident (alias `r`, his place `rp`): he lives
 * in its place, is in its sample when it draws one, and is in its group this year.
 */
export function pollAsks(year: number | SQLWrapper): SQL {
  return sql`(starts_with(rp.path, pl.path)
    and (not p.sampled or exists (select 1 from poll_sample s where s.poll_id = p.id and s.resident_id = r.id))
    and case p.target_group ${sql.join(
      TARGET_GROUPS.map((g) => sql`when ${g} then ${inGroup(g, year)}`),
      sql` `,
    )} else false end)`;
}
