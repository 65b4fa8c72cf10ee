import type { DbOrTx } from './database.js';

/** The result recorded under a key by the first handling, or null if this is the first. */
export async function findIdempotentResult(db: DbOrTx, key: string): Promise<string | null> {
  const row = await db.idempotencyKey.findUnique({ where: { key } });
  return row ? (row.result ?? '') : null;
}

/** Records a key inside the caller's transaction; a concurrent twin fails on the primary key and rolls back. */
export async function recordIdempotentResult(
  db: DbOrTx,
  key: string,
  result: string,
  now: Date,
): Promise<void> {
  await db.idempotencyKey.create({ data: { key, result, createdAt: now } });
}
