import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { conversationGroups, freshGroups, nextStatement, openConversation, voteOnStatement } from '../src/modules/councils/conversations.js';
import { createCouncil } from '../src/modules/councils/councils.js';
import type { Actor } from '../src/platform/access.js';
import { type Ctx, makeDeps, systemContext } from '../src/platform/context.js';
import { demoTemplate } from './cases-scale.js';
import { createDatabase, databaseUrlOf, dropDatabase, machine, median, medianOf, ROOT, round, serverEnv, timed, waitForQuiet } from './cases-support.js';

/**
 * A statement-voting discussion at the size issue 4 names, on PostgreSQL through the use cases:
 * 10,000 participants × 1,000 statements, each participant having voted on BENCH_VOTES_EACH of
 * them (default 100: 1,000,000 votes) in three camps with a shared core. "Interactive" means a
 * participant's next statement and vote come back at once, and the opinion groups follow the
 * votes: measured are the next statement, a vote, and the groups recomputed after a new vote
 * (the cached read too), each beside a limit from the same run:
 *
 *   next statement and vote: one indexed primary-key insert of a vote row, bare pg
 *   groups: reading the discussion's votes alone, bare pg (any analysis reads them once)
 *
 *   npx tsc -p tsconfig.build.json && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/discussion.ts
 */
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 10_000);
const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 1_000);
const EACH = Number(process.env.BENCH_VOTES_EACH ?? 100);
const log = (line: string) => process.stderr.write(`[discussion] ${line}\n`);
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server where scratch databases may be made.');
  log('demo template');
  const template = await demoTemplate(serverUrl);
  const name = `tongxin_bench_discussion_${process.pid}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-discussion-'));
  try {
    await createDatabase(serverUrl, name, template);
    const url = databaseUrlOf(serverUrl, name);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const database = await openDatabase({ databaseUrl: url, dataDir });
    try {
      const deps = makeDeps(loadConfig(serverEnv(url, dataDir)), database);
      const system = systemContext(deps, 'bench');
      const [village] = (await client.query<{ id: string; path: string }>(`select id, path from places where level = 'community' order by path limit 1`)).rows;
      const council = await createCouncil(system, { placeId: village!.id, name: '基准测试议事会', typeCode: 'sanyuanli-hall' });
      const discussion = await openConversation(system, council.id, { title: '基准测试讨论', prompt: '大家怎么看？' });

      log(`generating ${PARTICIPANTS.toLocaleString('en')} participants, ${STATEMENTS.toLocaleString('en')} statements, ${(PARTICIPANTS * EACH).toLocaleString('en')} votes`);
      const started = performance.now();
      await client.query(
        `insert into accounts (id, username, display_name, place_id, password_hash)
         select gen_random_uuid(), 'bench-' || g, 'bench ' || g, $1, 'x' from generate_series(0, $2::int - 1) g`,
        [village!.id, PARTICIPANTS],
      );
      await client.query(
        `insert into conversation_statements (id, conversation_id, text, created_at)
         select gen_random_uuid(), $1, 'statement ' || g, now() + g * interval '1 ms' from generate_series(0, $2::int - 1) g`,
        [discussion.id, STATEMENTS],
      );
      // Statements below 5% of the list are agreed by all; the rest split by the participant's camp.
      await client.query(
        `with a as (select id, (row_number() over (order by username))::int - 1 as p from accounts where username like 'bench-%'),
              s as (select id, (row_number() over (order by created_at))::int - 1 as j from conversation_statements where conversation_id = $1),
              picks as (select a.id as account_id, a.p, (hashint4(a.p * 7919 + k) & 2147483647) % $2 as j from a, generate_series(0, $3::int - 1) k)
         insert into conversation_votes (conversation_id, statement_id, account_id, value)
         select $1, s.id, picks.account_id,
           case when (hashint4(picks.p * 31 + s.j) & 1023) < 1024 * (case when s.j < $2 * 0.05 then 0.85 when s.j % 3 = picks.p % 3 then 0.8 else 0.15 end) then 1
                when (hashint4(picks.p * 31 + s.j) & 1023) < 1024 * (case when s.j < $2 * 0.05 then 0.95 when s.j % 3 = picks.p % 3 then 0.9 else 0.25 end) then 0
                else -1 end
         from picks join s on s.j = picks.j
         on conflict do nothing`,
        [discussion.id, STATEMENTS, EACH],
      );
      // The counts and participants the votes' own transactions would have kept.
      await client.query(
        `update conversation_statements s set agree = c.agree, disagree = c.disagree, pass = c.pass
         from (select statement_id, count(*) filter (where value = 1) as agree, count(*) filter (where value = -1) as disagree, count(*) filter (where value = 0) as pass
               from conversation_votes where conversation_id = $1 group by statement_id) c
         where c.statement_id = s.id`,
        [discussion.id],
      );
      await client.query(`insert into conversation_participants (conversation_id, account_id) select distinct $1::uuid, account_id from conversation_votes where conversation_id = $1`, [discussion.id]);
      await client.query('vacuum analyze conversation_votes');
      await client.query('vacuum analyze conversation_statements');
      const votes = (await client.query<{ n: number }>('select count(*)::int as n from conversation_votes where conversation_id = $1', [discussion.id])).rows[0]!.n;
      const generateSeconds = round((performance.now() - started) / 1000);
      log(`generated ${votes.toLocaleString('en')} votes in ${generateSeconds} s`);

      // A participant who has voted on few statements, as one who has just joined.
      const participants = (await client.query<{ id: string }>(`select id from accounts where username like 'bench-%' order by username limit 200`)).rows;
      let turn = 0;
      const asParticipant = (): Ctx => {
        const accountId = participants[turn++ % participants.length]!.id;
        const actor: Actor = { accountId, username: accountId, displayName: accountId, residentId: null, grants: [{ role: 'resident', placeId: village!.id, placePath: village!.path }], via: 'session' };
        return { ...system, actor };
      };

      await waitForQuiet(30);
      const load = { before: loadAverage() };
      const nextMs = await medianOf(21, 3, () => nextStatement(asParticipant(), discussion.id));
      const voteMs = await medianOf(21, 3, async () => {
        const ctx = asParticipant();
        const { statement } = await nextStatement(ctx, discussion.id);
        if (statement) await voteOnStatement(ctx, statement.id, 1);
      });
      const bareInsertMs = await medianOf(21, 3, () =>
        client.query(
          `insert into conversation_votes (conversation_id, statement_id, account_id, value)
           select $1, s.id, a.id, 1 from conversation_statements s, accounts a
           where s.conversation_id = $1 and a.username = 'bench-' || (9000 + floor(random() * 1000)::int)
           order by random() limit 1 on conflict do nothing`,
          [discussion.id],
        ),
      );
      // A grouping made from every vote, as the background refresh makes it.
      let last: Awaited<ReturnType<typeof freshGroups>> | undefined;
      const groupsMs = await medianOf(3, 1, async () => void (last = await freshGroups(deps.db, discussion.id)));
      // What a reader waits for after a new vote: the counts and statements as they stand, with the last groups.
      await conversationGroups(deps.db, discussion.id, new Date());
      const readAfterVoteRuns: number[] = [];
      for (let run = 0; run < 8; run++) {
        const ctx = asParticipant();
        const { statement } = await nextStatement(ctx, discussion.id);
        if (statement) await voteOnStatement(ctx, statement.id, 0);
        const ms = await timed(() => conversationGroups(deps.db, discussion.id, new Date()));
        if (run > 0) readAfterVoteRuns.push(round(ms));
        // Let the refresh it started finish before the next vote, as reads are seconds apart.
        await new Promise((resolve) => setTimeout(resolve, 6_000));
      }
      const readAfterVoteMs = { medianMs: median(readAfterVoteRuns), runsMs: readAfterVoteRuns };
      const readVotesMs = await medianOf(3, 1, () => client.query('select account_id, statement_id, value from conversation_votes where conversation_id = $1', [discussion.id]));
      const figures = {
        machine: machine(),
        load: { ...load, after: loadAverage() },
        participants: PARTICIPANTS,
        statements: STATEMENTS,
        votes,
        generateSeconds,
        nextStatementMs: nextMs,
        nextAndVoteMs: voteMs,
        limitBareVoteInsertMs: bareInsertMs,
        freshGroupsMs: groupsMs,
        readAfterNewVoteMs: readAfterVoteMs,
        limitReadVotesMs: readVotesMs,
        groupsFound: last!.groups.map((g) => g.size),
        consensusShown: last!.consensus.length,
      };
      console.log(figures);
      mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
      writeFileSync(path.join(ROOT, 'bench/results/discussion.json'), `${JSON.stringify(figures, null, 2)}\n`);
      writeFileSync(path.join(ROOT, 'bench/results/discussion.md'), markdown(figures));
      log('wrote bench/results/discussion.{json,md}');
    } finally {
      await client.end();
      await database.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase(serverUrl, name);
    await dropDatabase(serverUrl, template);
  }
}

type Timing = { medianMs: number; runsMs: number[] };

function markdown(f: { participants: number; statements: number; votes: number; generateSeconds: number; load: { before: number[]; after: number[] }; nextStatementMs: Timing; nextAndVoteMs: Timing; limitBareVoteInsertMs: Timing; freshGroupsMs: Timing; readAfterNewVoteMs: Timing; limitReadVotesMs: Timing; groupsFound: number[]; consensusShown: number; machine: ReturnType<typeof machine> }): string {
  const ms = (t: Timing) => `${round(t.medianMs)} ms`;
  return `# Statement voting on PostgreSQL, through the use cases

