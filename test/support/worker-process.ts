// A queue worker in its own process, for the crash and concurrency tests. Args (JSON in argv[2]):
// { url, workerId, leaseMs, runLog, hangOn? }. Each job it runs appends "<workerId> <jobId>" to
// runLog and records its effect idempotently (an idempotency-key row); a job whose text equals
// `hangOn` starts, logs "started", then hangs so the test can SIGKILL the process mid-job.
import { appendFileSync } from 'node:fs';
import { z } from 'zod';
import { systemClock } from '../../src/clock.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { defineJob, Worker } from '../../src/jobs/worker.js';
import { silentLogger } from '../../src/logger.js';
import { openDatabase } from '../../src/store/database.js';

const args = z
  .object({
    url: z.string(),
    workerId: z.string(),
    leaseMs: z.number(),
    runLog: z.string(),
    hangOn: z.string().optional(),
  })
  .parse(JSON.parse(process.argv[2] ?? '{}'));

const { db, store, provider, close } = await openDatabase(args.url);
const queue = new JobQueue(store, provider, 14);
const worker = new Worker({
  queue,
  clock: systemClock,
  logger: silentLogger,
  workerId: args.workerId,
  leaseMs: args.leaseMs,
  handlers: [
    defineJob({
      kind: 'effect',
      schema: z.object({ text: z.string() }),
      run: async ({ text }, { jobId, idempotencyKey }) => {
        appendFileSync(args.runLog, `${args.workerId} started ${jobId}\n`);
        if (text === args.hangOn) await new Promise(() => undefined);
        await db
          .insertInto('idempotencyKeys')
          .values({ key: `effect:${idempotencyKey}`, createdAt: new Date() })
          .onConflict((oc) => oc.column('key').doNothing())
          .execute();
        appendFileSync(args.runLog, `${args.workerId} ran ${jobId}\n`);
      },
    }),
  ],
});

process.send?.('ready');
// Keep draining until the parent says stop: jobs whose lease lapses become due while we poll.
let stop = false;
process.on('message', (message) => {
  if (message === 'stop') stop = true;
});
while (!stop) {
  const ran = await worker.drain();
  if (ran === 0) await new Promise((resolve) => setTimeout(resolve, 50));
}
await worker.stop();
await close();
process.exit(0);
