import { randomUUID } from 'node:crypto';
import type { Actor, Person } from '../domain/request.js';
import { clientOf, type Store } from './database.js';
import { toPerson } from './rows.js';

/**
 * The Person for a platform user, created on first sight. A later sighting with a name or
 * timezone refreshes it (people rename themselves and travel). Every click and command names
 * its actor, and almost always as we already know them: that is one read, not a write.
 */
export async function upsertPerson(store: Store, actor: Actor): Promise<Person> {
  const db = clientOf(store);
  const where = { platform_platformUserId: { platform: actor.platform, platformUserId: actor.userId } };
  const known = await db.person.findUnique({ where });
  if (
    known &&
    (actor.name === undefined || actor.name === known.name) &&
    (actor.timezone === undefined || actor.timezone === known.timezone) &&
    (actor.locale === undefined || actor.locale === known.locale)
  ) {
    return toPerson(known);
  }
  // Created or changed; an upsert, so two first sightings at once both succeed.
  const row = await db.person.upsert({
    where,
    create: {
      id: randomUUID(),
      platform: actor.platform,
      platformUserId: actor.userId,
      name: actor.name ?? actor.fallbackName ?? actor.userId,
      timezone: actor.timezone ?? null,
      locale: actor.locale ?? null,
    },
    update: {
      ...(actor.name !== undefined ? { name: actor.name } : {}),
      ...(actor.timezone !== undefined ? { timezone: actor.timezone } : {}),
      ...(actor.locale !== undefined ? { locale: actor.locale } : {}),
    },
  });
  return toPerson(row);
}

export async function findPerson(store: Store, id: string): Promise<Person | null> {
  const row = await clientOf(store).person.findUnique({ where: { id } });
  return row ? toPerson(row) : null;
}

/** The names known for these platform user ids (ids never seen are absent). */
export async function namesOf(
  store: Store,
  platform: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await clientOf(store).person.findMany({
    where: { platform, platformUserId: { in: [...userIds] } },
    select: { platformUserId: true, name: true },
  });
  return new Map(rows.map((row) => [row.platformUserId, row.name]));
}

export async function findPlatformPerson(
  store: Store,
  platform: string,
  platformUserId: string,
): Promise<Person | null> {
  const row = await clientOf(store).person.findUnique({
    where: { platform_platformUserId: { platform, platformUserId } },
  });
  return row ? toPerson(row) : null;
}
