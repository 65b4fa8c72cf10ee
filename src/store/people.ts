import { randomUUID } from 'node:crypto';
import type { Actor, Person } from '../domain/request.js';
import type { DbOrTx } from './database.js';
import { toPerson } from './rows.js';

/**
 * The Person for a platform user, created on first sight. A later sighting with a name or
 * timezone refreshes it (people rename themselves and travel). Every click and command names
 * its actor, and almost always as we already know them: that is one read, not a write.
 */
export async function upsertPerson(db: DbOrTx, actor: Actor): Promise<Person> {
  const where = { platform_platformUserId: { platform: actor.platform, platformUserId: actor.userId } };
  const update = {
    ...(actor.name ? { name: actor.name } : {}),
    ...(actor.timezone ? { timezone: actor.timezone } : {}),
    ...(actor.locale ? { locale: actor.locale } : {}),
  };
  const known = await db.person.findUnique({ where });
  const unchanged = (Object.keys(update) as Array<keyof typeof update>).every(
    (key) => known?.[key] === update[key],
  );
  if (known && unchanged) return toPerson(known);
  // Created or changed; upsert, not create, so two first sightings at once both succeed.
  const row = await db.person.upsert({
    where,
    update,
    create: {
      id: randomUUID(),
      platform: actor.platform,
      platformUserId: actor.userId,
      name: actor.name ?? actor.fallbackName ?? actor.userId,
      timezone: actor.timezone ?? null,
      locale: actor.locale ?? null,
    },
  });
  return toPerson(row);
}

export async function findPerson(db: DbOrTx, id: string): Promise<Person | null> {
  const row = await db.person.findUnique({ where: { id } });
  return row ? toPerson(row) : null;
}
