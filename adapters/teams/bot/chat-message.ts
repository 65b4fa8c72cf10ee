import { listMyRequests } from '../../../src/services/list-requests.js';
import type { ServiceDeps } from '../../../src/services/service-deps.js';
import { actorOf, type TeamsActivity } from '../activity-schemas.js';
import type { InboundTurn } from '../bot-transport.js';
import { helpCard, myRequestsCard } from '../cards/requester-cards.js';
import { firstFormCard } from './request-form-flow.js';

/** The message without the bot's @mention (in group chats) and surrounding space. */
function plainText(activity: TeamsActivity): string {
  return (activity.text ?? '').replace(/<at>[^<]*<\/at>/g, '').trim();
}

/**
 * A message in the 1:1 chat: "my requests", "help", or anything else — which is what they
 * need, so it becomes the form's description ("request …" has the word dropped).
 */
export async function handleChatMessage(
  deps: ServiceDeps,
  turn: InboundTurn,
  activity: TeamsActivity,
): Promise<void> {
  const text = plainText(activity);
  const command = text.toLowerCase().replace(/[.!?\s]+$/, '');
  if (command === 'my requests') {
    const lists = await listMyRequests(deps, actorOf(activity));
    await turn.reply({
      card: myRequestsCard(lists, (teamId) => deps.teams.get(teamId).name),
      summary: 'My requests',
    });
    return;
  }
  if (command === '' || command === 'help' || command === 'hi' || command === 'hello') {
    await turn.reply({ card: helpCard(), summary: 'How gapdesk works' });
    return;
  }
  const description = text.replace(/^request\b[:\s]*/i, '');
  await turn.reply({ card: firstFormCard(deps, description, 'execute'), summary: 'New request' });
}
