import type { CouncilRole, MemberFacts } from './composition.js';

/**
 * One change to a council's membership applied to its current members, without the database:
 * so the dry run and the real change see exactly the same result. Pure.
 */
export interface Seat extends MemberFacts {
  id: string;
  name: string;
  accountId: string | null;
}

export interface NewMember {
  name: string;
  accountId?: string | undefined;
  role: CouncilRole;
  partyMember: boolean;
  kind: string;
  sectors?: string[] | undefined;
  tags?: string[] | undefined;
  termStart: string;
  termEnd?: string | undefined;
}

export interface Change {
  add?: NewMember[] | undefined;
  end?: { memberId: string; reason?: string | undefined }[] | undefined;
  change?: { memberId: string; role?: CouncilRole | undefined; partyMember?: boolean | undefined; kind?: string | undefined; sectors?: string[] | undefined; tags?: string[] | undefined }[] | undefined;
}

export type ChangeProblem =
  | { code: 'council_member_not_found'; memberId: string }
  | { code: 'council_member_repeated'; memberId: string }
  | { code: 'council_account_taken'; accountId: string };

export type Applied = { ok: true; members: Seat[] } | { ok: false; problem: ChangeProblem };

/** The members after the change; new members get the ids `newIds` gives them, in order. */
export function applyChange(current: readonly Seat[], change: Change, newIds: readonly string[]): Applied {
  const byId = new Map(current.map((m) => [m.id, m]));
  const touched = [...(change.end ?? []).map((e) => e.memberId), ...(change.change ?? []).map((c) => c.memberId)];
  const seen = new Set<string>();
  for (const id of touched) {
    if (!byId.has(id)) return { ok: false, problem: { code: 'council_member_not_found', memberId: id } };
    if (seen.has(id)) return { ok: false, problem: { code: 'council_member_repeated', memberId: id } };
    seen.add(id);
  }
  const ended = new Set((change.end ?? []).map((e) => e.memberId));
  const edits = new Map((change.change ?? []).map((c) => [c.memberId, c]));
  const kept: Seat[] = current
    .filter((m) => !ended.has(m.id))
    .map((m) => {
      const edit = edits.get(m.id);
      if (!edit) return m;
      return {
        ...m,
        role: edit.role ?? m.role,
        partyMember: edit.partyMember ?? m.partyMember,
        kind: edit.kind ?? m.kind,
        sectors: edit.sectors ?? m.sectors,
        tags: edit.tags ?? m.tags,
      };
    });
  const added: Seat[] = (change.add ?? []).map((n, i) => ({
    id: newIds[i]!,
    name: n.name.trim(),
    accountId: n.accountId ?? null,
    role: n.role,
    partyMember: n.partyMember,
    kind: n.kind,
    sectors: n.sectors ?? [],
    tags: n.tags ?? [],
  }));
  const after = [...kept, ...added];
  // One account holds one seat: it is how the member votes, once.
  const accounts = new Set<string>();
  for (const m of after) {
    if (!m.accountId) continue;
    if (accounts.has(m.accountId)) return { ok: false, problem: { code: 'council_account_taken', accountId: m.accountId } };
    accounts.add(m.accountId);
  }
  return { ok: true, members: after };
}
