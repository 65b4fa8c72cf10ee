import { randomUUID } from 'node:crypto';
import express from 'express';
import type { Clock } from '../clock.js';
import type { Foreground } from '../jobs/foreground.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Logger } from '../logger.js';
import { pingDatabase, type Store } from '../store/database.js';

export type HealthDeps = {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  /** Told of every request while it is answered, so the job worker waits its turn. */
  foreground?: Foreground;
};

/** The shared HTTP app: adapters mount their endpoints on it; /healthz is ours. */
export function createHttpApp(deps: HealthDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // One line per request with an id, never the body: bodies carry user text and signatures.
  app.use((req, res, next) => {
    const requestId = req.get('x-request-id') ?? randomUUID();
    const started = process.hrtime.bigint();
    const leave = deps.foreground?.enter();
    if (leave) {
      res.on('finish', leave);
      res.on('close', leave);
    }
    res.locals.logger = deps.logger.child({ requestId });
    res.setHeader('x-request-id', requestId);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      };
      if (res.statusCode >= 500) deps.logger.error(line, 'request failed');
      else if (res.statusCode >= 400) deps.logger.warn(line, 'request refused');
      else deps.logger.info(line, 'request');
    });
    next();
  });
  app.get('/healthz', async (_req, res) => {
    const now = deps.clock.now();
    try {
      await pingDatabase(deps.store);
      const oldestDue = await deps.queue.oldestDueAt(now);
      const counts = await deps.queue.counts();
      const lagSeconds = oldestDue
        ? Math.max(0, Math.round((now.getTime() - oldestDue.getTime()) / 1000))
        : 0;
      res.json({
        status: 'ok',
        database: 'reachable',
        jobs: { oldestDueLagSeconds: lagSeconds, failed: counts.failed, pending: counts.pending },
      });
    } catch (error) {
      deps.logger.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });
  return app;
}
