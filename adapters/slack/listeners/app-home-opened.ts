import type { App } from '@slack/bolt';
import { isTeamMember } from '../../../src/domain/team-access.js';
import { listMyRequests, listTeamQueue } from '../../../src/services/list-requests.js';
import { requesterUpdatesOf } from '../../../src/services/requester-updates.js';
import { appHomeView } from '../blocks/app-home.js';
import { EVENT } from '../ids.js';
import { appHomeOpenedSchema } from '../payloads.js';
import type { ListenerDeps } from './listener-deps.js';

/** Draws the person's App Home as it stands: after it is opened, and after they change a setting on it. */
export async function publishAppHome(deps: ListenerDeps, userId: string): Promise<void> {
  const actor = { platform: 'slack' as const, userId };
  const mine = await listMyRequests(deps.services, actor);
  const teams = deps.services.teams.all.filter((team) => isTeamMember(team, actor));
  const queues = await Promise.all(
    teams.map(async (team) => ({ team, requests: await listTeamQueue(deps.services, team.id, 40) })),
  );
  const notifyOn = await requesterUpdatesOf(deps.services, actor);
  await deps.slack.views.publish({
    user_id: userId,
    view: appHomeView({ ...mine, queues, notifyOn, now: deps.services.clock.now() }),
  });
}

/** App Home: the person's own requests and a New request button; team members also see their queue. */
export function registerAppHomeOpened(app: App, deps: ListenerDeps): void {
  app.event(EVENT.appHomeOpened, async ({ event }) => {
    const opened = appHomeOpenedSchema.parse(event);
    if (opened.tab && opened.tab !== 'home') return;
    await publishAppHome(deps, opened.user);
  });
}
