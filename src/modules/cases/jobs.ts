import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../platform/context.js';
import { startJobs } from '../../platform/jobs.js';
import { retrainFromHistory } from './retraining.js';
import { sweepDeadlines } from './sweep.js';
import { compactCaseTallies } from './tallies.js';

/**
 * The cases module's background work: the deadline sweep (safe on several processes at once, see
 * sweep.ts), folding the evaluation's tallies (likewise, see tallies.ts) and retraining the
 * router from corrected history. Returns a function that stops them.
 */
export function startCaseJobs(deps: Deps, log: FastifyBaseLogger): () => void {
  const { sweepSeconds, retrainSeconds } = deps.config.jobs;
  const stop = startJobs(log, [
    { name: 'deadline-sweep', seconds: sweepSeconds, work: () => sweepDeadlines(deps) },
    { name: 'tally-compaction', seconds: sweepSeconds, work: () => compactCaseTallies(deps.db) },
    { name: 'router-retrain', seconds: retrainSeconds, work: () => retrainFromHistory(deps) },
  ]);
  // Learn from history once at start, so a restart does not forget the corrections.
  if (retrainSeconds > 0) void retrainFromHistory(deps).catch((err) => log.error({ err }, 'router retrain at start failed'));
  return stop;
}
