import pg from 'pg';
import { TALLY_COLUMNS } from '../src/modules/cases/tallies.js';
import { startingExamples } from '../src/modules/cases/training/examples.js';

/**
 * Cases generated in SQL (generate_series) straight into a database that the app migrated and
 * loaded with the demo set: a year of a Shenzhen one-number line spread over the demo's Shenzhen
 * communities and departments, with the statuses, deadlines, ratings, returns and reopenings the
 * evaluation counts. Foreign-key, append-only and tally triggers are off while generating
 * (session_replication_role = replica): the rows are consistent by construction and a million
 * trigger calls would only slow the set-up, not the figures measured afterwards. The evaluation's
 * tallies of the new rows are then added in one statement, as the trigger would have.
 */

export interface Demo {
  cityId: string;
  districtId: string;
  /** Zhaoshang Subdistrict, the dashboard's subdistrict. */
  subdistrictId: string;
  communityIds: string[];
  departmentIds: string[];
}

export async function demoOf(client: pg.Client): Promise<Demo> {
  const one = async (text: string, values: unknown[] = []) => (await client.query<{ id: string }>(text, values)).rows;
  const [city] = await one(`select id from places where code = '440300' and level = 'city'`);
  const [district] = await one(`select id from places where code = '440305' and parent_id = $1`, [city!.id]);
  const [subdistrict] = await one(`select id from places where code = 'ZS' and parent_id = $1`, [district!.id]);
  const communities = await one(`select id from places where level = 'community' and starts_with(path, (select path from places where id = $1)) order by code`, [city!.id]);
  const departments = await one(`select id from departments where place_id = $1 and retired_at is null order by code`, [city!.id]);
  return { cityId: city!.id, districtId: district!.id, subdistrictId: subdistrict!.id, communityIds: communities.map((r) => r.id), departmentIds: departments.map((r) => r.id) };
}

const TEXTS = startingExamples()
  .map((e) => e.text)
  .filter((t) => /[\u4e00-\u9fff]/.test(t));

/** Runs `work` with triggers off (see above), tallies the new cases (serials `from`..`to` numbered `like`) and ANALYZEs them. */
async function generating(client: pg.Client, rows: { like: string; from: number; to: number }, work: () => Promise<void>): Promise<void> {
  await client.query(`set session_replication_role = replica`);
  try {
    await work();
  } finally {
    await client.query(`set session_replication_role = origin`);
  }
  await client.query(
    `insert into case_tallies
     select t.place_id, t.department_id, t.day, ${TALLY_COLUMNS.map((c) => `sum(t.${c})`).join(', ')}
     from cases c cross join lateral case_tally(c, 1) t
     where c.number like $1 and substring(c.number from 10)::int between $2 and $3
     group by t.place_id, t.department_id, t.day`,
    [rows.like, rows.from, rows.to],
  );
  await client.query(`vacuum analyze cases`);
}

/**
 * Serials `from`..`to` (inclusive) of a year of cases: received uniformly over the last 365 days;
 * old ones mostly closed or resolved, recent ones still in the workflow; deadlines of 4 hours to
 * accept, a day to be on the scene (for half), 5 days to resolve, mostly kept; three quarters of
 * closed cases rated; 5% returned once, 2% reopened, 1% merged.
 */
