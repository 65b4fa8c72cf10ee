import { clientOf, type Store } from './database.js';

/** The result recorded under a key by the first handling, or null if this is the first. */
export async function findIdempotentResult(store: Store, key: string): Promise<string | null> {
  const row = await clientOf(store)
    .selectFrom('idempotencyKeys')
    .select('result')
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? (row.result ?? '') : null;
}

/** Records a key inside the caller's transaction; a concurrent twin fails on the primary key and rolls back. */
export async function recordIdempotentResult(
  store: Store,
  key: string,
  result: string,
  now: Date,
): Promise<void> {
  await clientOf(store).insertInto('idempotencyKeys').values({ key, result, createdAt: now }).execute();
}
