import type { Team } from '../domain/team.js';
import type { Db, DbOrTx } from './database.js';

/** Config is the source of truth for teams; the table exists for references and foreign keys. */
export async function syncTeams(db: Db, teams: readonly Team[]): Promise<void> {
  for (const team of teams) {
    await db.team.upsert({
      where: { id: team.id },
      update: { name: team.name, prefix: team.prefix, timezone: team.timezone },
      create: { id: team.id, name: team.name, prefix: team.prefix, timezone: team.timezone },
    });
  }
}

/** The next human reference (FAC-1042), taken atomically inside the filing transaction. */
export async function nextReference(tx: DbOrTx, team: Team): Promise<string> {
  const updated = await tx.team.update({ where: { id: team.id }, data: { nextRef: { increment: 1 } } });
  return `${team.prefix}-${updated.nextRef - 1}`;
}