export async function generateYear(client: pg.Client, demo: Demo, from: number, to: number, chunk = 200_000): Promise<void> {
  await generating(client, { like: 'NS-____-B%', from, to }, async () => {
    for (let start = from; start <= to; start += chunk) {
      const end = Math.min(to, start + chunk - 1);
      await client.query(
        `insert into cases (id, number, city_id, place_id, channel, status, priority, description, address, department_id,
           suggested_department_id, suggested_confidence, escalation_level, next_escalation_at, reopen_count, return_count, rating,
           received_at, dispatched_at, accept_by, accepted_at, on_scene_by, on_scene_at, resolve_by, resolved_at, closed_at, created_at, updated_at)
         select gen_random_uuid(), 'NS-' || to_char(recv, 'YYYY') || '-B' || lpad(g::text, 8, '0'), $1::uuid,
           ($2::uuid[])[1 + floor(u_place * cardinality($2::uuid[]))::int],
           (array['phone','phone','phone','web','web','walk_in','patrol','liaison','deputy','open311'])[1 + floor(u_misc * 10)::int]::case_channel,
           status,
           case when u_time < 0.05 then 'urgent' when u_time < 0.15 then 'high' when u_time < 0.95 then 'normal' else 'low' end::case_priority,
           ($3::text[])[1 + g % cardinality($3::text[])], '南山区某路 ' || (g % 500) || ' 号',
           case when disp is not null and status <> 'returned' then dept end,
           case when u_rating < 0.85 then dept else ($4::uuid[])[1 + floor(u_time * cardinality($4::uuid[]))::int] end, 0.3 + u_rating * 0.6,
           case when open and due < now() then 2 else 0 end,
           case when open and due >= now() then due end,
           case when status = 'reopened' or (u_misc < 0.02 and status in ('closed', 'resolved')) then 1 else 0 end,
           case when status = 'returned' or (u_misc > 0.95 and disp is not null) then 1 else 0 end,
           case when status = 'closed' and u_rating < 0.75 then
             (case when u_time < 0.72 then 'satisfied' when u_time < 0.92 then 'basically_satisfied' else 'dissatisfied' end)::case_rating end,
           recv, disp, accept_by, case when accepted > now() then now() else accepted end, on_scene_by, case when on_scene > now() then now() else on_scene end, resolve_by, case when resolved > now() then now() else resolved end, case when closed > now() then now() else closed end, recv,
           least(coalesce(closed, resolved, accepted, disp, recv), now())
         from (
           select w.*,
             status in ('received','dispatched','accepted','on_scene','returned','suspended','reopened') as open,
             case when status in ('dispatched','reopened') then accept_by
                  when status = 'accepted' then coalesce(on_scene_by, resolve_by)
                  when status = 'on_scene' then resolve_by end as due,
             case when status in ('on_scene') or (status in ('resolved','closed') and on_scene_by is not null) then accepted + (30 + u_time * 570) * interval '1 minute' end as on_scene
           from (
             select v.*,
               case when status = 'received' then null else disp_at end as disp,
               case when status in ('received', 'returned') then null else disp_at + interval '4 hours' end as accept_by,
               case when status in ('received', 'returned') or u_misc >= 0.5 then null else disp_at + interval '1 day' end as on_scene_by,
               case when status in ('received', 'returned') then null else disp_at + interval '5 days' end as resolve_by,
               case when status in ('accepted','on_scene','resolved','closed','reopened') then disp_at + (20 + u_time * (case when u_time < 0.85 then 200 else 900 end)) * interval '1 minute' end as accepted,
               case when status in ('resolved','closed','reopened') then disp_at + (80 + u_rating * (case when u_rating < 0.8 then 5760 else 17280 end)) * interval '1 minute' end as resolved,
               case when status = 'closed' then disp_at + (200 + u_rating * 17280 + 60 + u_time * 2880) * interval '1 minute' end as closed
             from (
               select u.*, u.recv + (5 + u_time * 85) * interval '1 minute' as disp_at,
                 (case
                   when now() - recv < interval '30 minutes' then 'received'
                   when u_misc < 0.01 then 'merged'
                   when now() - recv > interval '14 days' then
                     case when u_status < 0.80 then 'closed' when u_status < 0.90 then 'resolved' when u_status < 0.93 then 'returned'
                          when u_status < 0.96 then 'accepted' when u_status < 0.98 then 'on_scene' else 'suspended' end
                   else
                     case when u_status < 0.35 then 'closed' when u_status < 0.55 then 'resolved' when u_status < 0.65 then 'dispatched'
                          when u_status < 0.80 then 'accepted' when u_status < 0.90 then 'on_scene' when u_status < 0.95 then 'returned' else 'reopened' end
                 end)::case_status as status,
                 ($4::uuid[])[1 + floor(u_dept * cardinality($4::uuid[]))::int] as dept
               from (
                 select g, now() - random() * interval '365 days' as recv, random() as u_status, random() as u_place, random() as u_dept,
                   random() as u_time, random() as u_rating, random() as u_misc
                 from generate_series($5::int, $6::int) g
               ) u
             ) v
           ) w
         ) x`,
        [demo.cityId, demo.communityIds, TEXTS, demo.departmentIds, start, end],
      );
    }
  });
}

/**
 * Serials `from`..`to` of open dispatched cases for the sweep: next_escalation_at (= the accept-by
 * deadline) spread over the next month, except every hundredth, which fell due in the last hour
 * and, once escalated, is next due two hours after its deadline (in the future: one sweep
 * escalates each once).
 */
export async function generateOpen(client: pg.Client, demo: Demo, from: number, to: number, chunk = 200_000): Promise<void> {
  await generating(client, { like: 'NS-2026-S%', from, to }, async () => {
    for (let start = from; start <= to; start += chunk) {
      const end = Math.min(to, start + chunk - 1);
      await client.query(
        `insert into cases (id, number, city_id, place_id, channel, status, priority, description, address, department_id, suggested_department_id,
           escalation_level, next_escalation_at, received_at, dispatched_at, accept_by, resolve_by, created_at, updated_at)
         select gen_random_uuid(), 'NS-2026-S' || lpad(g::text, 8, '0'), $1::uuid, ($2::uuid[])[1 + g % cardinality($2::uuid[])], 'phone', 'dispatched', 'normal',
           ($3::text[])[1 + g % cardinality($3::text[])], '南山区某路 ' || (g % 500) || ' 号', dept, dept,
           0, due, due - interval '2 hours 30 minutes', due - interval '2 hours', due, due + interval '5 days', due - interval '2 hours 30 minutes', due - interval '2 hours'
         from (
           select g, ($4::uuid[])[1 + g % cardinality($4::uuid[])] as dept,
             case when g % 100 = 0 then now() - random() * interval '1 hour' else now() + interval '1 minute' + random() * interval '30 days' end as due
           from generate_series($5::int, $6::int) g
         ) s`,
        [demo.cityId, demo.communityIds, TEXTS, demo.departmentIds, start, end],
      );
    }
  });
}

/** Puts the cases the sweep escalated back as they were, so that the next sweep has the same work. */
export async function undoEscalations(client: pg.Client): Promise<void> {
  await client.query(`update cases set escalation_level = 0, next_escalation_at = accept_by where escalation_level > 0 and number like 'NS-2026-S%'`);
  await client.query(`vacuum analyze cases`);
}
