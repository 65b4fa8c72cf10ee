import type { Team } from '../domain/team.js';
import { clientOf, type Store } from './database.js';

/** Config is the source of truth for teams; the table exists for references and foreign keys. */
export async function syncTeams(store: Store, teams: readonly Team[]): Promise<void> {
  const now = new Date();
  for (const team of teams) {
    const columns = { name: team.name, prefix: team.prefix, timezone: team.timezone };
    await clientOf(store)
      .insertInto('teams')
      .values({ id: team.id, ...columns, createdAt: now, updatedAt: now })
      .onConflict((conflict) => conflict.column('id').doUpdateSet({ ...columns, updatedAt: now }))
      .execute();
  }
}

/** The next human reference (FAC-1042), taken atomically inside the filing transaction. */
export async function nextReference(store: Store, team: Team): Promise<string> {
  const updated = await clientOf(store)
    .updateTable('teams')
    .set((eb) => ({ nextRef: eb('nextRef', '+', 1) }))
    .where('id', '=', team.id)
    .returning('nextRef')
    .executeTakeFirstOrThrow();
  return `${team.prefix}-${updated.nextRef - 1}`;
}
