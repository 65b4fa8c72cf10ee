import { expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { transaction } from '../../src/store/database.js';
import { describeEachDatabase } from '../support/databases.js';

describeEachDatabase('one connection, concurrent flows', (database) => {
  const clock = new ManualClock(new Date('2026-11-02T09:00:00Z'));

  it("a write made while another flow's transaction is open survives that transaction's rollback", async () => {
    const { db, store, provider } = database();
    const queue = new JobQueue(store, provider, 14);
    let letItFail!: () => void;
    const held = new Promise<void>((resolve) => {
      letItFail = resolve;
    });
    let insideWrote!: () => void;
    const wrote = new Promise<void>((resolve) => {
      insideWrote = resolve;
    });
    const refused = transaction(store, async (tx) => {
      await queue.enqueue(tx, { kind: 'note', payload: {}, idempotencyKey: 'rolled-back' }, clock.now());
      insideWrote();
      await held;
      throw new Error('refused: someone else already has it');
    }).catch((error: unknown) => (error as Error).message);
    await wrote;
    // Another flow (a job finishing, say) writes while that transaction is still open.
    const outside = queue.enqueue(
      store,
      { kind: 'note', payload: {}, idempotencyKey: 'outside' },
      clock.now(),
    );
    letItFail();

    expect(await refused).toBe('refused: someone else already has it');
    expect(await outside).toBe(true);
    const keys = await db
      .selectFrom('jobs')
      .selectAll()
      .where('idempotencyKey', 'in', ['rolled-back', 'outside'])
      .execute();
    expect(keys.map((job) => job.idempotencyKey)).toEqual(['outside']);
  });

  it('many interleaved transactions and plain writes keep exactly what committed', async () => {
    const { db, store, provider } = database();
    const queue = new JobQueue(store, provider, 14);
    // Each plain write is issued while the transaction before it is open (after its insert).
    const opened = Array.from({ length: 40 }, () => {
      let signal!: () => void;
      const promise = new Promise<void>((resolve) => {
        signal = resolve;
      });
      return { promise, signal };
    });
    const flows = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0
        ? transaction(store, async (tx) => {
            await queue.enqueue(
              tx,
              { kind: 'note', payload: {}, idempotencyKey: `mix-tx-${i}` },
              clock.now(),
            );
            opened[i]?.signal();
            await new Promise((resolve) => setTimeout(resolve, 1));
            if (i % 4 === 0) throw new Error('rolled back');
          }).catch(() => undefined)
        : opened[i - 1]?.promise.then(() =>
            queue.enqueue(
              store,
              { kind: 'note', payload: {}, idempotencyKey: `mix-plain-${i}` },
              clock.now(),
            ),
          ),
    );
    await Promise.all(flows);
    const kept = (await db.selectFrom('jobs').selectAll().where('idempotencyKey', 'like', 'mix-%').execute())
      .map((job) => job.idempotencyKey)
      .sort();
    const expected = Array.from({ length: 40 }, (_, i) => i)
      .filter((i) => i % 4 !== 0)
      .map((i) => (i % 2 === 0 ? `mix-tx-${i}` : `mix-plain-${i}`))
      .sort();
    expect(kept).toEqual(expected);
  });
});
