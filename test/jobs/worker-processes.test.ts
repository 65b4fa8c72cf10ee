import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { JobQueue } from '../../src/jobs/queue.js';
import { countRows, describeEachDatabase } from '../support/databases.js';

const WORKER_SCRIPT = new URL('../support/worker-process.ts', import.meta.url).pathname;

function startWorker(options: {
  url: string;
  workerId: string;
  leaseMs: number;
  runLog: string;
  hangOn?: string;
}) {
  const child = fork(WORKER_SCRIPT, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
  return { child, ready };
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function stopWorker(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.send('stop');
  });
}

describeEachDatabase('queue workers in separate processes', (database) => {
  let runLog: string;
  let children: ChildProcess[];

  beforeEach(async () => {
    await database().db.deleteFrom('jobs').execute();
    await database().db.deleteFrom('idempotencyKeys').execute();
    runLog = join(mkdtempSync(join(tmpdir(), 'gapdesk-runs-')), 'runs.log');
    writeFileSync(runLog, '');
    children = [];
  });

  afterEach(async () => {
    for (const child of children) child.kill('SIGKILL');
  });

  const lines = () => readFileSync(runLog, 'utf8').split('\n').filter(Boolean);

  it('a job whose worker is killed mid-job is finished by another worker after the lease, once', async () => {
    const { db, store, provider, url } = database();
    const queue = new JobQueue(store, provider, 14);
    const job = () =>
      db.selectFrom('jobs').selectAll().where('idempotencyKey', '=', 'crash-1').executeTakeFirstOrThrow();
    await queue.enqueue(
      store,
      { kind: 'effect', payload: { text: 'doomed' }, idempotencyKey: 'crash-1' },
      new Date(),
    );

    const first = startWorker({ url, workerId: 'A', leaseMs: 1_500, runLog, hangOn: 'doomed' });
    children.push(first.child);
    await first.ready;
    await waitFor(() => lines().includes('A started 1'), 20_000);
    first.child.kill('SIGKILL');

    // The second worker runs a normal handler: it must pick the job up only after A's lease lapses.
    const second = startWorker({ url, workerId: 'B', leaseMs: 1_500, runLog });
    children.push(second.child);
    await second.ready;
    await waitFor(async () => (await job()).status === 'done', 20_000);
    await stopWorker(second.child);

    expect(lines()).toEqual(['A started 1', 'B started 1', 'B ran 1']);
    expect(await countRows(db, 'idempotencyKeys', (eb) => eb('key', '=', 'effect:crash-1'))).toBe(1);
    expect(await job()).toMatchObject({
      status: 'done',
      attempts: 2,
    });
  });

  it('two worker processes drain 1,000 jobs and each job runs exactly once', async () => {
    const { db, store, provider, url } = database();
    const now = new Date();
    await db
      .insertInto('jobs')
      .values(
        Array.from({ length: 1_000 }, (_, i) => ({
          kind: 'effect',
          payload: JSON.stringify({ text: `job ${i}` }),
          idempotencyKey: `bulk-${i}`,
          status: 'pending',
          dueAt: now,
          maxAttempts: 5,
          createdAt: now,
        })),
      )
      .execute();
    const queue = new JobQueue(store, provider, 14);
    const workers = [
      startWorker({ url, workerId: 'A', leaseMs: 30_000, runLog }),
      startWorker({ url, workerId: 'B', leaseMs: 30_000, runLog }),
    ];
    children.push(...workers.map((worker) => worker.child));
    await Promise.all(workers.map((worker) => worker.ready));
    await waitFor(async () => (await queue.counts()).done === 1_000, 60_000);
    await Promise.all(workers.map((worker) => stopWorker(worker.child)));

    const ran = lines().filter((line) => line.includes(' ran '));
    const jobIds = ran.map((line) => line.split(' ')[2]);
    expect(ran).toHaveLength(1_000);
    expect(new Set(jobIds).size).toBe(1_000);
    expect(await countRows(db, 'idempotencyKeys')).toBe(1_000);
    if (provider === 'postgresql') {
      // Both processes really took part: the test proves exclusion, not a lucky single worker.
      expect(ran.some((line) => line.startsWith('A '))).toBe(true);
      expect(ran.some((line) => line.startsWith('B '))).toBe(true);
    }
  }, 90_000);
});
