import { randomUUID } from 'node:crypto';
import type { Actor, Person } from '../domain/request.js';
import { PERSON_COLUMNS, personFromRow, type SqlRow } from './rows.js';
import type { Sql } from './sql.js';

/**
 * The Person for a platform user, created on first sight. A later sighting with a name or
 * timezone refreshes it (people rename themselves and travel). Every click and command names
 * its actor, and almost always as we already know them: that is one read, not a write.
 */
export async function upsertPerson(sql: Sql, actor: Actor): Promise<Person> {
  const known = await sql.get<SqlRow>(
    `SELECT ${PERSON_COLUMNS} FROM people WHERE platform = ? AND platform_user_id = ?`,
    actor.platform,
    actor.userId,
  );
  const person = known ? personFromRow(known) : null;
  if (
    person &&
    (actor.name === undefined || actor.name === person.name) &&
    (actor.timezone === undefined || actor.timezone === person.timezone) &&
    (actor.locale === undefined || actor.locale === person.locale)
  ) {
    return person;
  }
  // Created or changed; an upsert, so two first sightings at once both succeed.
  const now = new Date();
  const row = await sql.get<SqlRow>(
    `INSERT INTO people (id, platform, platform_user_id, name, timezone, locale, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (platform, platform_user_id) DO UPDATE SET
       name = COALESCE(?, people.name),
       timezone = COALESCE(?, people.timezone),
       locale = COALESCE(?, people.locale),
       updated_at = ?
     RETURNING ${PERSON_COLUMNS}`,
    randomUUID(),
    actor.platform,
    actor.userId,
    actor.name ?? actor.fallbackName ?? actor.userId,
    actor.timezone ?? null,
    actor.locale ?? null,
    now,
    now,
    actor.name ?? null,
    actor.timezone ?? null,
    actor.locale ?? null,
    now,
  );
  if (!row) throw new Error(`could not record ${actor.platform} user ${actor.userId}`);
  return personFromRow(row);
}

export async function findPerson(sql: Sql, id: string): Promise<Person | null> {
  const row = await sql.get<SqlRow>(`SELECT ${PERSON_COLUMNS} FROM people WHERE id = ?`, id);
  return row ? personFromRow(row) : null;
}

/** The names known for these platform user ids (ids never seen are absent). */
export async function namesOf(
  sql: Sql,
  platform: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await sql.all<{ platform_user_id: string; name: string }>(
    `SELECT platform_user_id, name FROM people
     WHERE platform = ? AND platform_user_id IN (${userIds.map(() => '?').join(', ')})`,
    platform,
    ...userIds,
  );
  return new Map(rows.map((row) => [row.platform_user_id, row.name]));
}
