/**
 * Who a poll asks, and the resident attributes its results are broken down by. Pure.
 */

/** Optional groups within a poll's place: everyone there, or one kind of resident. */
export const TARGET_GROUPS = ['everyone', 'new_residents', 'established_residents', 'elderly_households', 'party_members'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** A household counts as one with elderly members from this age (China's statutory old age). */
export const ELDERLY_AGE = 60;

export const AGE_GROUPS = ['under_30', '30_44', '45_59', '60_74', '75_plus', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export function ageGroupOf(birthYear: number | null, year: number): AgeGroup {
  if (birthYear === null) return 'unknown';
  const age = year - birthYear;
  return age < 30 ? 'under_30' : age < 45 ? '30_44' : age < 60 ? '45_59' : age < 75 ? '60_74' : '75_plus';
}

/** The attributes a breakdown may use; each response carries them as the resident stood when answering. */
export const BREAKDOWNS = ['community', 'age_group', 'residency', 'gender'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface Attributes {
  community: string;
  age_group: AgeGroup;
  residency: string;
  gender: string;
}
