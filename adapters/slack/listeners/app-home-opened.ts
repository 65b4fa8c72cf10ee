import type { App } from '@slack/bolt';
import { isTeamMember } from '../../../src/domain/team-access.js';
import { listMyRequests, listTeamQueue } from '../../../src/services/list-requests.js';
import { appHomeView } from '../blocks/app-home.js';
import { EVENT } from '../ids.js';
import { appHomeOpenedSchema } from '../payloads.js';
import type { ListenerDeps } from './listener-deps.js';

/** App Home: the person's own requests and a New request button; team members also see their queue. */
export function registerAppHomeOpened(app: App, deps: ListenerDeps): void {
  app.event(EVENT.appHomeOpened, async ({ event }) => {
    const opened = appHomeOpenedSchema.parse(event);
    if (opened.tab && opened.tab !== 'home') return;
    const actor = { platform: 'slack' as const, userId: opened.user };
    const mine = await listMyRequests(deps.services, actor);
    const teams = deps.services.teams.all.filter((team) => isTeamMember(team, actor));
    const queues = await Promise.all(
      teams.map(async (team) => ({ team, requests: await listTeamQueue(deps.services, team.id, 40) })),
    );
    await deps.slack.views.publish({
      user_id: opened.user,
      view: appHomeView({ ...mine, queues, now: deps.services.clock.now() }),
    });
  });
}
