import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { type BackoffPolicy, DEFAULT_BACKOFF, retryDelayMs } from './backoff.js';
import { PermanentJobError, RetryLaterError } from './job-errors.js';
import type { ClaimedJob, JobQueue } from './queue.js';

/** What a handler knows of its job's run; `attempt` and `queuedAt` make it a DeliveryAttempt. */
export type JobContext = { idempotencyKey: string; attempt: number; jobId: number; queuedAt: Date };

/** One kind of job: a zod schema for its payload and the code that runs it. */
export type JobHandler<Schema extends z.ZodType = z.ZodType> = {
  kind: string;
  schema: Schema;
  run: (payload: z.infer<Schema>, context: JobContext) => Promise<void>;
};

export function defineJob<Schema extends z.ZodType>(handler: JobHandler<Schema>): JobHandler {
  return handler as unknown as JobHandler;
}

export type WorkerOptions = {
  queue: JobQueue;
  handlers: JobHandler[];
  clock: Clock;
  logger: Logger;
  leaseMs?: number;
  batchSize?: number;
  concurrency?: number;
  random?: () => number;
  /** Retry delays after a failure (1 s doubling to 30 min unless GAPDESK_JOB_BACKOFF_MAX_SECONDS says less). */
  backoff?: BackoffPolicy;
  workerId?: string;
  /**
   * Asked before each step (filing staged jobs, a claim, a job), so incoming requests are
   * answered first (see Foreground).
   */
  turn?: () => Promise<void>;
};

/** Claims due jobs and runs them. `drain()` runs until nothing is due; `kick()` schedules a drain. */
const HOUR_MS = 60 * 60 * 1000;
/**
 * Retries due sooner than this get a timer (throttled jobs' turns are at most 5 minutes past
 * their Retry-After); later ones wait for the ticker. At the ticker's 5 s, jobs paced a tenth
 * of a second apart would come back fifty at a time and mostly be refused again.
 */
const WAKE_WITHIN_MS = 10 * 60_000;

export class Worker {
  readonly workerId: string;
  private readonly handlers: Map<string, JobHandler>;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private draining: Promise<number> | null = null;
  private kickAgain = false;
  private stopped = false;
  private expiredDeletedAt = Number.NEGATIVE_INFINITY;
  private wakeTimer: NodeJS.Timeout | undefined;
  private wakeAt = Number.POSITIVE_INFINITY;
  private wakeTimes: number[] = [];

  constructor(private readonly options: WorkerOptions) {
    this.workerId = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
    this.handlers = new Map(options.handlers.map((handler) => [handler.kind, handler]));
    this.leaseMs = options.leaseMs ?? 60_000;
    this.batchSize = options.batchSize ?? 50;
    this.concurrency = options.concurrency ?? 8;
  }

