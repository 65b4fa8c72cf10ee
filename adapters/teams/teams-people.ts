import type { Team } from '../../src/domain/team.js';
import type { Logger } from '../../src/logger.js';
import type { PeopleDirectory, PersonProfile } from '../../src/ports.js';
import { knownNames, learnProfile } from '../../src/services/people.js';
import type { ServiceDeps } from '../../src/services/service-deps.js';
import type { BotTransport, ConversationTarget } from './bot-transport.js';
import { deliver, statusOf } from './connector-errors.js';
import type { ConversationDirectory } from './conversation-directory.js';
import { channelTarget } from './notifier/conversation-targets.js';
import { configuredTeamsPeople } from './team-members.js';

/**
 * The names of the people a team's config lists by AAD object id, asked of Teams itself.
 * Activities carry the sender's name, so everyone who talks to the bot is known; this covers
 * the colleagues who have not yet, who would otherwise appear by their object id in the
 * triage card's Assign list and in SLA alert mentions. Asked of each team the bot has been in,
 * latest first (as the SDK's TeamsInfo.getTeamMember asks a team), else of the triage channel.
 */
export class TeamsPeople implements PeopleDirectory {
  constructor(
    private readonly d: {
      teams: readonly Team[];
      directory: ConversationDirectory;
      transport: BotTransport;
    },
  ) {}

  async lookup(aadObjectId: string): Promise<PersonProfile | null> {
    const channelId = this.d.teams.find(
      (team) => team.teams?.triageChannel && configuredTeamsPeople(team).includes(aadObjectId),
    )?.teams?.triageChannel;
    if (!channelId) return null;
    // The tenant's address; none yet is retried (the job waits for the app to be added).
    const channel = await channelTarget(this.d, channelId, channelId);
    const teams = await this.d.directory.knownTeams();
    for (const conversationId of teams.length > 0 ? teams : [channelId]) {
      const member = await deliver('a member lookup', () =>
        this.inTeam({ ...channel, conversationId }, aadObjectId),
      );
      if (member) return member.name ? { name: member.name } : null;
    }
    return null;
  }

  /** The member in one team; null when not there, or when that team no longer lets the bot ask (403). */
  private async inTeam(team: ConversationTarget, aadObjectId: string): Promise<{ name?: string } | null> {
    try {
      return await this.d.transport.member(team, aadObjectId);
    } catch (error) {
      // A team the bot was removed from refuses; the next one may still know the person.
      if (statusOf(error) === 403) return null;
      throw error;
    }
  }
}

/**
 * Queues a lookup of each person the teams' config lists for Teams whom gapdesk knows no name
 * for (at most monthly each, see learnProfile): called when gapdesk is added to a team, so the
 * first triage card already shows the team by name.
 */
export async function learnConfiguredTeamsPeople(deps: ServiceDeps, logger: Logger): Promise<void> {
  const ids = [...new Set(deps.teams.all.flatMap(configuredTeamsPeople))];
  const known = await knownNames(deps, 'teams', ids);
  for (const userId of ids.filter((id) => !known.has(id))) {
    await learnProfile(deps, { platform: 'teams', userId }).catch((error: unknown) =>
      logger.warn({ err: error }, 'could not queue a Teams member lookup'),
    );
  }
}
