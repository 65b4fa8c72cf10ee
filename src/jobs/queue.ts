import { randomUUID } from 'node:crypto';
import type { Store } from '../store/database.js';
import {
  type ClaimedRow,
  claimJobs,
  countJobs,
  deferJobTo,
  deleteDoneJobs,
  finishJob,
  insertJobs,
  type JobStatus,
  oldestDueAt,
  releaseJob,
  renewJobLease,
  requeueFailedJobs,
  retryJobAt,
} from '../store/jobs.js';
import type { Provider } from '../store/schema-files.js';
import { DEFAULT_MAX_ATTEMPTS } from './backoff.js';

export type { JobStatus } from '../store/jobs.js';

const LAPSED_CHECK_EVERY_MS = 1_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type EnqueueInput = {
  kind: string;
  payload: unknown;
  /** Unique while the job is kept: a second enqueue with the same key is a no-op (retried events, double clicks). */
  idempotencyKey: string;
  dueAt?: Date;
  orderingKey?: string;
  maxAttempts?: number;
};

export type ClaimedJob = Omit<ClaimedRow, 'payload'> & {
  payload: unknown;
  /** Proves this worker still holds the job: completion with a stale lease changes nothing. */
  leaseToken: string;
};

/**
 * The durable job queue in the database. Delivery is at least once: a job runs again if its
 * worker dies before recording completion, so handlers must be idempotent (they key their
 * side effects by the job's idempotency key).
 */
export class JobQueue {
  private lapsedCheckedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: Store,
    private readonly provider: Provider,
    /** Days a done job is kept (its key blocks a repeat meanwhile), long after any retry of its cause. */
    private readonly retentionDays: number,
  ) {}

  /**
   * Adds a job, inside the caller's transaction when given one (so it exists exactly when the
   * change that caused it was committed). Returns false if the key already exists.
   */
  async enqueue(into: Store, input: EnqueueInput, now: Date): Promise<boolean> {
    return (await this.enqueueAll(into, [input], now)) > 0;
  }

  /** Adds several jobs in one statement (what one change says); how many keys were new. */
  enqueueAll(into: Store, inputs: readonly EnqueueInput[], now: Date): Promise<number> {
    return insertJobs(
      into,
      inputs.map((input) => ({
        kind: input.kind,
        payload: JSON.stringify(input.payload ?? null),
        idempotencyKey: input.idempotencyKey,
        orderingKey: input.orderingKey ?? null,
        dueAt: input.dueAt ?? now,
        maxAttempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        createdAt: now,
      })),
    );
  }

  /**
   * Claims up to `limit` due jobs for `leaseMs`: running ones whose worker let the lease lapse
   * (it died), then pending ones whose time has come (see claimJobs).
   */
  async claim(workerId: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedJob[]> {
    const claim = {
      provider: this.provider,
      leaseToken: `${workerId}:${randomUUID()}`,
      leaseUntil: new Date(now.getTime() + leaseMs),
      now,
      limit,
    };
    // Leases lapse only when a worker dies: look for them once a second, not at every claim.
    const lookForLapsed = Math.abs(now.getTime() - this.lapsedCheckedAt) >= LAPSED_CHECK_EVERY_MS;
    if (lookForLapsed) this.lapsedCheckedAt = now.getTime();
    const lapsed = lookForLapsed ? await claimJobs(this.store, claim, 'lapsed') : [];
    const due =
      lapsed.length < limit
        ? await claimJobs(this.store, { ...claim, limit: limit - lapsed.length }, 'due')
        : [];
    return [...lapsed, ...due]
      .map((row) => ({ ...row, payload: JSON.parse(row.payload) as unknown, leaseToken: claim.leaseToken }))
      .sort((a, b) => a.id - b.id);
  }

  /** Extends a lease while a long job runs. False when the lease was lost to another worker. */
  renewLease(job: ClaimedJob, until: Date): Promise<boolean> {
    return renewJobLease(this.store, job, until);
  }

  complete(job: ClaimedJob, now: Date): Promise<boolean> {
    return finishJob(this.store, job, { status: 'done', at: now, error: null });
  }

  /** Parks a job as failed: kept with its last error for an operator, never silently dropped. */
  park(job: ClaimedJob, now: Date, error: string): Promise<boolean> {
    return finishJob(this.store, job, { status: 'failed', at: now, error: truncate(error) });
  }

  retryAt(job: ClaimedJob, dueAt: Date, error: string): Promise<boolean> {
    return retryJobAt(this.store, job, dueAt, truncate(error));
  }

  /** Waits as the far side asked (a 429), the attempt not counted toward parking. */
  defer(job: ClaimedJob, dueAt: Date, note: string): Promise<boolean> {
    return deferJobTo(this.store, job, dueAt, truncate(note));
  }

  /** Gives back a claimed job that was never started: due as before, the claim not counted. */
  release(job: ClaimedJob): Promise<boolean> {
    return releaseJob(this.store, job);
  }

  /** Puts parked jobs back in line (the operator's `gapdesk jobs retry`). */
  requeueFailed(now: Date, ids?: number[]): Promise<number> {
    return requeueFailedJobs(this.store, now, ids);
  }

  /** Deletes done jobs older than the retention period; pending and parked ones stay. */
  deleteExpired(now: Date): Promise<number> {
    return deleteDoneJobs(this.store, new Date(now.getTime() - this.retentionDays * DAY_MS));
  }

  /** The due time of the oldest job that should already have run (for /healthz). */
  oldestDueAt(now: Date): Promise<Date | null> {
    return oldestDueAt(this.store, now);
  }

  counts(): Promise<Record<JobStatus, number>> {
    return countJobs(this.store);
  }
}

function truncate(text: string): string {
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
}
