/** What the API answers with: shared by the services that build it and the web app that shows it. */
import type { Action, CaseStatus, Channel, Priority, Rating } from './workflow.js';

export interface DepartmentRef {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface CaseEventView {
  id: string;
  at: string;
  kind: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  /** Staff see who; requesters see the department or "the hotline", never a person's account. */
  actorName: string;
  department: DepartmentRef | null;
  public: boolean;
  body: string | null;
  data: Record<string, unknown> | null;
}

export interface WhistleCallView {
  id: string;
  department: DepartmentRef;
  calledAt: string;
  windowMinutes: number;
  dueAt: string;
  checkedInAt: string | null;
  position: { lat: number; lng: number } | null;
  duty: 'waiting' | 'on_time' | 'late' | 'absent';
  minutesTaken: number | null;
  evaluation: string | null;
  evaluationComment: string | null;
}

/** How the caller stands towards the case: decides which buttons the web app shows. */
export interface CaseRole {
  dispatcher: boolean;
  /** The department the caller works for, when it holds or helps with the case. */
  department: 'holder' | 'helper' | null;
  requester: boolean;
  whistle: boolean;
}

export interface CaseSummary {
  id: string;
  number: string;
  status: CaseStatus;
  priority: Priority;
  channel: Channel;
  description: string;
  placeId: string;
  placeNameZh: string;
  placeNameEn: string;
  address: string;
  department: DepartmentRef | null;
  suggestedDepartment: DepartmentRef | null;
  suggestedConfidence: number | null;
  receivedAt: string;
  /** The next deadline that matters in the case's state, if any. */
  dueAt: string | null;
  escalationLevel: number;
  mergedIntoNumber: string | null;
  /** The case this one was joined into: its requester follows that one. */
  mergedIntoId: string | null;
}

export interface CaseView extends CaseSummary {
  cityId: string;
  lat: number | null;
  lng: number | null;
  photos: string[];
  category: { id: string; code: string; nameZh: string; nameEn: string } | null;
  handoffTo: DepartmentRef | null;
  helpers: DepartmentRef[];
  /** Masked unless the caller needs the contact; null when the requester stays anonymous to the caller. */
  contactName: string | null;
  contactPhone: string | null;
  anonymous: boolean;
  mayContact: boolean;
  acceptBy: string | null;
  onSceneBy: string | null;
  resolveBy: string | null;
  acceptedAt: string | null;
  onSceneAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  rating: Rating | null;
  ratingComment: string | null;
  mergedFrom: string[];
  timeline: CaseEventView[];
  whistle: WhistleCallView[];
  role: CaseRole;
  actions: Action[];
}
