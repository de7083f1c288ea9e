import { and, desc, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize } from '../../platform/authorize.js';
import { can, EVERYWHERE, scopesFor } from '../../platform/access.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { places } from '../places/schema.js';
import { checkDefinition, type Definition } from './questionnaire.js';
import { questionnaires, questionnaireVersions } from './schema.js';

export interface QuestionnaireView {
  id: string;
  placeId: string;
  title: string;
  version: number;
  definition: Definition;
}

const checked = (definition: Definition): Definition => {
  const problems = checkDefinition(definition);
  if (problems.length > 0) fail('poll_definition_invalid', { problems: problems.map((p) => `${p.at}: ${p.code}`) });
  return definition;
};

export async function createQuestionnaire(ctx: Ctx, input: { placeId: string; title: string; definition: Definition }): Promise<QuestionnaireView> {
  return ctx.db.transaction(async (tx) => {
    const [place] = await tx.select({ id: places.id, path: places.path }).from(places).where(eq(places.id, input.placeId));
    if (!place) return fail('place_not_found');
    // The place first: someone outside it learns nothing, not even what is wrong with the questions.
    authorize(ctx, 'polls.manage', place.path);
    const definition = checked(input.definition);
    const id = newId();
    await tx.insert(questionnaires).values({ id, placeId: place.id, title: input.title.trim(), createdBy: ctx.actor.accountId });
    await tx.insert(questionnaireVersions).values({ questionnaireId: id, version: 1, definition });
    await recordAudit(tx, ctx, { action: 'questionnaire.create', entityType: 'questionnaire', entityId: id, place, after: { title: input.title, version: 1 } });
    return { id, placeId: place.id, title: input.title.trim(), version: 1, definition };
  });
}

/** The questionnaire with its latest version, if the caller may manage or read polls where it belongs. */
export async function getQuestionnaire(ctx: Ctx, id: string): Promise<QuestionnaireView> {
  const [row] = await queryRows<QuestionnaireView & { path: string }>(
    ctx.db,
    sql`select q.id, q.place_id as "placeId", q.title, v.version, v.definition, p.path
        from questionnaires q join places p on p.id = q.place_id
        join lateral (select version, definition from questionnaire_versions where questionnaire_id = q.id order by version desc limit 1) v on true
        where q.id = ${id}`,
  );
  if (!row || !(can(ctx.actor, 'polls.manage', row.path) || can(ctx.actor, 'polls.results', row.path))) return fail('questionnaire_not_found');
  const { path: _path, ...view } = row;
  return view;
}

/**
 * Changes the questions. While nobody has answered the latest version it is corrected in place;
 * once answers exist they keep the version they answered and the change becomes the next one.
 */
export async function reviseQuestionnaire(ctx: Ctx, id: string, input: { title?: string | undefined; definition: Definition }): Promise<QuestionnaireView> {
  return ctx.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ q: questionnaires, path: places.path })
      .from(questionnaires)
      .innerJoin(places, eq(places.id, questionnaires.placeId))
      .where(eq(questionnaires.id, id))
      .for('update', { of: questionnaires });
    if (!found || !can(ctx.actor, 'polls.manage', found.path)) return fail('questionnaire_not_found');
    // Checked after the place, as on creation: someone outside learns nothing of the questionnaire.
    const definition = checked(input.definition);
    const [latest] = await tx.select().from(questionnaireVersions).where(eq(questionnaireVersions.questionnaireId, id)).orderBy(desc(questionnaireVersions.version)).limit(1);
    const [{ answered } = { answered: false }] = await queryRows<{ answered: boolean }>(tx, sql`select exists (select 1 from poll_responses where version_id = ${latest!.id}) as answered`);
    const version = answered ? latest!.version + 1 : latest!.version;
    if (answered) await tx.insert(questionnaireVersions).values({ questionnaireId: id, version, definition });
    else await tx.update(questionnaireVersions).set({ definition }).where(and(eq(questionnaireVersions.id, latest!.id)));
    const title = input.title?.trim() || found.q.title;
    await tx.update(questionnaires).set({ title, updatedAt: ctx.now() }).where(eq(questionnaires.id, id));
    const place = { id: found.q.placeId, path: found.path };
    await recordAudit(tx, ctx, { action: 'questionnaire.revise', entityType: 'questionnaire', entityId: id, place, before: { version: latest!.version }, after: { version, title } });
    return { id, placeId: found.q.placeId, title, version, definition };
  });
}

export interface QuestionnaireSummary {
  id: string;
  placeId: string;
  placeNameZh: string;
  placeNameEn: string;
  title: string;
  version: number;
  updatedAt: string;
}

/** Questionnaires of the places where the caller builds polls, newest first: what a new poll can ask. */
export async function listQuestionnaires(ctx: Ctx): Promise<QuestionnaireSummary[]> {
  const scopes = scopesFor(ctx.actor, 'polls.manage');
  if (scopes.length === 0) return [];
  const inScope = scopes.includes(EVERYWHERE) ? sql`true` : sql.join(scopes.map((s) => sql`starts_with(p.path, ${s})`), sql` or `);
  const rows = await queryRows<QuestionnaireSummary>(
    ctx.db,
    sql`select q.id, q.place_id as "placeId", p.name_zh as "placeNameZh", p.name_en as "placeNameEn", q.title,
          (select max(version) from questionnaire_versions where questionnaire_id = q.id)::int as version, q.updated_at as "updatedAt"
        from questionnaires q join places p on p.id = q.place_id
        where ${inScope} order by q.updated_at desc, q.id desc limit 200`,
  );
  return rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() }));
}
