import { clientOf, type Store } from './database.js';

export type OpenPromise = { id: number; dueAt: Date };

/** A request's unsettled promises of one kind. */
export async function openPromises(store: Store, requestId: string, kind: string): Promise<OpenPromise[]> {
  return clientOf(store)
    .selectFrom('requestPromises')
    .select(['id', 'dueAt'])
    .where('requestId', '=', requestId)
    .where('kind', '=', kind)
    .where('settledAt', 'is', null)
    .execute();
}

export async function settlePromise(
  store: Store,
  id: number,
  settlement: { at: Date; outcome: string; slipMinutes: number },
): Promise<void> {
  await clientOf(store)
    .updateTable('requestPromises')
    .set({ settledAt: settlement.at, outcome: settlement.outcome, slipMinutes: settlement.slipMinutes })
    .where('id', '=', id)
    .execute();
}

export async function addPromise(
  store: Store,
  promise: { requestId: string; teamId: string; kind: string; madeAt: Date; dueAt: Date },
): Promise<void> {
  await clientOf(store).insertInto('requestPromises').values(promise).execute();
}

/** Every open promise of a request, settled as void (the request was cancelled). */
export async function voidOpenPromises(store: Store, requestId: string, at: Date): Promise<void> {
  await clientOf(store)
    .updateTable('requestPromises')
    .set({ settledAt: at, outcome: 'void' })
    .where('requestId', '=', requestId)
    .where('settledAt', 'is', null)
    .execute();
}
