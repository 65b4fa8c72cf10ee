import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';

const insert = 'INSERT INTO idempotency_keys (key, result, created_at) VALUES (?, ?, ?)';
const at = new Date('2026-11-23T09:00:00.000Z');

describeEachDatabase('plain SQL on the hot paths', (database) => {
  const keys = async (prefix: string) =>
    (
      await database().sql.sql.all<{ key: string }>(
        'SELECT key FROM idempotency_keys WHERE key LIKE ? ORDER BY key',
        `${prefix}%`,
      )
    ).map((row) => row.key);

  it('a transaction keeps its writes when it resolves and none of them when it throws', async () => {
    const { sql } = database();
    await sql.transaction(async (tx) => {
      await tx.run(insert, 'tx-kept-1', 'a', at);
      await tx.run(insert, 'tx-kept-2', 'b', at);
    });
    const refused = sql.transaction(async (tx) => {
      await tx.run(insert, 'tx-undone-1', 'a', at);
      throw new Error('refused');
    });
    await expect(refused).rejects.toThrow('refused');
    expect(await keys('tx-')).toEqual(['tx-kept-1', 'tx-kept-2']);
  });

  it('rows written by plain SQL read back through Prisma with the same values, dates included', async () => {
    const { sql, db } = database();
    await sql.sql.run(insert, 'both-ways', 'r', at);
    const row = await db.idempotencyKey.findUniqueOrThrow({ where: { key: 'both-ways' } });
    expect(row.createdAt.toISOString()).toBe(at.toISOString());
    await db.idempotencyKey.create({ data: { key: 'both-ways-2', result: 'p', createdAt: at } });
    const back = await sql.sql.get<{ created_at: unknown }>(
      'SELECT created_at FROM idempotency_keys WHERE key = ?',
      'both-ways-2',
    );
    expect(new Date(back?.created_at as string | Date).toISOString()).toBe(at.toISOString());
  });

  it('SQL given a Prisma transaction joins it: rolled back with it', async () => {
    const { sql, db } = database();
    const refused = db.$transaction(async (tx) => {
      await sql.over(tx).run(insert, 'joined-1', 'a', at);
      throw new Error('refused');
    });
    await expect(refused).rejects.toThrow('refused');
    expect(await keys('joined-')).toEqual([]);
  });

  it('plain SQL and Prisma transactions interleaved keep exactly what committed', async () => {
    const { sql, db } = database();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 3 === 0
          ? db.$transaction(async (tx) => {
              await sql.over(tx).run(insert, `mixed-${String(i).padStart(2, '0')}`, 'p', at);
              await new Promise((resolve) => setTimeout(resolve, 1));
              if (i % 2 === 0) throw new Error('rolled back');
            })
          : i % 3 === 1
            ? sql.transaction(async (tx) => {
                await tx.run(insert, `mixed-${String(i).padStart(2, '0')}`, 'd', at);
                if (i % 2 === 0) throw new Error('rolled back');
              })
            : sql.sql.run(insert, `mixed-${String(i).padStart(2, '0')}`, 's', at)
        ).catch(() => undefined),
      ),
    );
    const expected = Array.from({ length: 30 }, (_, i) => i)
      .filter((i) => i % 3 === 2 || i % 2 === 1)
      .map((i) => `mixed-${String(i).padStart(2, '0')}`);
    expect(await keys('mixed-')).toEqual(expected);
  });
});

describeEachDatabase('plain SQL on SQLite inside a Prisma transaction', (database) => {
  it('is refused with a clear error instead of waiting for the lock the transaction holds', async () => {
    const { sql, db, provider } = database();
    if (provider !== 'sqlite') {
      // PostgreSQL gives each transaction its own connection: there is no shared lock to wait for.
      await db.$transaction(async () => {
        expect(await sql.sql.run(insert, 'pg-outside', 'x', at)).toBe(1);
      });
      return;
    }
    const attempt = db.$transaction(async () => {
      await sql.sql.run(insert, 'sqlite-outside', 'x', at);
    });
    await expect(attempt).rejects.toThrow('use sqlStore.over(tx)');
  });

  it('runs again once the transaction is over, and is refused again inside the next one', async () => {
    const { sql, db, provider } = database();
    await db.$transaction(async (tx) => {
      await sql.over(tx).run(insert, 'inside-then-after', 'x', at);
    });

    expect(await sql.sql.run(insert, 'after-the-transaction', 'x', at)).toBe(1);
    if (provider !== 'sqlite') return;
    const next = db.$transaction(async () => {
      await sql.sql.run(insert, 'inside-the-next', 'x', at);
    });
    await expect(next).rejects.toThrow('use sqlStore.over(tx)');
  });
});
