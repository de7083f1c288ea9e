import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { findBank } from '../src/modules/merit/banks.js';
import { canonicalEntry, entryHash, GENESIS } from '../src/modules/merit/chain.js';
import { quarterBounds } from '../src/modules/merit/criteria.js';
import { verifyChainIn } from '../src/modules/merit/ledger.js';
import { publishReport, quarterFigures } from '../src/modules/merit/reports.js';
import { makeDeps, systemContext } from '../src/platform/context.js';
import { createDatabase, databaseUrlOf, dropDatabase, machine, medianOf, ROOT, round, serverEnv, waitForQuiet } from './cases-support.js';

/**
 * The Bank of Merit on PostgreSQL, each figure beside a limit from the same run:
 *
 *   a quarterly report for a place with 100,000 accounts and 5,000,000 ledger entries: < 2 s
 *   (limits: a bare count(*) and sum(points) over the place's entries; a count of its residents)
 *   verifying the whole hash chain of 5,000,000 entries: < 10 s
 *   (limits: the same bare count/sum; node:crypto alone hashing 5,000,000 buffers of the
 *   canonical entry's size, with nothing read)
 *
 * The ledger is generated as the application writes it: each entry hashed by chain.ts after the
 * one before, inserted in batches (the tallies' statement trigger fires per batch, as it would).
 * Deeds are spread over five years (2022–2026), as a bank's ledger grows.
 *
 * Writes bench/results/merit.json and merit.md. Needs DATABASE_URL; BENCH_MERIT_ENTRIES and
 * BENCH_MERIT_ACCOUNTS scale down (defaults 5,000,000 and 100,000).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/merit.ts
 */
const ENTRIES = Number(process.env.BENCH_MERIT_ENTRIES ?? 5_000_000);
const ACCOUNTS = Number(process.env.BENCH_MERIT_ACCOUNTS ?? 100_000);
const TARGET = { reportMs: 2000, verifyMs: 10_000 };
const BATCH = 50_000;
const DEED_TYPES = ['mutual_aid', 'elder_care', 'volunteering', 'donation', 'mediation', 'clean_lanes'];
const log = (line: string) => process.stderr.write(`[merit] ${line}\n`);
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);

