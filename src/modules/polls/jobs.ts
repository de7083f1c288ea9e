import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../platform/context.js';
import { startJobs } from '../../platform/jobs.js';
import { foldTallyQueue } from './tally-queue.js';

/** The polls module's background work: folding queued responses into the tallies (safe on several processes at once, see tally-queue.ts). */
export function startPollJobs(deps: Deps, log: FastifyBaseLogger): () => void {
  return startJobs(log, [{ name: 'poll-tally-fold', seconds: deps.config.jobs.pollTallySeconds, work: () => foldTallyQueue(deps.db) }]);
}
