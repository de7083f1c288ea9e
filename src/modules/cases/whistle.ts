/**
 * "The town blows the whistle, departments report for duty" (乡镇吹哨、部门报到): each department
 * called must check in on the scene within its window. Pure.
 */

export interface WhistleCall {
  calledAt: Date;
  windowMinutes: number;
  checkedInAt: Date | null;
}

export type Duty = 'waiting' | 'on_time' | 'late' | 'absent';

const dueAt = (call: WhistleCall) => call.calledAt.getTime() + call.windowMinutes * 60_000;

/** Still waiting inside the window, checked in on time or late, or absent once the window passed. */
export function dutyStatus(call: WhistleCall, now: Date): Duty {
  if (call.checkedInAt) return call.checkedInAt.getTime() <= dueAt(call) ? 'on_time' : 'late';
  return now.getTime() <= dueAt(call) ? 'waiting' : 'absent';
}

export interface Position {
  lat: number;
  lng: number;
}

const EARTH_RADIUS_M = 6_371_000;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Distance over the earth's surface, in metres. */
export function haversineMeters(a: Position, b: Position): number {
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** How far from the reported spot a check-in still counts as on the scene (phone GPS is rough in old lanes). */
export const CHECK_IN_RADIUS_M = 500;

/** Why a check-in is refused, or null: once only, and on the scene when the case has a position. */
export function checkInProblem(
  call: WhistleCall,
  position: Position,
  scene: Position | null,
  radiusMeters = CHECK_IN_RADIUS_M,
): { code: 'whistle_already_checked_in' } | { code: 'whistle_check_in_too_far'; details: { distance: number } } | null {
  if (call.checkedInAt) return { code: 'whistle_already_checked_in' };
  if (scene) {
    const distance = Math.round(haversineMeters(position, scene));
    if (distance > radiusMeters) return { code: 'whistle_check_in_too_far', details: { distance } };
  }
  return null;
}
