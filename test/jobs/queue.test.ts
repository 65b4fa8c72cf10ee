import { beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import { ManualClock } from '../../src/clock.js';
import { PermanentJobError, RetryLaterError } from '../../src/jobs/job-errors.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { defineJob, Worker } from '../../src/jobs/worker.js';
import { silentLogger } from '../../src/logger.js';
import { transaction } from '../../src/store/database.js';
import { countRows, describeEachDatabase } from '../support/databases.js';

describeEachDatabase('the durable job queue', (database) => {
  let clock: ManualClock;
  let queue: JobQueue;
  let ran: string[];
  let failuresLeft: number;

  const handlers = [
    defineJob({
      kind: 'note',
      schema: z.object({ text: z.string() }),
      run: async ({ text }) => {
        ran.push(text);
      },
    }),
    defineJob({
      kind: 'flaky',
      schema: z.object({ text: z.string() }),
      run: async ({ text }) => {
        if (failuresLeft-- > 0) throw new Error('platform is down');
        ran.push(text);
      },
    }),
    defineJob({
      kind: 'rate-limited',
      schema: z.object({}),
      run: async () => {
        if (failuresLeft-- > 0) throw new RetryLaterError('429', 30_000);
        ran.push('rate-limited');
      },
    }),
    defineJob({
      kind: 'broken',
      schema: z.object({}),
      run: async () => {
        throw new PermanentJobError('channel_not_found');
      },
    }),
  ];

  const jobByKey = (key: string) =>
    database().db.selectFrom('jobs').selectAll().where('idempotencyKey', '=', key).executeTakeFirstOrThrow();

  const worker = (id = 'w1') =>
    new Worker({
      queue,
      handlers,
      clock,
      logger: silentLogger,
      workerId: id,
      random: () => 0.5,
      leaseMs: 60_000,
    });

  beforeEach(async () => {
    const { db, store, provider } = database();
    await db.deleteFrom('jobs').execute();
    clock = new ManualClock('2026-11-23T09:00:00Z');
    queue = new JobQueue(store, provider, 14);
    ran = [];
    failuresLeft = 0;
  });

  it('a second enqueue with the same idempotency key adds nothing', async () => {
    const { store } = database();
    expect(
      await queue.enqueue(store, { kind: 'note', payload: { text: 'a' }, idempotencyKey: 'k1' }, clock.now()),
    ).toBe(true);
    expect(
      await queue.enqueue(store, { kind: 'note', payload: { text: 'b' }, idempotencyKey: 'k1' }, clock.now()),
    ).toBe(false);
    await worker().drain();
    expect(ran).toEqual(['a']);
  });

  it('two workers claiming at once run each job once', async () => {
    const { db, store } = database();
    for (let i = 0; i < 20; i++) {
      await queue.enqueue(
        store,
        { kind: 'note', payload: { text: `n${i}` }, idempotencyKey: `n${i}` },
        clock.now(),
      );
    }
    await Promise.all([worker('w1').drain(), worker('w2').drain()]);
    expect(ran.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`).sort());
    expect(await countRows(db, 'jobs')).toBe(20);
  });

  it('a job enqueued inside a rolled-back transaction never runs', async () => {
    const { store } = database();
    await expect(
      transaction(store, async (tx) => {
        await queue.enqueue(
          tx,
          { kind: 'note', payload: { text: 'ghost' }, idempotencyKey: 'k-tx' },
          clock.now(),
        );
        throw new Error('the request write failed');
      }),
    ).rejects.toThrow('the request write failed');
    await worker().drain();
    expect(ran).toEqual([]);
  });

  it('a job due later waits until the clock reaches it', async () => {
    const { store } = database();
    const dueAt = new Date('2026-11-23T10:00:00Z');
    await queue.enqueue(
      store,
      { kind: 'note', payload: { text: 'later' }, idempotencyKey: 'k2', dueAt },
      clock.now(),
    );
    expect(await worker().drain()).toBe(0);
    clock.set(dueAt);
    await worker().drain();
    expect(ran).toEqual(['later']);
  });

  it('a failing job is retried with backoff and then succeeds once', async () => {
    const { store } = database();
    failuresLeft = 2;
    await queue.enqueue(
      store,
      { kind: 'flaky', payload: { text: 'eventually' }, idempotencyKey: 'k3' },
      clock.now(),
    );
    const w = worker();
    await w.drain();
    const afterFirst = await jobByKey('k3');
    expect(afterFirst.status).toBe('pending');
    expect(afterFirst.lastError).toContain('platform is down');
    // attempt 1 failed: base 1 s with half jitter at random 0.5 → 750 ms
    expect(afterFirst.dueAt.getTime() - clock.now().getTime()).toBe(750);
    clock.advance(750);
    await w.drain();
    const afterSecond = await jobByKey('k3');
    expect(afterSecond.dueAt.getTime() - clock.now().getTime()).toBe(1_500);
    clock.advance(1_500);
    await w.drain();
    expect(ran).toEqual(['eventually']);
    expect((await jobByKey('k3')).status).toBe('done');
  });

  it("a 429's Retry-After is honoured before the next attempt", async () => {
    const { store } = database();
    failuresLeft = 1;
    await queue.enqueue(store, { kind: 'rate-limited', payload: {}, idempotencyKey: 'k4' }, clock.now());
    await worker().drain();
    clock.advance(29_000);
    await worker().drain();
    expect(ran).toEqual([]);
    clock.advance(2_000);
    await worker().drain();
    expect(ran).toEqual(['rate-limited']);
  });

  it('a job throttled (429) more times than its max attempts waits each time and is never parked for it', async () => {
    const { store } = database();
    failuresLeft = 5;
    await queue.enqueue(
      store,
      { kind: 'rate-limited', payload: {}, idempotencyKey: 'k4b', maxAttempts: 2 },
      clock.now(),
    );
    for (let i = 0; i < 5; i++) {
      await worker().drain();
      expect(await jobByKey('k4b')).toMatchObject({ status: 'pending', attempts: 0 });
      clock.advance(31_000);
    }
    await worker().drain();
    expect(ran).toEqual(['rate-limited']);
    expect(await jobByKey('k4b')).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('the backoff policy caps the wait between attempts of a failing job', async () => {
    const { store } = database();
    failuresLeft = 100;
    await queue.enqueue(store, { kind: 'flaky', payload: { text: 'x' }, idempotencyKey: 'k4c' }, clock.now());
    const capped = new Worker({
      queue,
      handlers,
      clock,
      logger: silentLogger,
      random: () => 0.5,
      backoff: { baseMs: 1_000, maxMs: 2_000 },
    });
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      await capped.drain();
      const job = await jobByKey('k4c');
      waits.push(job.dueAt.getTime() - clock.now().getTime());
      clock.advance(2_000);
    }
    // half fixed, half jitter (0.5): 750, 1 500, then the 2 s cap → 1 500 from then on
    expect(waits).toEqual([750, 1_500, 1_500, 1_500, 1_500]);
  });

  it('a job that keeps failing is parked as failed with its last error, not dropped', async () => {
    const { store } = database();
    failuresLeft = 100;
    await queue.enqueue(
      store,
      { kind: 'flaky', payload: { text: 'x' }, idempotencyKey: 'k5', maxAttempts: 3 },
      clock.now(),
    );
    for (let i = 0; i < 5; i++) {
      await worker().drain();
      clock.advance(60_000);
    }
    const job = await jobByKey('k5');
    expect(job).toMatchObject({ status: 'failed', attempts: 3 });
    expect(job.lastError).toContain('platform is down');
    expect(await queue.counts()).toMatchObject({ failed: 1, pending: 0 });
    expect(await queue.requeueFailed(clock.now())).toBe(1);
    failuresLeft = 0;
    await worker().drain();
    expect(ran).toEqual(['x']);
  });

  it('a permanent error parks the job at once', async () => {
    const { store } = database();
    await queue.enqueue(store, { kind: 'broken', payload: {}, idempotencyKey: 'k6' }, clock.now());
    await worker().drain();
    expect(await jobByKey('k6')).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'PermanentJobError: channel_not_found',
    });
  });

  it('an unknown kind or an invalid payload is parked with the reason', async () => {
    const { db, store } = database();
    await queue.enqueue(
      store,
      { kind: 'nobody-handles-this', payload: {}, idempotencyKey: 'k7' },
      clock.now(),
    );
    await queue.enqueue(store, { kind: 'note', payload: { text: 42 }, idempotencyKey: 'k8' }, clock.now());
    await worker().drain();
    const jobs = await db.selectFrom('jobs').selectAll().orderBy('id').execute();
    expect(jobs.map((job) => job.status)).toEqual(['failed', 'failed']);
    expect(jobs[0]?.lastError).toContain('no handler');
    expect(jobs[1]?.lastError).toContain('invalid payload');
  });

  it('a lapsed lease lets another worker take the job, and the first worker can no longer complete it', async () => {
    const { store } = database();
    await queue.enqueue(
      store,
      { kind: 'note', payload: { text: 'orphan' }, idempotencyKey: 'k9' },
      clock.now(),
    );
    const [claimed] = await queue.claim('dead-worker', clock.now(), 10_000, 10);
    expect(claimed).toBeDefined();
    expect(await queue.claim('other', clock.now(), 10_000, 10)).toEqual([]);
    clock.advance(10_001);
    await worker('w2').drain();
    expect(ran).toEqual(['orphan']);
    if (claimed) expect(await queue.complete(claimed, clock.now())).toBe(false);
  });

  it('one claim takes lapsed jobs first, then the earliest due ones, never more than asked', async () => {
    const { store } = database();
    const note = (text: string, key: string, dueAt?: Date) =>
      queue.enqueue(store, { kind: 'note', payload: { text }, idempotencyKey: key, dueAt }, clock.now());
    await note('orphan', 'c1');
    await queue.claim('dead-worker', clock.now(), 10_000, 1);
    await note('later', 'c2', new Date(clock.now().getTime() + 5_000));
    await note('early', 'c3', new Date(clock.now().getTime() + 1_000));
    await note('not yet', 'c4', new Date(clock.now().getTime() + 60_000));
    clock.advance(10_001);

    const claimed = await queue.claim('w2', clock.now(), 10_000, 2);

    expect(claimed.map((job) => (job.payload as { text: string }).text)).toEqual(['orphan', 'early']);
    const rest = await queue.claim('w2', clock.now(), 10_000, 10);
    expect(rest.map((job) => (job.payload as { text: string }).text)).toEqual(['later']);
  });

  it('the worker waits for its turn before each step (a claim, a job), so requests are answered first', async () => {
    const { store } = database();
    await queue.enqueue(store, { kind: 'note', payload: { text: 'a' }, idempotencyKey: 't-a' }, clock.now());
    await queue.enqueue(store, { kind: 'note', payload: { text: 'b' }, idempotencyKey: 't-b' }, clock.now());
    const steps: string[] = [];
    const waiting = new Worker({
      queue,
      handlers,
      clock,
      logger: silentLogger,
      turn: async () => {
        steps.push(`turn after ${ran.length} ran`);
      },
    });
    await waiting.drain();
    expect(ran).toEqual(['a', 'b']);
    // The claim, each job of the batch (started in parallel lanes), then the claim that finds nothing.
    expect(steps).toEqual(['turn after 0 ran', 'turn after 0 ran', 'turn after 0 ran', 'turn after 2 ran']);
  });

  it('a stopped worker finishes the job it is running and puts back the ones it claimed but never started', async () => {
    const { store } = database();
    for (const text of ['a', 'b', 'c']) {
      await queue.enqueue(
        store,
        { kind: 'gated', payload: { text }, idempotencyKey: `s-${text}` },
        clock.now(),
      );
    }
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const gated = defineJob({
      kind: 'gated',
      schema: z.object({ text: z.string() }),
      run: async ({ text }) => {
        started();
        await gate;
        ran.push(text);
      },
    });
    const one = new Worker({ queue, handlers: [gated], clock, logger: silentLogger, concurrency: 1 });
    const draining = one.drain();
    await running;
    const stopped = one.stop();
    open();
    await stopped;
    await draining;
    expect(ran).toEqual(['a']);
    expect(await jobByKey('s-a')).toMatchObject({ status: 'done' });
    for (const key of ['s-b', 's-c']) {
      expect(await jobByKey(key)).toMatchObject({ status: 'pending', attempts: 0, leaseOwner: null });
    }
    // Due as before: the next worker runs them now, not after the lease would have lapsed.
    await new Worker({ queue, handlers: [gated], clock, logger: silentLogger }).drain();
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('jobs with the same ordering key run one after another, in order, even after a failure', async () => {
    const { store } = database();
    failuresLeft = 1;
    await queue.enqueue(
      store,
      { kind: 'flaky', payload: { text: 'first' }, idempotencyKey: 'o1', orderingKey: 'req-1' },
      clock.now(),
    );
    await queue.enqueue(
      store,
      { kind: 'note', payload: { text: 'second' }, idempotencyKey: 'o2', orderingKey: 'req-1' },
      clock.now(),
    );
    await queue.enqueue(
      store,
      { kind: 'note', payload: { text: 'other' }, idempotencyKey: 'o3', orderingKey: 'req-2' },
      clock.now(),
    );
    await worker().drain();
    expect(ran).toEqual(['other']);
    clock.advance(5_000);
    await worker().drain();
    expect(ran).toEqual(['other', 'first', 'second']);
  });

  it('done jobs are deleted once older than the retention period; pending and parked ones never are', async () => {
    const { db, store } = database();
    const enqueue = (key: string, kind = 'note', dueAt?: Date) =>
      queue.enqueue(
        store,
        { kind, payload: { text: key }, idempotencyKey: key, ...(dueAt ? { dueAt } : {}) },
        clock.now(),
      );
    await enqueue('old-done');
    await enqueue('old-parked', 'unknown-kind');
    await worker().drain();
    await enqueue('waiting-a-month', 'note', new Date(clock.now().getTime() + 30 * 86_400_000));
    clock.advance(13 * 86_400_000);
    await enqueue('recent-done');
    await worker().drain();

    clock.advance(1 * 86_400_000 + 1);
    expect(await queue.deleteExpired(clock.now())).toBe(1);
    const left = await db.selectFrom('jobs').selectAll().orderBy('id').execute();
    expect(left.map((job) => [job.idempotencyKey, job.status])).toEqual([
      ['old-parked', 'failed'],
      ['waiting-a-month', 'pending'],
      ['recent-done', 'done'],
    ]);

    clock.advance(14 * 86_400_000);
    expect(await queue.deleteExpired(clock.now())).toBe(1);
    expect(
      (await db.selectFrom('jobs').selectAll().execute()).map((job) => job.idempotencyKey).sort(),
    ).toEqual(['old-parked', 'waiting-a-month']);
  });

  it('the worker deletes expired done jobs as it drains, at most once an hour', async () => {
    const { db, store } = database();
    await queue.enqueue(store, { kind: 'note', payload: { text: 'a' }, idempotencyKey: 'r-a' }, clock.now());
    const draining = worker();
    await draining.drain();
    clock.advance(15 * 86_400_000);
    await queue.enqueue(store, { kind: 'note', payload: { text: 'b' }, idempotencyKey: 'r-b' }, clock.now());
    await draining.drain();
    expect((await db.selectFrom('jobs').selectAll().execute()).map((job) => job.idempotencyKey)).toEqual([
      'r-b',
    ]);
  });
});