  /** Runs every due job, batch after batch; a drain already under way is joined, not doubled. */
  drain(): Promise<number> {
    if (this.draining) {
      this.kickAgain = true;
      return this.draining;
    }
    this.draining = this.drainLoop().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  /** Fire-and-forget drain after an enqueue, so a message goes out now rather than at the next tick. */
  kick(): void {
    if (this.stopped) return;
    this.drain().catch((error: unknown) => this.options.logger.error({ err: error }, 'job drain failed'));
  }

  /**
   * Stops taking new jobs and waits for those running. Jobs claimed in the same batch but not
   * started yet go back in line at once (released), for the next worker to run without
   * waiting for their lease to lapse.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.wakeTimer);
    await this.draining;
  }

  /**
   * A job put back for a moment before the next tick (a 429's turn, an early backoff step) is
   * claimed at that moment: the drain has ended by then, and the tick could be seconds off.
   */
  private wakeFor(dueAt: Date): void {
    const at = dueAt.getTime();
    if (this.stopped || at - this.options.clock.now().getTime() > WAKE_WITHIN_MS) return;
    this.wakeTimes.push(at);
    this.armWake();
  }

  /** One timer, for the earliest of the moments still to come; when it fires, the next is armed. */
  private armWake(): void {
    const now = this.options.clock.now().getTime();
    this.wakeTimes = this.wakeTimes.filter((at) => at > now);
    const next = this.wakeTimes.reduce((min, at) => Math.min(min, at), Number.POSITIVE_INFINITY);
    if (this.stopped || next === Number.POSITIVE_INFINITY || (this.wakeTimer && next >= this.wakeAt)) return;
    clearTimeout(this.wakeTimer);
    this.wakeAt = next;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.wakeAt = Number.POSITIVE_INFINITY;
      // Each moment wakes once, even on a clock that has not moved meanwhile (a test's).
      this.wakeTimes = this.wakeTimes.filter((at) => at > next);
      this.kick();
      this.armWake();
    }, next - now);
    this.wakeTimer.unref();
  }

  /** Done jobs past the retention period go, checked at most once an hour (and at the first drain). */
  private async deleteExpiredHourly(): Promise<void> {
    const now = this.options.clock.now().getTime();
    if (Math.abs(now - this.expiredDeletedAt) < HOUR_MS) return;
    this.expiredDeletedAt = now;
    const deleted = await this.options.queue.deleteExpired(new Date(now));
    if (deleted > 0) this.options.logger.info({ deleted }, 'deleted done jobs past the retention period');
  }

  private async drainLoop(): Promise<number> {
    let ran = 0;
    do {
      this.kickAgain = false;
      for (;;) {
        if (this.stopped) return ran;
        await this.options.turn?.();
        await this.deleteExpiredHourly();
        const jobs = await this.options.queue.claim(
          this.workerId,
          this.options.clock.now(),
          this.leaseMs,
          this.batchSize,
        );
        if (jobs.length === 0) break;
        await this.runAll(jobs);
        ran += jobs.length;
      }
    } while (this.kickAgain && !this.stopped);
    return ran;
  }

  /** Runs a batch with bounded concurrency; jobs of one ordering key are never in the same batch twice. */
  private async runAll(jobs: ClaimedJob[]): Promise<void> {
    let next = 0;
    const lanes = Array.from({ length: Math.min(this.concurrency, jobs.length) }, async () => {
      while (next < jobs.length && !this.stopped) {
        const job = jobs[next++];
        if (job) await this.runOne(job);
      }
    });
    await Promise.all(lanes);
    const unstarted = jobs.slice(next);
    if (unstarted.length > 0) {
      await Promise.all(unstarted.map((job) => this.options.queue.release(job)));
      this.options.logger.info({ released: unstarted.length }, 'worker stopped: claimed jobs released');
    }
  }

  private async runOne(job: ClaimedJob): Promise<void> {
    const { queue, clock, logger } = this.options;
    await this.options.turn?.();
    const log = logger.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    if (job.attempts > job.maxAttempts) {
      await queue.park(job, clock.now(), 'gave up: the lease lapsed on every attempt (worker crashed?)');
      log.error('job parked after its lease lapsed too often');
      return;
    }
    const handler = this.handlers.get(job.kind);
    if (!handler) {
      await queue.park(job, clock.now(), `no handler for job kind "${job.kind}"`);
      log.error('job parked: unknown kind');
      return;
    }
    const parsed = handler.schema.safeParse(job.payload);
    if (!parsed.success) {
      await queue.park(job, clock.now(), `invalid payload: ${parsed.error.message}`);
      log.error('job parked: invalid payload');
      return;
    }
    const renew = setInterval(
      () => {
        queue.renewLease(job, new Date(clock.now().getTime() + this.leaseMs)).catch(() => undefined);
      },
      Math.max(1_000, this.leaseMs / 3),
    );
    try {
      await handler.run(parsed.data, {
        idempotencyKey: job.idempotencyKey,
        attempt: job.attempts,
        jobId: job.id,
        queuedAt: job.createdAt,
      });
      await queue.complete(job, clock.now());
      log.debug('job done');
    } catch (error) {
      await this.handleFailure(job, error, log);
    } finally {
      clearInterval(renew);
    }
  }

  private async handleFailure(job: ClaimedJob, error: unknown, log: Logger): Promise<void> {
    const { queue, clock } = this.options;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const random = this.options.random ?? Math.random;
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    if (error instanceof RetryLaterError) {
      // Asked to wait (a 429): routine under load, so not a failure and never a reason to park.
      const delay = retryDelayMs(job.attempts, random, error.retryAfterMs, backoff);
      const dueAt = new Date(clock.now().getTime() + delay);
      await queue.defer(job, dueAt, message);
      this.wakeFor(dueAt);
      log.debug({ error: message, retryInMs: delay }, 'job throttled; will retry when asked');
      return;
    }
    if (error instanceof PermanentJobError || job.attempts >= job.maxAttempts) {
      await queue.park(job, clock.now(), message);
      log.error({ error: message }, 'job parked as failed');
      return;
    }
    const delay = retryDelayMs(job.attempts, random, undefined, backoff);
    const dueAt = new Date(clock.now().getTime() + delay);
    await queue.retryAt(job, dueAt, message);
    this.wakeFor(dueAt);
    log.warn({ error: message, retryInMs: delay }, 'job failed; will retry');
  }
}
