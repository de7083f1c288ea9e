import type { FastifyBaseLogger } from 'fastify';

/**
 * Background work inside `tongxin serve`: each job runs every so many seconds (0 turns it off),
 * never overlapping itself; a run that fails is logged and tried again at the next tick. Returns
 * a function that stops them all.
 */
export function startJobs(log: FastifyBaseLogger, jobs: { name: string; seconds: number; work: () => Promise<unknown> }[]): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const { name, seconds, work } of jobs) {
    if (seconds <= 0) continue;
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
  }
  return () => timers.forEach(clearInterval);
}
