import { api, query } from '../../api/client';
import type { Place } from '../../api/types';

/** The places directly under a parent (the top level for null), shared by the list, the tree and the picker. */
export const childrenQuery = (parentId: string | null) => ({
  queryKey: ['places', parentId],
  queryFn: () => api.get<{ items: Place[] }>(`/api/places${query({ parentId })}`),
});

/** One place with its ancestors, top first. */
export const placeQuery = (placeId: string | null | undefined) => ({
  queryKey: ['place', placeId],
  queryFn: () => api.get<{ place: Place; ancestors: Place[] }>(`/api/places/${placeId}`),
  enabled: !!placeId,
});
