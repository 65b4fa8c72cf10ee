import type { Team } from '../../src/domain/team.js';
import { knownNames } from '../../src/services/people.js';
import type { ServiceDeps } from '../../src/services/service-deps.js';
import type { TeamMember } from './cards/triage-card.js';

/** The team's Teams members and leads (AAD object ids) with the names gapdesk has seen them use. */
export async function teamMembers(deps: Pick<ServiceDeps, 'sql'>, team: Team): Promise<TeamMember[]> {
  const ids = [...new Set([...(team.teams?.leads ?? []), ...(team.teams?.members ?? [])])];
  const names = await knownNames(deps, 'teams', ids);
  return ids.map((id) => ({ id, name: names.get(id) ?? id }));
}
