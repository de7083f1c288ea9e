import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { can } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { submitCase } from '../cases/intake.js';
import { maskName, maskPhone, normalizePhone } from '../people/rules.js';
import { loadDeputy, loadWorkstation } from './deputies.js';
import { visitCases, visits } from './schema.js';

/**
 * Visitor records of the workstations: who came, to which deputy, and the issue raised; and the
 * issue forwarded by a liaison as a request to a department through the cases intake.
 */

export interface VisitInput {
  visitorName: string;
  visitorPhone?: string | undefined;
  residentId?: string | undefined;
  deputyId?: string | undefined;
  receptionId?: string | undefined;
  issue: string;
  visitedAt?: Date | undefined;
}

export interface VisitView {
  id: string;
  workstationId: string;
  deputyId: string | null;
  deputyName: string | null;
  receptionId: string | null;
  visitorName: string;
  phoneMasked: string | null;
  issue: string;
  visitedAt: string;
  caseId: string | null;
  caseNumber: string | null;
}

export async function recordVisit(ctx: Ctx, workstationId: string, input: VisitInput): Promise<VisitView> {
  const workstation = await loadWorkstation(ctx, workstationId, 'deputies.visits');
  const phone = input.visitorPhone ? (normalizePhone(input.visitorPhone) ?? fail('phone_invalid')) : null;
  if (input.deputyId) await loadDeputy(ctx, input.deputyId);
  if (input.receptionId) {
    const [reception] = await queryRows<{ deputyId: string }>(ctx.db, sql`select deputy_id as "deputyId" from receptions where id = ${input.receptionId} and workstation_id = ${workstationId}`);
    if (!reception || (input.deputyId && input.deputyId !== reception.deputyId)) fail('reception_not_found');
  }
  if (input.residentId) {
    const [resident] = await queryRows<{ path: string }>(ctx.db, sql`select p.path from residents r join places p on p.id = r.place_id where r.id = ${input.residentId}`);
    // A visitor named as a resident is one the recorder may see.
    if (!resident || !can(ctx.actor, 'people.read', resident.path)) fail('resident_not_found');
  }
  const deputyId = input.deputyId ?? (input.receptionId ? (await queryRows<{ d: string }>(ctx.db, sql`select deputy_id as d from receptions where id = ${input.receptionId}`))[0]!.d : null);
  const id = newId();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(visits).values({
      id,
      workstationId,
      deputyId,
      receptionId: input.receptionId ?? null,
      residentId: input.residentId ?? null,
      visitorName: input.visitorName.trim(),
      phoneCipher: phone ? ctx.vault.seal(phone) : null,
      phoneMasked: phone ? maskPhone(phone) : null,
      issue: input.issue.trim(),
      visitedAt: input.visitedAt ?? ctx.now(),
      recordedBy: ctx.actor.accountId,
    });
    // The audit keeps no name or phone: those live on the record.
    await recordAudit(tx, ctx, { action: 'visit.record', entityType: 'workstation', entityId: workstationId, place: { id: workstation.placeId, path: workstation.path }, after: { visit: id } });
  });
  return (await readVisits(ctx, sql`v.id = ${id}`, true))[0]!;
}

async function readVisits(ctx: Ctx, where: ReturnType<typeof sql>, fullNames: boolean): Promise<VisitView[]> {
  const rows = await queryRows<VisitView>(
    ctx.db,
    sql`select v.id, v.workstation_id as "workstationId", v.deputy_id as "deputyId", d.name as "deputyName", v.reception_id as "receptionId",
          v.visitor_name as "visitorName", v.phone_masked as "phoneMasked", v.issue, v.visited_at as "visitedAt",
          vc.case_id as "caseId", c.number as "caseNumber"
        from visits v left join deputies d on d.id = v.deputy_id left join visit_cases vc on vc.visit_id = v.id left join cases c on c.id = vc.case_id
        where ${where} order by v.visited_at desc, v.id desc limit 200`,
  );
  // Those who only read the workstations' work see initials, not names.
  return rows.map((r) => ({ ...r, visitorName: fullNames ? r.visitorName : maskName(r.visitorName), visitedAt: new Date(r.visitedAt).toISOString() }));
}

export async function listVisits(ctx: Ctx, workstationId: string): Promise<VisitView[]> {
  const workstation = await loadWorkstation(ctx, workstationId, 'deputies.read');
  return readVisits(ctx, sql`v.workstation_id = ${workstationId}`, can(ctx.actor, 'deputies.visits', workstation.path));
}

/**
 * Forwards a visitor's issue as a request to a department, once: the case is made by the cases
 * intake on the deputy channel, with the visitor as its contact (so the department can call
 * back), in the visitor's community when they are a known resident, else at the workstation.
 */
export async function forwardVisit(ctx: Ctx, visitId: string, input: { description?: string | undefined }): Promise<{ caseId: string; number: string }> {
  const [visit] = await queryRows<{ workstationId: string; residentPlace: string | null; residentPath: string | null; visitorName: string; phoneCipher: string | null; issue: string; forwarded: boolean }>(
    ctx.db,
    sql`select v.workstation_id as "workstationId", r.place_id as "residentPlace", rp.path as "residentPath", v.visitor_name as "visitorName", v.phone_cipher as "phoneCipher", v.issue,
          exists (select 1 from visit_cases vc where vc.visit_id = v.id) as forwarded
        from visits v left join residents r on r.id = v.resident_id left join places rp on rp.id = r.place_id where v.id = ${visitId}`,
  );
  if (!visit) return fail('visit_not_found');
  const workstation = await loadWorkstation(ctx, visit.workstationId, 'deputies.visits').catch(() => fail('visit_not_found'));
  authorize(ctx, 'cases.intake', workstation.path);
  if (visit.forwarded) fail('visit_already_forwarded');
  const made = await submitCase(
    ctx,
    {
      placeId: visit.residentPlace && can(ctx.actor, 'cases.intake', visit.residentPath!) ? visit.residentPlace : workstation.placeId,
      description: input.description?.trim() || visit.issue,
      channel: 'deputy',
      contactName: visit.visitorName,
      contactPhone: visit.phoneCipher ? ctx.vault.open(visit.phoneCipher) : undefined,
    },
    `visit-${visitId}`,
  );
  const [claimed] = await ctx.db.insert(visitCases).values({ visitId, caseId: made.id, forwardedBy: ctx.actor.accountId }).onConflictDoNothing().returning();
  if (!claimed && !made.replayed) fail('visit_already_forwarded');
  await recordAudit(ctx.db, ctx, { action: 'visit.forward', entityType: 'workstation', entityId: workstation.id, place: { id: workstation.placeId, path: workstation.path }, after: { visit: visitId, case: made.number } });
  return { caseId: made.id, number: made.number };
}
