import cron from 'node-cron';
import type { Logger } from '../logger.js';

/**
 * Drains the queue on a schedule as well as on enqueue: retries and delayed jobs (surveys, SLA
 * alerts) become due while nothing is being enqueued. Every 5 seconds by default.
 */
export function startTicker(
  tick: () => Promise<unknown>,
  logger: Logger,
  expression = '*/5 * * * * *',
): () => void {
  const task = cron.schedule(expression, () => {
    tick().catch((error: unknown) => logger.error({ err: error }, 'scheduled job drain failed'));
  });
  return () => {
    task.stop();
  };
}
