/** What the API answers with: shared by the service that builds it and the web app that shows it. */

export interface Unit {
  placeId: string;
  nameZh: string;
  nameEn: string;
  residents: number;
  established: number;
  new: number;
}

export interface Overview {
  place: { id: string; nameZh: string; nameEn: string } | null;
  places: number;
  households: number;
  residents: number;
  established: number;
  new: number;
  partyMembers: number;
  byAgeGroup: Record<string, number>;
  byVulnerableGroup: Record<string, number>;
  /** The places one level down (or the actor's places when none was chosen), for a chart. */
  units: Unit[];
}
