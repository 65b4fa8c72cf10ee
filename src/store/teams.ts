import type { Team } from '../domain/team.js';
import { clientOf, type Store } from './database.js';

/** Config is the source of truth for teams; the table exists for references and foreign keys. */
export async function syncTeams(store: Store, teams: readonly Team[]): Promise<void> {
  for (const team of teams) {
    await clientOf(store).team.upsert({
      where: { id: team.id },
      update: { name: team.name, prefix: team.prefix, timezone: team.timezone },
      create: { id: team.id, name: team.name, prefix: team.prefix, timezone: team.timezone },
    });
  }
}

/** The next human reference (FAC-1042), taken atomically inside the filing transaction. */
export async function nextReference(store: Store, team: Team): Promise<string> {
  const updated = await clientOf(store).team.update({
    where: { id: team.id },
    data: { nextRef: { increment: 1 } },
  });
  return `${team.prefix}-${updated.nextRef - 1}`;
}
