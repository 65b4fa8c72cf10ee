import { randomUUID } from 'node:crypto';
import type { Actor, Person } from '../domain/request.js';
import { type NotifyOn, notifyOnSchema } from '../domain/requester-updates.js';
import { clientOf, type Store } from './database.js';
import { toPerson } from './rows.js';

/**
 * The Person for a platform user, created on first sight. A later sighting with a name or
 * timezone refreshes it (people rename themselves and travel). Every click and command names
 * its actor, and almost always as we already know them: that is one read, not a write.
 */
export async function upsertPerson(store: Store, actor: Actor): Promise<Person> {
  const db = clientOf(store);
  const known = await db
    .selectFrom('people')
    .selectAll()
    .where('platform', '=', actor.platform)
    .where('platformUserId', '=', actor.userId)
    .executeTakeFirst();
  if (
    known &&
    (actor.name === undefined || actor.name === known.name) &&
    (actor.timezone === undefined || actor.timezone === known.timezone) &&
    (actor.locale === undefined || actor.locale === known.locale)
  ) {
    return toPerson(known);
  }
  // Created or changed; an upsert, so two first sightings at once both succeed.
  const now = new Date();
  const row = await db
    .insertInto('people')
    .values({
      id: randomUUID(),
      platform: actor.platform,
      platformUserId: actor.userId,
      name: actor.name ?? actor.fallbackName ?? actor.userId,
      timezone: actor.timezone ?? null,
      locale: actor.locale ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflict((conflict) =>
      conflict.columns(['platform', 'platformUserId']).doUpdateSet({
        ...(actor.name !== undefined ? { name: actor.name } : {}),
        ...(actor.timezone !== undefined ? { timezone: actor.timezone } : {}),
        ...(actor.locale !== undefined ? { locale: actor.locale } : {}),
        updatedAt: now,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPerson(row);
}

export async function findPerson(store: Store, id: string): Promise<Person | null> {
  const row = await clientOf(store).selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPerson(row) : null;
}

/** These people by id, in one query (ids not found are absent). */
export async function findPeople(store: Store, ids: readonly string[]): Promise<Map<string, Person>> {
  const rows = await clientOf(store)
    .selectFrom('people')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, toPerson(row)]));
}

/** The names known for these platform user ids (ids never seen are absent). */
export async function namesOf(
  store: Store,
  platform: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await clientOf(store)
    .selectFrom('people')
    .select(['platformUserId', 'name'])
    .where('platform', '=', platform)
    .where('platformUserId', 'in', [...userIds])
    .execute();
  return new Map(rows.map((row) => [row.platformUserId, row.name]));
}

export async function findPlatformPerson(
  store: Store,
  platform: string,
  platformUserId: string,
): Promise<Person | null> {
  const row = await clientOf(store)
    .selectFrom('people')
    .selectAll()
    .where('platform', '=', platform)
    .where('platformUserId', '=', platformUserId)
    .executeTakeFirst();
  return row ? toPerson(row) : null;
}

/** Which of their requests' changes the person hears of (every change unless they chose quiet mode). */
export async function notifyOnOf(store: Store, personId: string): Promise<NotifyOn> {
  const row = await clientOf(store)
    .selectFrom('people')
    .select('notifyOn')
    .where('id', '=', personId)
    .executeTakeFirst();
  return notifyOnSchema.parse(row?.notifyOn ?? 'every_change');
}

export async function setNotifyOn(store: Store, personId: string, notifyOn: NotifyOn): Promise<void> {
  await clientOf(store)
    .updateTable('people')
    .set({ notifyOn, updatedAt: new Date() })
    .where('id', '=', personId)
    .execute();
}