${f.participants.toLocaleString('en')} participants × ${f.statements.toLocaleString('en')} statements, ${f.votes.toLocaleString('en')} votes in three camps with a shared core (generated in SQL in ${f.generateSeconds} s); ${f.machine.cpus} × ${f.machine.cpuModel}, Node ${f.machine.node}. Load average ${f.load.before.join(' / ')} before, ${f.load.after.join(' / ')} after (1 / 5 / 15 min).

| what | median | limit in the same run |
| --- | --- | --- |
| the next statement for a participant (least-voted among those not yet voted on) | ${ms(f.nextStatementMs)} | |
| next statement and a vote on it (the vote answers with what is left) | ${ms(f.nextAndVoteMs)} | bare insert of one vote row: ${ms(f.limitBareVoteInsertMs)} |
| the discussion page's data after a new vote: counts and statements as they stand, the last groups (a new grouping starts in the background) | ${ms(f.readAfterNewVoteMs)} | |
| a new grouping from every vote: read them, PCA, k-means k = 2…5, consensus | ${ms(f.freshGroupsMs)} | reading the votes alone: ${ms(f.limitReadVotesMs)} |

Groups found: ${f.groupsFound.join(', ')} participants; ${f.consensusShown} consensus statements shown (at most 10).

Up to 20,000 votes a reader waits for a new grouping (a small fraction of a second there); above that the page answers with the last grouping and says how many votes it was made from, while one new grouping per process is made in the background.
`;
}

await main();
