import type { Actor } from '../domain/request.js';
import type { NotifyOn } from '../domain/requester-updates.js';
import { notifyOnOf, setNotifyOn, upsertPerson } from '../store/people.js';
import type { ServiceDeps } from './service-deps.js';

/** Sets how much the person hears of their requests' changes; applies to messages not yet sent. */
export async function setRequesterUpdates(
  deps: ServiceDeps,
  input: { actor: Actor; notifyOn: NotifyOn },
): Promise<NotifyOn> {
  const person = await upsertPerson(deps.store, input.actor);
  await setNotifyOn(deps.store, person.id, input.notifyOn);
  return input.notifyOn;
}

/** The person's choice, for a screen that offers the other one (App Home). */
export async function requesterUpdatesOf(deps: ServiceDeps, actor: Actor): Promise<NotifyOn> {
  const person = await upsertPerson(deps.store, actor);
  return notifyOnOf(deps.store, person.id);
}

/**
 * The requester's choice when a message to them is due. Read then, not when the change was
 * made: a choice made meanwhile applies to what is still to be said.
 */
export async function requesterNotifyOn(
  deps: Pick<ServiceDeps, 'store'>,
  requesterId: string,
): Promise<NotifyOn> {
  return notifyOnOf(deps.store, requesterId);
}
