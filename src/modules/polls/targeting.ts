import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { ELDERLY_AGE, type TargetGroup } from './attributes.js';

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
