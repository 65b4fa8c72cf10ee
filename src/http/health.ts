import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Clock } from '../clock.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Logger } from '../logger.js';
import { pingDatabase, type Store } from '../store/database.js';

export type HealthDeps = {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  /** GAPDESK_ADMIN_TOKEN: a request bearing it sees the details from anywhere. */
  adminToken?: string;
  /** True once the process is shutting down (it answers what it has, then exits). */
  draining?: () => boolean;
};

type Health = { status: 'ok' | 'degraded'; details: Record<string, unknown> };

async function checkHealth(deps: HealthDeps): Promise<Health> {
  if (deps.draining?.()) return { status: 'degraded', details: { status: 'degraded', shuttingDown: true } };
  const now = deps.clock.now();
  try {
    await pingDatabase(deps.store);
    const oldestDue = await deps.queue.oldestDueAt(now);
    const counts = await deps.queue.counts();
    const lagSeconds = oldestDue ? Math.max(0, Math.round((now.getTime() - oldestDue.getTime()) / 1000)) : 0;
    return {
      status: 'ok',
      details: {
        status: 'ok',
        database: 'reachable',
        jobs: { oldestDueLagSeconds: lagSeconds, failed: counts.failed, pending: counts.pending },
      },
    };
  } catch (error) {
    deps.logger.error({ err: error }, 'health check failed');
    return { status: 'degraded', details: { status: 'degraded', database: 'unreachable' } };
  }
}

/**
 * From this host and not through a proxy: behind a reverse proxy on the same host every
 * request arrives from loopback, so one that names a client it was forwarded for is not local.
 */
function fromLoopback(req: Request): boolean {
  const address = req.socket.remoteAddress ?? '';
  const loopback = address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  const forwarded = ['forwarded', 'x-forwarded-for', 'x-real-ip'].some((name) => name in req.headers);
  return loopback && !forwarded;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

function bearsAdminToken(req: Request, adminToken: string | undefined): boolean {
  if (!adminToken) return false;
  const given = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
  // Compared as digests: equal lengths, and the time taken says nothing about the token.
  return given !== undefined && timingSafeEqual(digest(given), digest(adminToken));
}

/**
 * GET /healthz: "ok" (200) or "degraded" (503: the database is unreachable, or the process is
 * shutting down), as one word for load balancers and probes. The details (database, job lag,
 * parked and pending jobs) only on /healthz?details, and only from loopback or with
 * `Authorization: Bearer <GAPDESK_ADMIN_TOKEN>`; anyone else gets the word.
 */
export function healthRoute(deps: HealthDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const health = await checkHealth(deps);
    res.status(health.status === 'ok' ? 200 : 503).setHeader('cache-control', 'no-store');
    const showDetails =
      'details' in req.query && (fromLoopback(req) || bearsAdminToken(req, deps.adminToken));
    if (showDetails) res.json(health.details);
    else res.type('text/plain').send(health.status);
  };
}
