// npm run bench -- queue: enqueue + drain of 10,000 no-op jobs on SQLite and on PostgreSQL,
// as jobs/second, with the process's peak RSS; and how long one claim of 50 takes while those
// 10,000 wait (a backlog after a platform outage: a claim blocks the event loop on SQLite, so
// it must not grow with the backlog). Prints numbers; never fails on time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { systemClock } from '../src/clock.js';
import { percentile } from '../src/domain/stats/percentile.js';
import { JobQueue } from '../src/jobs/queue.js';
import { defineJob, Worker } from '../src/jobs/worker.js';
import { silentLogger } from '../src/logger.js';
import { openDatabase } from '../src/store/database.js';

const JOBS = 10_000;
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function run(label: string, url: string): Promise<void> {
  const { store, provider, close } = await openDatabase(url);
  const queue = new JobQueue(store, provider, 14);
  let ran = 0;
  const worker = new Worker({
    queue,
    clock: systemClock,
    logger: silentLogger,
    batchSize: 200,
    handlers: [defineJob({ kind: 'noop', schema: z.object({ i: z.number() }), run: async () => void ran++ })],
  });
  const started = performance.now();
  for (let i = 0; i < JOBS; i++) {
    // Like a request's messages: a few jobs per ordering key, each waiting for the one before.
    const job = {
      kind: 'noop',
      payload: { i },
      idempotencyKey: `bench-${i}`,
      orderingKey: `request:${i % 2000}`,
    };
    await queue.enqueue(store, job, new Date());
  }
  const claimMs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const before = performance.now();
    const claimed = await queue.claim('bench', new Date(), 60_000, 50);
    claimMs.push(performance.now() - before);
    for (const job of claimed) {
      await queue.complete(job, new Date());
      ran++;
    }
  }
  const enqueued = performance.now();
  await worker.drain();
  const drained = performance.now();
  await close();
  const seconds = (ms: number) => ms / 1000;
  process.stdout.write(
    `${label.padEnd(11)} enqueue ${Math.round(JOBS / seconds(enqueued - started))} jobs/s, ` +
      `drain ${Math.round(JOBS / seconds(drained - enqueued))} jobs/s, ` +
      `enqueue+drain ${Math.round(JOBS / seconds(drained - started))} jobs/s (${ran} ran); ` +
      `one claim of 50 from the backlog: median ${percentile(claimMs, 0.5).toFixed(1)} ms\n`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'gapdesk-bench-'));
await run('SQLite', `file:${join(dir, 'queue.db')}`);
rmSync(dir, { recursive: true, force: true });

const admin = new pg.Client({ connectionString: ADMIN_URL });
try {
  await admin.connect();
  const name = `gapdesk_bench_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await run('PostgreSQL', ADMIN_URL.replace(/\/[^/]*$/, `/${name}`));
  await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  await admin.end();
} catch (error) {
  process.stdout.write(`PostgreSQL  skipped: ${(error as Error).message}\n`);
}
process.stdout.write(`peak RSS    ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`);
