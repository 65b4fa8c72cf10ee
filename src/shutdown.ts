import { DEFAULT_SHUTDOWN_TIMEOUT_SECONDS } from './config.js';
import type { Logger } from './logger.js';

export type ShutdownOptions = {
  /** How long the drain may take before the process exits anyway (25 s by default). */
  timeoutMs?: number | undefined;
};

/**
 * SIGTERM (or SIGINT) drains and exits 0: `drain` stops new connections, lets the requests
 * and jobs in hand finish and closes the database. A second signal, a drain that fails, or one
 * still going after `timeoutMs` exits 1 at once; whatever was unfinished is still in the
 * database (a job's lease lapses and another worker runs it).
 */
export function drainOnSignals(drain: () => Promise<void>, logger: Logger, options: ShutdownOptions): void {
  const exit = (code: number) => process.exit(code);
  const timeoutMs = options.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_SECONDS * 1000;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'shutdown: second signal, exiting without waiting');
      exit(1);
      return;
    }
    stopping = true;
    logger.info(
      { signal, timeoutMs },
      'shutting down: no new connections; finishing the requests and jobs in hand',
    );
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown: still draining at the timeout, exiting');
      exit(1);
    }, timeoutMs);
    drain().then(
      () => {
        clearTimeout(timer);
        logger.info('shut down: every request answered, running jobs finished, database closed');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
