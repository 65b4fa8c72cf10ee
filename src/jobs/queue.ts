import { randomUUID } from 'node:crypto';
import type { Provider } from '../store/schema-files.js';
import { type RawClient, readDate, type Sql, type SqlStore, type SqlValue } from '../store/sql.js';
import { DEFAULT_MAX_ATTEMPTS } from './backoff.js';

const LAPSED_CHECK_EVERY_MS = 1_000;

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
  private readonly claimLapsed: string;
  private readonly claimDue: string;
  /** SQLite only: whether a claim of due jobs would find any (see `claim`). */
  private readonly anyDue: string | null;
  /** PostgreSQL only: the transaction lock that serialises filing (see `fileStaged`). */
  private readonly fileLock: string | null;
  private lapsedCheckedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: SqlStore,
    provider: Provider,
  ) {
    const lock = provider === 'postgresql' ? 'FOR UPDATE SKIP LOCKED' : '';
    this.claimLapsed = claimStatement(
      "j.status = 'running' AND j.lease_until < ?",
      'j.lease_until, j.id',
      lock,
    );
    this.claimDue = claimStatement(DUE, 'j.due_at, j.id', lock);
    this.anyDue = provider === 'sqlite' ? `${claimableJobs(DUE)} LIMIT 1` : null;
    // SQLite has one writer at a time already.
    this.fileLock =
      provider === 'postgresql'
        ? `SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${FILE_LOCK_KEY})) AS l`
        : null;
  }

  /**
   * Adds a job, inside the caller's transaction when given one (a Sql transaction, or a Prisma
   * one). Returns false if the key already exists.
   */
  async enqueue(into: Sql | RawClient, input: EnqueueInput, now: Date): Promise<boolean> {
    const added = await this.store.over(into).run(
      `INSERT INTO jobs (kind, payload, idempotency_key, ordering_key, status, due_at, attempts, max_attempts, created_at)
       VALUES (?, ?, ?, ?, 'pending', ?, 0, ?, ?)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      ...row(input, now),
    );
    return added > 0;
  }

  /**
   * Stages jobs inside the caller's transaction (what one change of a request says, on every
   * click's path), for the next claim to file into the queue. Staging appends to a table with
   * no index but its key: adding to the queue itself maintains four b-trees, which on a cold
   * process was a twentieth of a click's time. A key already queued, or staged before, is
   * dropped when filed, so a key staged twice still runs once. Staged jobs count as pending.
   */
  async stage(into: Sql | RawClient, inputs: readonly EnqueueInput[], now: Date): Promise<void> {
    if (inputs.length === 0) return;
    await this.store.over(into).run(
      `INSERT INTO job_inbox (kind, payload, idempotency_key, ordering_key, due_at, max_attempts, created_at)
       VALUES ${inputs.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      ...inputs.flatMap((input) => row(input, now)),
    );
  }

  /**
   * Moves staged jobs into the queue, in the order they were staged, in one transaction (on
   * PostgreSQL under a lock, so two workers filing at once keep that order). Returns how many
   * staged jobs it moved, duplicates included. The worker files before each claim, as a step of
   * its own.
   */
  async fileStaged(): Promise<number> {
    // Up to the last staged now: jobs staged meanwhile wait for the next filing. Jobs a filer on
    // another replica moved in the meantime are simply not there any more.
    const last = await this.store.sql.get<{ id: unknown }>('SELECT MAX(id) AS id FROM job_inbox');
    if (last?.id === null || last?.id === undefined) return 0;
    return this.store.transaction(async (tx) => {
      if (this.fileLock) await tx.get(this.fileLock);
      await tx.run(
        `INSERT INTO jobs (kind, payload, idempotency_key, ordering_key, status, due_at, attempts, max_attempts, created_at)
         SELECT kind, payload, idempotency_key, ordering_key, 'pending', due_at, 0, max_attempts, created_at
         FROM job_inbox WHERE id <= ? ORDER BY id
         ON CONFLICT (idempotency_key) DO NOTHING`,
        Number(last.id),
      );
      return tx.run('DELETE FROM job_inbox WHERE id <= ?', Number(last.id));
    });
  }

  /**
   * Claims up to `limit` due jobs for `leaseMs` (staged ones only once filed): running ones
   * whose worker let the lease lapse (it died), then pending ones whose time has come. A job
   * waits while an earlier job with the same ordering key is unfinished. Each claim is one
   * statement, so two workers never claim the same job: SQLite serialises writers; PostgreSQL
   * skips rows another worker has locked. The two kinds are claimed apart: due jobs by walking
   * the (status, due_at, id) index in order, stopping at `limit`, so a backlog of thousands (a
   * platform outage) costs a claim no more than an empty queue does; lapsed ones among the
   * running jobs (found by status on the same index), which are only those in workers' hands.
   */
  async claim(workerId: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedJob[]> {
    const leaseToken = `${workerId}:${randomUUID()}`;
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const { sql } = this.store;
    // Leases lapse only when a worker dies: look for them once a second, not at every claim.
    const lookForLapsed = Math.abs(now.getTime() - this.lapsedCheckedAt) >= LAPSED_CHECK_EVERY_MS;
    if (lookForLapsed) this.lapsedCheckedAt = now.getTime();
    const lapsed = lookForLapsed
      ? await sql.all<ClaimedRow>(this.claimLapsed, leaseToken, leaseUntil, now, limit)
      : [];
    // On SQLite every UPDATE opens a write transaction and commits it, even one that changes
    // nothing, and the worker's last claim of each drain finds nothing: a read first is ten
    // times cheaper. (PostgreSQL would pay a round trip for it instead; it claims directly.)
    const worthClaiming =
      lapsed.length < limit && (this.anyDue === null || (await sql.get(this.anyDue, now)) !== undefined);
    const due = worthClaiming
      ? await sql.all<ClaimedRow>(this.claimDue, leaseToken, leaseUntil, now, limit - lapsed.length)
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

  /** Extends a lease while a long job runs. False when the lease was lost to another worker. */
  async renewLease(job: ClaimedJob, until: Date): Promise<boolean> {
    const count = await this.store.sql.run(
      `UPDATE jobs SET lease_until = ? WHERE id = ? AND lease_owner = ? AND status = 'running'`,
      until,
      job.id,
      job.leaseToken,
    );
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
    const count = await this.store.sql.run(
      `UPDATE jobs SET status = 'pending', due_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL
       WHERE id = ? AND lease_owner = ? AND status = 'running'`,
      dueAt,
      truncate(error),
      job.id,
      job.leaseToken,
    );
    return count > 0;
  }

  private async finish(
    job: ClaimedJob,
    status: JobStatus,
    now: Date,
    error: string | null,
  ): Promise<boolean> {
    const count = await this.store.sql.run(
      `UPDATE jobs SET status = ?, finished_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL
       WHERE id = ? AND lease_owner = ? AND status = 'running'`,
      status,
      now,
      error === null ? null : truncate(error),
      job.id,
      job.leaseToken,
    );
    return count > 0;
  }

  /** Puts parked jobs back in line (the operator's `gapdesk jobs retry`). */
  async requeueFailed(now: Date, ids?: number[]): Promise<number> {
    const some = ids && ids.length > 0 ? ids : null;
    return this.store.sql.run(
      `UPDATE jobs SET status = 'pending', due_at = ?, attempts = 0, finished_at = NULL
       WHERE status = 'failed'${some ? ` AND id IN (${some.map(() => '?').join(', ')})` : ''}`,
      now,
      ...(some ?? []),
    );
  }

  /** The due time of the oldest job that should already have run, staged ones too (for /healthz). */
  async oldestDueAt(now: Date): Promise<Date | null> {
    const oldest = await this.store.sql.get<{ due_at: unknown }>(
      `SELECT due_at FROM jobs WHERE status = 'pending' AND due_at <= ?
       UNION ALL SELECT due_at FROM job_inbox WHERE due_at <= ?
       ORDER BY due_at LIMIT 1`,
      now,
      now,
    );
    return oldest ? readDate(oldest.due_at) : null;
  }

  async counts(): Promise<Record<JobStatus, number>> {
    const groups = await this.store.sql.all<{ status: string; count: unknown }>(
      `SELECT status, COUNT(*) AS count FROM jobs GROUP BY status
       UNION ALL SELECT 'pending' AS status, COUNT(*) AS count FROM job_inbox`,
    );
    const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, failed: 0 };
    for (const group of groups) counts[group.status as JobStatus] += Number(group.count);
    return counts;
  }
}

const DUE = "j.status = 'pending' AND j.due_at <= ?";
/** Any fixed number: the PostgreSQL lock held while staged jobs are filed. */
const FILE_LOCK_KEY = 7_204_118;

/** An enqueued job's values for the columns a queued and a staged job share, in that order. */
function row(input: EnqueueInput, now: Date): SqlValue[] {
  return [
    input.kind,
    JSON.stringify(input.payload ?? null),
    input.idempotencyKey,
    input.orderingKey ?? null,
    input.dueAt ?? now,
    input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    now,
  ];
}

/** Jobs matching `due` that no earlier unfinished job of their ordering key holds back. */
function claimableJobs(due: string): string {
  return `SELECT j.id FROM jobs j
      WHERE ${due}
        AND (j.ordering_key IS NULL OR NOT EXISTS (
              SELECT 1 FROM jobs e WHERE e.ordering_key = j.ordering_key AND e.id < j.id
                AND e.status IN ('pending', 'running')))`;
}

/** Parameters: lease token, lease end, now, limit. */
function claimStatement(due: string, order: string, lock: string): string {
  return `UPDATE jobs SET status = 'running', lease_owner = ?, lease_until = ?, attempts = attempts + 1
    WHERE id IN (
      ${claimableJobs(due)}
      ORDER BY ${order}
      LIMIT ?
      ${lock}
    )
    RETURNING id, kind, payload, idempotency_key, attempts, max_attempts`;
}

function truncate(text: string): string {
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
}
