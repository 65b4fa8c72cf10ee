import type { Team } from '../../src/domain/team.js';
import { knownNames } from '../../src/services/people.js';
import type { ServiceDeps } from '../../src/services/service-deps.js';
import type { TeamMember } from './cards/triage-card.js';

/** The AAD object ids a team's config lists for Teams: its leads and members. */
export function configuredTeamsPeople(team: Team): string[] {
  return [...new Set([...(team.teams?.leads ?? []), ...(team.teams?.members ?? [])])];
}

/**
 * The team's Teams members and leads (AAD object ids) with the names gapdesk knows for them;
 * someone it knows no name for yet is shown by their id (see TeamsPeople).
 */
export async function teamMembers(deps: Pick<ServiceDeps, 'store'>, team: Team): Promise<TeamMember[]> {
  const ids = configuredTeamsPeople(team);
  const names = await knownNames(deps, 'teams', ids);
  return ids.map((id) => ({ id, name: names.get(id) ?? id }));
}

/** Those of `members` gapdesk knows no name for. */
export function unnamed(members: readonly TeamMember[]): TeamMember[] {
  return members.filter((member) => member.name === member.id);
}
