import { clientOf, type Store } from './database.js';

export type OpenPromise = { id: number; dueAt: Date };

/** A request's unsettled promises of one kind. */
export async function openPromises(store: Store, requestId: string, kind: string): Promise<OpenPromise[]> {
  return clientOf(store).requestPromise.findMany({
    where: { requestId, kind, settledAt: null },
    select: { id: true, dueAt: true },
  });
}

export async function settlePromise(
  store: Store,
  id: number,
  settlement: { at: Date; outcome: string; slipMinutes: number },
): Promise<void> {
  await clientOf(store).requestPromise.update({
    where: { id },
    data: { settledAt: settlement.at, outcome: settlement.outcome, slipMinutes: settlement.slipMinutes },
  });
}

export async function addPromise(
  store: Store,
  promise: { requestId: string; teamId: string; kind: string; madeAt: Date; dueAt: Date },
): Promise<void> {
  await clientOf(store).requestPromise.create({ data: promise });
}

/** Every open promise of a request, settled as void (the request was cancelled). */
export async function voidOpenPromises(store: Store, requestId: string, at: Date): Promise<void> {
  await clientOf(store).requestPromise.updateMany({
    where: { requestId, settledAt: null },
    data: { settledAt: at, outcome: 'void' },
  });
}
