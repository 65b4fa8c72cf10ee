import { sql, type UpdateObject, type UpdateResult } from 'kysely';
import { clientOf, type Store } from './database.js';
import type { Provider } from './schema-files.js';
import type { DB } from './schema-types.js';

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
  createdAt: Date;
};

/** Adds jobs in one statement, skipping any whose idempotency key is already queued; how many were added. */
export async function insertJobs(store: Store, jobs: readonly NewJob[]): Promise<number> {
  if (jobs.length === 0) return 0;
  const result = await clientOf(store)
    .insertInto('jobs')
    .values(jobs.map((job) => ({ ...job, status: 'pending', attempts: 0 })))
    .onConflict((conflict) => conflict.column('idempotencyKey').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
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
 * waits while an earlier job with the same ordering key is unfinished. (Result columns come
 * back camelCased, as every query's do.)
 */
export async function claimJobs(store: Store, claim: Claim, which: 'due' | 'lapsed'): Promise<ClaimedRow[]> {
  const condition =
    which === 'due'
      ? sql`j.status = 'pending' AND j.due_at <= ${claim.now}`
      : sql`j.status = 'running' AND j.lease_until < ${claim.now}`;
  const order = which === 'due' ? sql`j.due_at, j.id` : sql`j.lease_until, j.id`;
  const lock = claim.provider === 'postgresql' ? sql`FOR UPDATE SKIP LOCKED` : sql``;
  const { rows } = await sql<ClaimedRow>`
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
    RETURNING id, kind, payload, idempotency_key, attempts, max_attempts, created_at`.execute(
    clientOf(store),
  );
  return rows;
}

/** The lease a claim gave, which every later write of the job must still hold. */
export type Lease = { id: number; leaseToken: string };

/** An update of the job `lease` names, which changes nothing once another worker holds it. */
function updateHeld(store: Store, lease: Lease, columns: UpdateObject<DB, 'jobs'>) {
  return clientOf(store)
    .updateTable('jobs')
    .set(columns)
    .where('id', '=', lease.id)
    .where('leaseOwner', '=', lease.leaseToken)
    .where('status', '=', 'running');
}

function changed(result: UpdateResult): boolean {
  return result.numUpdatedRows > 0n;
}

/** Extends a lease; false when the lease was lost to another worker. */
export async function renewJobLease(store: Store, lease: Lease, until: Date): Promise<boolean> {
  return changed(await updateHeld(store, lease, { leaseUntil: until }).executeTakeFirst());
}

/** Marks a job done or failed (parked, kept with its error); false when the lease was lost. */
export async function finishJob(
  store: Store,
  lease: Lease,
  outcome: { status: 'done' | 'failed'; at: Date; error: string | null },
): Promise<boolean> {
  const columns = { status: outcome.status, finishedAt: outcome.at, lastError: outcome.error };
  return changed(
    await updateHeld(store, lease, { ...columns, leaseOwner: null, leaseUntil: null }).executeTakeFirst(),
  );
}

/** Puts a job back in line for a later attempt; false when the lease was lost. */
export async function retryJobAt(store: Store, lease: Lease, dueAt: Date, error: string): Promise<boolean> {
  const columns = { status: 'pending', dueAt, lastError: error, leaseOwner: null, leaseUntil: null };
  return changed(await updateHeld(store, lease, columns).executeTakeFirst());
}

/**
 * Puts a job back in line for when the far side asked (a 429's Retry-After), its attempt not
 * counted: waiting as told is not failing, so a long spell of rate limiting never parks it.
 */
export async function deferJobTo(store: Store, lease: Lease, dueAt: Date, note: string): Promise<boolean> {
  const columns = {
    status: 'pending',
    dueAt,
    lastError: note,
    attempts: sql<number>`attempts - 1`,
    leaseOwner: null,
    leaseUntil: null,
  };
  return changed(await updateHeld(store, lease, columns).executeTakeFirst());
}

/** Gives back a claimed job that was never started (a stopping worker): pending, its attempt not counted. */
export async function releaseJob(store: Store, lease: Lease): Promise<boolean> {
  const columns = {
    status: 'pending',
    attempts: sql<number>`attempts - 1`,
    leaseOwner: null,
    leaseUntil: null,
  };
  return changed(await updateHeld(store, lease, columns).executeTakeFirst());
}

/**
 * Puts parked jobs back in line (the operator's `gapdesk jobs retry`), all or those named. Each
 * counts as having run once, not zero times: its last attempt may have posted before it failed,
 * and a delivery looks for such a post only on an attempt after the first.
 */
export async function requeueFailedJobs(store: Store, now: Date, ids?: readonly number[]): Promise<number> {
  let update = clientOf(store)
    .updateTable('jobs')
    .set({ status: 'pending', dueAt: now, attempts: 1, finishedAt: null })
    .where('status', '=', 'failed');
  if (ids && ids.length > 0) update = update.where('id', 'in', [...ids]);
  return Number((await update.executeTakeFirst()).numUpdatedRows);
}

/**
 * Deletes done jobs finished before `cutoff`, so the table does not grow forever. Pending,
 * running and parked (failed) jobs are never deleted: they still matter to someone.
 */
export async function deleteDoneJobs(store: Store, cutoff: Date): Promise<number> {
  const result = await clientOf(store)
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('finishedAt', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The due time of the oldest pending job that should already have run (for /healthz). */
export async function oldestDueAt(store: Store, now: Date): Promise<Date | null> {
  const oldest = await clientOf(store)
    .selectFrom('jobs')
    .select('dueAt')
    .where('status', '=', 'pending')
    .where('dueAt', '<=', now)
    .orderBy('dueAt')
    .limit(1)
    .executeTakeFirst();
  return oldest?.dueAt ?? null;
}

export async function countJobs(store: Store): Promise<Record<JobStatus, number>> {
  const groups = await clientOf(store)
    .selectFrom('jobs')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const group of groups) counts[group.status as JobStatus] += Number(group.n);
  return counts;
}

/** The latest jobs of a status, newest first (the operator's `gapdesk jobs list`). */
export async function listJobs(store: Store, status: JobStatus, limit: number) {
  return clientOf(store)
    .selectFrom('jobs')
    .select(['id', 'kind', 'status', 'attempts', 'maxAttempts', 'dueAt', 'finishedAt', 'lastError'])
    .where('status', '=', status)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
