import type { Actor, Platform } from './request.js';
import type { Team } from './team.js';

function platformRoster(team: Team, platform: Platform): { members: string[]; leads: string[] } {
  const roster = platform === 'slack' ? team.slack : team.teams;
  return { members: roster?.members ?? [], leads: roster?.leads ?? [] };
}

/** Members and leads of the team on the actor's platform may work its tickets. */
export function isTeamMember(team: Team, actor: Pick<Actor, 'platform' | 'userId'>): boolean {
  const roster = platformRoster(team, actor.platform);
  return roster.members.includes(actor.userId) || roster.leads.includes(actor.userId);
}

export function teamLeads(team: Team, platform: Platform): string[] {
  return platformRoster(team, platform).leads;
}

/** Platforms on which this team has a triage channel. */
export function triagePlatforms(team: Team): Platform[] {
  return [...(team.slack ? (['slack'] as const) : []), ...(team.teams ? (['teams'] as const) : [])];
}
