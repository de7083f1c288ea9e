import type { PlaceLevel } from './rules.js';

/** What the API answers with: shared by the service that builds it and the web app that shows it. */

export interface PlaceView {
  id: string;
  parentId: string | null;
  level: PlaceLevel;
  code: string;
  nameZh: string;
  nameEn: string;
  path: string;
  childCount: number;
}
