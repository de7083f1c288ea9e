import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../platform/context.js';
import { retrainFromHistory } from './retraining.js';
import { sweepDeadlines } from './sweep.js';
import { compactCaseTallies } from './tallies.js';

/**
 * The cases module's background work inside `tongxin serve`: the deadline sweep (safe on several
 * processes at once, see sweep.ts), folding the evaluation's tallies (likewise, see tallies.ts) and
 * retraining the router from corrected history. A run that
 * fails is logged and tried again at the next tick. Returns a function that stops them.
 */
export function startCaseJobs(deps: Deps, log: FastifyBaseLogger): () => void {
  const timers: NodeJS.Timeout[] = [];
  const every = (seconds: number, name: string, work: () => Promise<unknown>) => {
    if (seconds <= 0) return;
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        const result = await work();
        log.debug({ job: name, result }, 'background job done');
      } catch (err) {
        log.error({ err, job: name }, 'background job failed; will try again');
      } finally {
        running = false;
      }
    };
    const timer = setInterval(tick, seconds * 1000);
    timer.unref();
    timers.push(timer);
  };
  every(deps.config.jobs.sweepSeconds, 'deadline-sweep', () => sweepDeadlines(deps));
  every(deps.config.jobs.sweepSeconds, 'tally-compaction', () => compactCaseTallies(deps.db));
  every(deps.config.jobs.retrainSeconds, 'router-retrain', () => retrainFromHistory(deps));
  // Learn from history once at start, so a restart does not forget the corrections.
  if (deps.config.jobs.retrainSeconds > 0) void retrainFromHistory(deps).catch((err) => log.error({ err }, 'router retrain at start failed'));
  return () => timers.forEach(clearInterval);
}