async function main() {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is needed: the figures are for PostgreSQL');
  const name = `tongxin_bench_merit_${process.pid}`;
  await createDatabase(serverUrl, name);
  const url = databaseUrlOf(serverUrl, name);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-merit-'));
  const database = await openDatabase({ databaseUrl: url, dataDir });
  const client = new pg.Client({ connectionString: url });
  try {
    await database.migrate();
    await client.connect();
    const deps = makeDeps(loadConfig(serverEnv(url, dataDir)), database);
    const placeId = uuidv7();
    await client.query(`insert into places (id, level, code, name_zh, name_en, path) values ($1, 'community', 'HSL', '何斯路村', 'Hesilu Village', $2)`, [placeId, `/${placeId}/`]);
    await client.query(
      `insert into residents (id, place_id, name, residency) select gen_random_uuid(), $1, '何' || chr(19968 + g % 20000) || chr(19968 + (g * 7) % 20000), 'established' from generate_series(1, $2::int) g`,
      [placeId, ACCOUNTS],
    );
    await client.query(`insert into merit_banks (place_id) values ($1)`, [placeId]);
    const residentIds = (await client.query<{ id: string }>('select id from residents where place_id = $1 order by id', [placeId])).rows.map((r) => r.id);

    log(`generating ${ENTRIES.toLocaleString('en')} chained entries over ${ACCOUNTS.toLocaleString('en')} accounts`);
    const started = performance.now();
    const first = Date.UTC(2022, 0, 1);
    const span = Date.UTC(2026, 11, 31) - first;
    let prev = GENESIS;
    let canonicalBytes = 0;
    for (let from = 1; from <= ENTRIES; from += BATCH) {
      const cols: unknown[][] = Array.from({ length: 14 }, () => []);
      for (let seq = from; seq < Math.min(ENTRIES + 1, from + BATCH); seq++) {
        const correction = seq % 100 === 0;
        const residentId = residentIds[(seq * 7919) % residentIds.length]!;
        const deedDate = new Date(first + Math.floor((span * seq) / ENTRIES)).toISOString().slice(0, 10);
        const e = {
          seq,
          placeId,
          residentId,
          kind: correction ? ('correction' as const) : ('grant' as const),
          points: correction ? -1 : 1 + (seq % 10),
          deedType: DEED_TYPES[seq % DEED_TYPES.length]!,
          deedDate,
          claimId: null,
          correctsSeq: correction ? seq - 1 : null,
          reason: correction ? '重复登记，予以更正' : null,
          expiresOn: null,
          recordedAt: new Date(first + Math.floor((span * seq) / ENTRIES) + 3_600_000),
          prevHash: prev,
        };
        if (seq === 1) canonicalBytes = Buffer.byteLength(canonicalEntry(e));
        prev = entryHash(e);
        const row = [uuidv7(), e.placeId, e.seq, e.residentId, e.kind, e.points, e.deedType, e.deedDate, e.correctsSeq, e.reason, e.recordedAt.toISOString(), e.prevHash, prev, e.claimId];
        row.forEach((v, i) => cols[i]!.push(v));
      }
      await client.query(
        `insert into merit_ledger (id, place_id, seq, resident_id, kind, points, deed_type, deed_date, corrects_seq, reason, recorded_at, prev_hash, hash, claim_id)
         select * from unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::uuid[], $5::text[], $6::int[], $7::text[], $8::date[], $9::bigint[], $10::text[], $11::timestamptz[], $12::text[], $13::text[], $14::uuid[])`,
        cols,
      );
      if ((from - 1) % 1_000_000 === 0) log(`  ${(from - 1).toLocaleString('en')}`);
    }
    await client.query('update merit_banks set head_seq = $2, head_hash = $3 where place_id = $1', [placeId, ENTRIES, prev]);
    await client.query('vacuum analyze merit_ledger');
    await client.query('vacuum analyze merit_tallies');
    await client.query('vacuum analyze residents');
    const generateSeconds = round((performance.now() - started) / 1000);
    const tallyRows = (await client.query<{ n: number }>('select count(*)::int as n from merit_tallies')).rows[0]!.n;
    log(`generated in ${generateSeconds} s; ${tallyRows.toLocaleString('en')} tally rows`);

    const quiet = await waitForQuiet(30);
    const loadBefore = loadAverage();
    const bank = (await findBank(deps.db, placeId))!;
    const q4 = quarterBounds(2026, 4);
    let accounts = 0;
    const reportMs = await medianOf(5, 1, async () => (accounts = (await quarterFigures(deps.db, bank, q4, 'masked')).accounts.length));
    const ctx = systemContext(deps, 'bench');
    const publishRuns: number[] = [];
    for (const q of [1, 2, 3, 4] as const) {
      const t0 = performance.now();
      await publishReport(ctx, placeId, quarterBounds(2026, q).label);
      publishRuns.push(round(performance.now() - t0));
    }
    const publishMs = { medianMs: [...publishRuns].sort((a, b) => a - b)[2]!, runsMs: publishRuns };
    const countSumMs = await medianOf(5, 1, () => client.query('select count(*), sum(points) from merit_ledger where place_id = $1', [placeId]));
    const countResidentsMs = await medianOf(5, 1, () => client.query('select count(*) from residents where place_id = $1', [placeId]));

    let verified: Awaited<ReturnType<typeof verifyChainIn>> | undefined;
    const verifyMs = await medianOf(3, 1, async () => (verified = await verifyChainIn(deps.db, placeId, new Date())));
    if (!verified?.intact || verified.entries !== ENTRIES) throw new Error(`the generated chain does not verify: ${JSON.stringify(verified?.firstBreak)}`);
    const buffers = Buffer.alloc(canonicalBytes, 'x');
    const hashOnlyMs = await medianOf(3, 0, async () => {
      for (let i = 0; i < ENTRIES; i++) {
        buffers.writeUInt32LE(i, 0);
        createHash('sha256').update(buffers).digest();
      }
    });
    const loadAfter = loadAverage();

    const result = {
      machine: machine(),
      note: 'The load averages before and after the timed part show how busy the machine was; the timed part waits for an idle share first.',
      quietWaitSeconds: quiet,
      loadAverage: { before: loadBefore, after: loadAfter },
      entries: ENTRIES,
      accounts: ACCOUNTS,
      tallyRows,
      generateSeconds,
      canonicalBytes,
      report: { target: TARGET.reportMs, accounts, figuresMs: reportMs, publishMs, limits: { countSumEntriesMs: countSumMs, countResidentsMs } },
      verify: { target: TARGET.verifyMs, verifyMs, limits: { countSumEntriesMs: countSumMs, nodeCryptoHashOnlyMs: hashOnlyMs } },
    };
    mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'bench/results/merit.json'), `${JSON.stringify(result, null, 2)}\n`);
    const md = `# Bank of Merit on PostgreSQL (${result.machine.date})

${ENTRIES.toLocaleString('en')} ledger entries over ${ACCOUNTS.toLocaleString('en')} accounts of one village (deeds over 2022–2026), ${tallyRows.toLocaleString('en')} tally rows; generated (hashed by chain.ts, inserted in batches of ${BATCH.toLocaleString('en')}) in ${generateSeconds} s.
Machine: ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGiB} GiB, Node ${result.machine.node}. ${result.note}
Load average before / after the timed part: ${loadBefore.join(' ')} / ${loadAfter.join(' ')}.

| figure | median | runs | target | limit from the same run |
| --- | --- | --- | --- | --- |
| quarterly report figures (${accounts.toLocaleString('en')} accounts ranked, names masked, by deed type) | ${reportMs.medianMs} ms | ${reportMs.runsMs.join(', ')} | < ${TARGET.reportMs} ms | count(*)+sum over all ${ENTRIES.toLocaleString('en')} entries: ${countSumMs.medianMs} ms; count of residents: ${countResidentsMs.medianMs} ms |
| publishing a quarter (figures + storing them with the chain head) | ${publishMs.medianMs} ms | ${publishMs.runsMs.join(', ')} | < ${TARGET.reportMs} ms | as above |
| verifying the whole chain (${ENTRIES.toLocaleString('en')} entries) | ${verifyMs.medianMs} ms | ${verifyMs.runsMs.join(', ')} | < ${TARGET.verifyMs} ms | count(*)+sum: ${countSumMs.medianMs} ms; node:crypto hashing ${ENTRIES.toLocaleString('en')} buffers of ${canonicalBytes} bytes alone: ${hashOnlyMs.medianMs} ms |
`;
    writeFileSync(path.join(ROOT, 'bench/results/merit.md'), md);
    process.stdout.write(md);
  } finally {
    await client.end().catch(() => {});
    await database.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase(serverUrl, name);
  }
}

await main();
