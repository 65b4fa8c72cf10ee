import { Prisma } from '../generated/sqlite/client.js';
import { clientOf, type Store } from './database.js';
import type { Provider } from './schema-files.js';

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

/** A job as it is added: every column but the ones the queue manages. */
export type NewJob = {
  kind: string;
  /** JSON text. */
  payload: string;
  idempotencyKey: string;
  orderingKey: string | null;
  dueAt: Date;
  maxAttempts: number;
  createdAt: Date;
};

export type ClaimedRow = {
  id: number;
  kind: string;
  payload: string;
  idempotencyKey: string;
  attempts: number;
  maxAttempts: number;
};

/** Adds jobs in one statement, skipping any whose idempotency key is already queued; how many were added. */
export async function insertJobs(store: Store, jobs: readonly NewJob[]): Promise<number> {
  if (jobs.length === 0) return 0;
  const rows = jobs.map(
    (job) => Prisma.sql`(${job.kind}, ${job.payload}, ${job.idempotencyKey}, ${job.orderingKey}, 'pending',
      ${job.dueAt}, 0, ${job.maxAttempts}, ${job.createdAt})`,
  );
  return clientOf(store).$executeRaw`
    INSERT INTO jobs (kind, payload, idempotency_key, ordering_key, status, due_at, attempts, max_attempts, created_at)
    VALUES ${Prisma.join(rows)}
    ON CONFLICT (idempotency_key) DO NOTHING`;
}

export type Claim = {
  provider: Provider;
  leaseToken: string;
  leaseUntil: Date;
  now: Date;
  limit: number;
};

/**
 * Claims up to `limit` jobs in one statement, so two workers never claim the same job: SQLite
 * serialises writers; PostgreSQL skips rows another worker has locked. `lapsed`: running jobs
 * whose worker let the lease lapse (it died); otherwise pending jobs whose time has come,
 * found by walking the (status, due_at, id) index in order and stopping at `limit`. A job
 * waits while an earlier job with the same ordering key is unfinished.
 */
export async function claimJobs(store: Store, claim: Claim, which: 'due' | 'lapsed'): Promise<ClaimedRow[]> {
  const condition =
    which === 'due'
      ? Prisma.sql`j.status = 'pending' AND j.due_at <= ${claim.now}`
      : Prisma.sql`j.status = 'running' AND j.lease_until < ${claim.now}`;
  const order = which === 'due' ? Prisma.sql`j.due_at, j.id` : Prisma.sql`j.lease_until, j.id`;
  const lock = claim.provider === 'postgresql' ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  const rows = await clientOf(store).$queryRaw<RawClaimedRow[]>`
    UPDATE jobs SET status = 'running', lease_owner = ${claim.leaseToken}, lease_until = ${claim.leaseUntil},
      attempts = attempts + 1
    WHERE id IN (
      SELECT j.id FROM jobs j
      WHERE ${condition}
        AND (j.ordering_key IS NULL OR NOT EXISTS (
          SELECT 1 FROM jobs e WHERE e.ordering_key = j.ordering_key AND e.id < j.id
            AND e.status IN ('pending', 'running')))
      ORDER BY ${order}
      LIMIT ${claim.limit}
      ${lock}
    )
    RETURNING id, kind, payload, idempotency_key, attempts, max_attempts`;
  return rows.map((row) => ({
    id: Number(row.id),
    kind: row.kind,
    payload: row.payload,
    idempotencyKey: row.idempotency_key,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
  }));
}

type RawClaimedRow = {
  id: number | bigint;
  kind: string;
  payload: string;
  idempotency_key: string;
  attempts: number | bigint;
  max_attempts: number | bigint;
};

/** The lease a claim gave, which every later write of the job must still hold. */
export type Lease = { id: number; leaseToken: string };

const held = (lease: Lease) => ({ id: lease.id, leaseOwner: lease.leaseToken, status: 'running' });

/** Extends a lease; false when the lease was lost to another worker. */
export async function renewJobLease(store: Store, lease: Lease, until: Date): Promise<boolean> {
  const { count } = await clientOf(store).job.updateMany({ where: held(lease), data: { leaseUntil: until } });
  return count > 0;
}

/** Marks a job done or failed (parked, kept with its error); false when the lease was lost. */
export async function finishJob(
  store: Store,
  lease: Lease,
  outcome: { status: 'done' | 'failed'; at: Date; error: string | null },
): Promise<boolean> {
  const { count } = await clientOf(store).job.updateMany({
    where: held(lease),
    data: {
      status: outcome.status,
      finishedAt: outcome.at,
      lastError: outcome.error,
      leaseOwner: null,
      leaseUntil: null,
    },
  });
  return count > 0;
}

/** Puts a job back in line for a later attempt; false when the lease was lost. */
export async function retryJobAt(store: Store, lease: Lease, dueAt: Date, error: string): Promise<boolean> {
  const { count } = await clientOf(store).job.updateMany({
    where: held(lease),
    data: { status: 'pending', dueAt, lastError: error, leaseOwner: null, leaseUntil: null },
  });
  return count > 0;
}

/** Puts parked jobs back in line (the operator's `gapdesk jobs retry`), all or those named. */
export async function requeueFailedJobs(store: Store, now: Date, ids?: readonly number[]): Promise<number> {
  const { count } = await clientOf(store).job.updateMany({
    where: { status: 'failed', ...(ids && ids.length > 0 ? { id: { in: [...ids] } } : {}) },
    data: { status: 'pending', dueAt: now, attempts: 0, finishedAt: null },
  });
  return count;
}

/**
 * Deletes done jobs finished before `cutoff`, so the table does not grow forever. Pending,
 * running and parked (failed) jobs are never deleted: they still matter to someone.
 */
export async function deleteDoneJobs(store: Store, cutoff: Date): Promise<number> {
  const { count } = await clientOf(store).job.deleteMany({
    where: { status: 'done', finishedAt: { lt: cutoff } },
  });
  return count;
}

/** The due time of the oldest pending job that should already have run (for /healthz). */
export async function oldestDueAt(store: Store, now: Date): Promise<Date | null> {
  const oldest = await clientOf(store).job.findFirst({
    where: { status: 'pending', dueAt: { lte: now } },
    orderBy: { dueAt: 'asc' },
    select: { dueAt: true },
  });
  return oldest?.dueAt ?? null;
}

export async function countJobs(store: Store): Promise<Record<JobStatus, number>> {
  const groups = await clientOf(store).job.groupBy({ by: ['status'], _count: { _all: true } });
  const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const group of groups) counts[group.status as JobStatus] += group._count._all;
  return counts;
}

/** The latest jobs of a status, newest first (the operator's `gapdesk jobs list`). */
export async function listJobs(store: Store, status: JobStatus, limit: number) {
  return clientOf(store).job.findMany({
    where: { status },
    orderBy: { id: 'desc' },
    take: limit,
    select: {
      id: true,
      kind: true,
      status: true,
      attempts: true,
      maxAttempts: true,
      dueAt: true,
      finishedAt: true,
      lastError: true,
    },
  });
}
