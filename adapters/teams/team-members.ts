import type { Team } from '../../src/domain/team.js';
import type { Db } from '../../src/store/database.js';
import type { TeamMember } from './cards/triage-card.js';

/** The team's Teams members and leads (AAD object ids) with the names gapdesk has seen them use. */
export async function teamMembers(db: Db, team: Team): Promise<TeamMember[]> {
  const ids = [...new Set([...(team.teams?.leads ?? []), ...(team.teams?.members ?? [])])];
  if (ids.length === 0) return [];
  const people = await db.person.findMany({ where: { platform: 'teams', platformUserId: { in: ids } } });
  const names = new Map(people.map((person) => [person.platformUserId, person.name]));
  return ids.map((id) => ({ id, name: names.get(id) ?? id }));
}
