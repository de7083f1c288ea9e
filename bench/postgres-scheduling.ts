import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

/**
 * PostgreSQL's CPU scheduling policy, when it runs on this machine. On a small machine it shares
 * with the server, a backend woken by the server's query may take the core from the server's one
 * thread under Linux's default policy; under SCHED_BATCH it does not preempt, it waits for its
 * turn (docs/deployment.md). The load benches measure under each policy named in
 * BENCH_POSTGRES_POLICIES (e.g. `other,batch`; setting one needs root) and say which was in force.
 */
export type Policy = 'other' | 'batch';

const POLICY_NAMES: Record<string, string> = { 0: 'other', 1: 'fifo', 2: 'rr', 3: 'batch', 5: 'idle', 6: 'deadline' };

const statusField = (pid: number, field: string): string | undefined =>
  readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((line) => line.startsWith(`${field}:`))
    ?.split(/\s+/)[1];

/** The postmaster's process id, or null when PostgreSQL does not run on this machine. */
async function postmasterPid(databaseUrl: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    const parent = Number(statusField(rows[0]!.pid, 'PPid'));
    return readFileSync(`/proc/${parent}/comm`, 'utf8').startsWith('postgres') ? parent : null;
  } catch {
    return null; // no such process here: the server is elsewhere
  } finally {
    await client.end();
  }
}

/** The scheduling policy of a process, from field 41 of /proc/PID/stat. */
function policyOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const policy = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[38]!;
  return POLICY_NAMES[policy] ?? policy;
}

/** PostgreSQL's policy, or null when it does not run on this machine. */
export async function postgresPolicy(databaseUrl: string): Promise<string | null> {
  const pid = await postmasterPid(databaseUrl);
  return pid === null ? null : policyOf(pid);
}

/** Sets the policy of the postmaster, which its new backends inherit, and of every process it has started. */
async function setPostgresPolicy(databaseUrl: string, policy: Policy): Promise<void> {
  const postmaster = await postmasterPid(databaseUrl);
  if (postmaster === null) throw new Error('BENCH_POSTGRES_POLICIES needs PostgreSQL on this machine');
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return Number(statusField(pid, 'PPid')) === postmaster;
      } catch {
        return false; // ended meanwhile
      }
    });
  for (const pid of [postmaster, ...children]) {
    try {
      execFileSync('chrt', [`--${policy}`, '--all-tasks', '--pid', '0', String(pid)], { stdio: 'pipe' });
    } catch (error) {
      if (pid === postmaster) throw error; // a backend may have ended meanwhile; the postmaster must take it
    }
  }
}

/**
 * Runs `work` under each policy of BENCH_POSTGRES_POLICIES in turn and puts the original policy
 * back; without the variable, once under whatever policy PostgreSQL has.
 */
export async function underPolicies<T>(databaseUrl: string, work: () => Promise<T>): Promise<{ policy: string; figures: T }[]> {
  const wanted = (process.env.BENCH_POSTGRES_POLICIES ?? '').split(',').filter(Boolean) as Policy[];
  for (const policy of wanted) if (policy !== 'other' && policy !== 'batch') throw new Error(`BENCH_POSTGRES_POLICIES: ${policy} is neither other nor batch`);
  const original = await postgresPolicy(databaseUrl);
  if (wanted.length === 0) return [{ policy: original ?? 'unknown (PostgreSQL is not on this machine)', figures: await work() }];
  if (original !== 'other' && original !== 'batch') throw new Error(`cannot restore PostgreSQL's scheduling policy ${original}`);
  const measured: { policy: string; figures: T }[] = [];
  try {
    for (const policy of wanted) {
      await setPostgresPolicy(databaseUrl, policy);
      measured.push({ policy, figures: await work() });
    }
  } finally {
    await setPostgresPolicy(databaseUrl, original);
  }
  return measured;
}
