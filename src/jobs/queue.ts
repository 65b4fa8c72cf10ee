import { randomUUID } from 'node:crypto';
import { Prisma } from '../generated/sqlite/client.js';
import type { Db, DbOrTx } from '../store/database.js';
import type { Provider } from '../store/schema-files.js';
import { DEFAULT_MAX_ATTEMPTS } from './backoff.js';

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export type EnqueueInput = {
  kind: string;
  payload: unknown;
  /** Unique forever: a second enqueue with the same key is a no-op (retried events, double clicks). */
  idempotencyKey: string;
  dueAt?: Date;
  orderingKey?: string;
  maxAttempts?: number;
};

export type ClaimedJob = {
  id: number;
  kind: string;
  payload: unknown;
  idempotencyKey: string;
  attempts: number;
  maxAttempts: number;
  /** Proves this worker still holds the job: completion with a stale lease changes nothing. */
  leaseToken: string;
};

type ClaimedRow = {
  id: number;
  kind: string;
  payload: string;
  idempotency_key: string;
  attempts: number;
  max_attempts: number;
};

/**
 * The durable job queue in the database. Delivery is at least once: a job runs again if its
 * worker dies before recording completion, so handlers must be idempotent (they key their
 * side effects by the job's idempotency key).
 */
export class JobQueue {
  constructor(
    private readonly db: Db,
    private readonly provider: Provider,
  ) {}

  /** Adds a job, inside the caller's transaction when given one. Returns false if the key already exists. */
  async enqueue(tx: DbOrTx, input: EnqueueInput, now: Date): Promise<boolean> {
    const inserted = await tx.$executeRaw`
      INSERT INTO jobs (kind, payload, idempotency_key, ordering_key, status, due_at, attempts, max_attempts, created_at)
      VALUES (${input.kind}, ${JSON.stringify(input.payload ?? null)}, ${input.idempotencyKey},
              ${input.orderingKey ?? null}, 'pending', ${input.dueAt ?? now}, 0,
              ${input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS}, ${now})
      ON CONFLICT (idempotency_key) DO NOTHING`;
    return inserted > 0;
  }

  /**
   * Claims up to `limit` due jobs for `leaseMs`: running ones whose worker let the lease lapse
   * (it died), then pending ones whose time has come. A job waits while an earlier job with the
   * same ordering key is unfinished. Each claim is one statement, so two workers never claim the
   * same job: SQLite serialises writers; PostgreSQL skips rows another worker has locked. The
   * two kinds are claimed apart so each walks its own index in order and stops at `limit`: a
   * backlog of thousands (a platform outage) costs a claim no more than an empty queue does.
   */
  async claim(workerId: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedJob[]> {
    const leaseToken = `${workerId}:${randomUUID()}`;
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const lapsed = await this.claimWhere(
      Prisma.sql`j.status = 'running' AND j.lease_until < ${now}`,
      Prisma.sql`j.lease_until, j.id`,
      leaseToken,
      leaseUntil,
      limit,
    );
    const due =
      lapsed.length < limit
        ? await this.claimWhere(
            Prisma.sql`j.status = 'pending' AND j.due_at <= ${now}`,
            Prisma.sql`j.due_at, j.id`,
            leaseToken,
            leaseUntil,
            limit - lapsed.length,
          )
        : [];
    return [...lapsed, ...due]
      .map((row) => ({
        id: Number(row.id),
        kind: row.kind,
        payload: JSON.parse(row.payload) as unknown,
        idempotencyKey: row.idempotency_key,
        attempts: Number(row.attempts),
        maxAttempts: Number(row.max_attempts),
        leaseToken,
      }))
      .sort((a, b) => a.id - b.id);
  }

  private claimWhere(
    due: Prisma.Sql,
    order: Prisma.Sql,
    leaseToken: string,
    leaseUntil: Date,
    limit: number,
  ): Promise<ClaimedRow[]> {
    const lock = this.provider === 'postgresql' ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
    return this.db.$queryRaw<ClaimedRow[]>`
      UPDATE jobs SET status = 'running', lease_owner = ${leaseToken}, lease_until = ${leaseUntil},
                      attempts = attempts + 1
      WHERE id IN (
        SELECT j.id FROM jobs j
        WHERE ${due}
          AND (j.ordering_key IS NULL OR NOT EXISTS (
                SELECT 1 FROM jobs e WHERE e.ordering_key = j.ordering_key AND e.id < j.id
                  AND e.status IN ('pending', 'running')))
        ORDER BY ${order}
        LIMIT ${limit}
        ${lock}
      )
      RETURNING id, kind, payload, idempotency_key, attempts, max_attempts`;
  }

  /** Extends a lease while a long job runs. False when the lease was lost to another worker. */
  async renewLease(job: ClaimedJob, until: Date): Promise<boolean> {
    const count = await this.db.$executeRaw`
      UPDATE jobs SET lease_until = ${until} WHERE id = ${job.id} AND lease_owner = ${job.leaseToken} AND status = 'running'`;
    return count > 0;
  }

  async complete(job: ClaimedJob, now: Date): Promise<boolean> {
    return this.finish(job, 'done', now, null);
  }

  /** Parks a job as failed: kept with its last error for an operator, never silently dropped. */
  async park(job: ClaimedJob, now: Date, error: string): Promise<boolean> {
    return this.finish(job, 'failed', now, error);
  }

  async retryAt(job: ClaimedJob, dueAt: Date, error: string): Promise<boolean> {
    const count = await this.db.$executeRaw`
      UPDATE jobs SET status = 'pending', due_at = ${dueAt}, last_error = ${truncate(error)},
                      lease_owner = NULL, lease_until = NULL
      WHERE id = ${job.id} AND lease_owner = ${job.leaseToken} AND status = 'running'`;
    return count > 0;
  }

  private async finish(
    job: ClaimedJob,
    status: JobStatus,
    now: Date,
    error: string | null,
  ): Promise<boolean> {
    const count = await this.db.$executeRaw`
      UPDATE jobs SET status = ${status}, finished_at = ${now}, last_error = ${error === null ? null : truncate(error)},
                      lease_owner = NULL, lease_until = NULL
      WHERE id = ${job.id} AND lease_owner = ${job.leaseToken} AND status = 'running'`;
    return count > 0;
  }

  /** Puts parked jobs back in line (the operator's `gapdesk jobs retry`). */
  async requeueFailed(now: Date, ids?: number[]): Promise<number> {
    const filter = ids && ids.length > 0 ? Prisma.sql`AND id IN (${Prisma.join(ids)})` : Prisma.empty;
    return this.db.$executeRaw`
      UPDATE jobs SET status = 'pending', due_at = ${now}, attempts = 0, finished_at = NULL
      WHERE status = 'failed' ${filter}`;
  }

  /** The due time of the oldest job that should already have run (for /healthz). */
  async oldestDueAt(now: Date): Promise<Date | null> {
    const oldest = await this.db.job.findFirst({
      where: { status: 'pending', dueAt: { lte: now } },
      orderBy: { dueAt: 'asc' },
      select: { dueAt: true },
    });
    return oldest?.dueAt ?? null;
  }

  async counts(): Promise<Record<JobStatus, number>> {
    const groups = await this.db.job.groupBy({ by: ['status'], _count: { _all: true } });
    const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, failed: 0 };
    for (const group of groups) counts[group.status as JobStatus] = group._count._all;
    return counts;
  }
}

function truncate(text: string): string {
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
}
