import { randomUUID } from 'node:crypto';
import express from 'express';
import type { Foreground } from '../jobs/foreground.js';
import { type HealthDeps, healthRoute } from './health.js';

export type HttpDeps = HealthDeps & {
  /** Told of every request while it is answered, so the job worker waits its turn. */
  foreground?: Foreground;
};

/**
 * A caller's x-request-id is kept (and echoed back) only if it is short and plain: at most 128
 * letters, digits and `._:=+/@-`, which covers UUIDs, ULIDs and proxies' trace ids. Anything
 * else (control characters, markup, a novel) is replaced by an id of our own, never echoed.
 */
const REQUEST_ID = /^[A-Za-z0-9._:=+/@-]{1,128}$/;

function requestIdOf(header: string | undefined): string {
  return header !== undefined && REQUEST_ID.test(header) ? header : randomUUID();
}

/** The shared HTTP app: adapters mount their endpoints on it; /healthz is ours. */
export function createHttpApp(deps: HttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // One line per request with an id, never the body: bodies carry user text and signatures.
  app.use((req, res, next) => {
    const requestId = requestIdOf(req.get('x-request-id'));
    const started = process.hrtime.bigint();
    // Read now: a mounted router (the report's) rewrites req.url while it handles the request.
    const path = req.path;
    const leave = deps.foreground?.enter();
    if (leave) {
      res.on('finish', leave);
      res.on('close', leave);
    }
    res.locals.logger = deps.logger.child({ requestId });
    res.setHeader('x-request-id', requestId);
    // Shutting down: this answer is the connection's last, so the drain is not held by keep-alive.
    if (deps.draining?.()) res.setHeader('connection', 'close');
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        requestId,
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      };
      if (res.statusCode >= 500) deps.logger.error(line, 'request failed');
      else if (res.statusCode >= 400) deps.logger.warn(line, 'request refused');
      else deps.logger.info(line, 'request');
    });
    next();
  });
  app.get('/healthz', healthRoute(deps));
  return app;
}
