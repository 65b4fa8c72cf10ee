import type { App, webApi } from '@slack/bolt';
import { isAppError } from '../../../src/errors.js';
import type { PersonProfile } from '../../../src/ports.js';
import { DESCRIPTION_MAX, fileRequest, findFiledRequest } from '../../../src/services/file-request.js';
import { EVENT, TICKET_REACTION } from '../ids.js';
import { reactionAddedSchema } from '../payloads.js';
import { SlackPeople } from '../slack-people.js';
import type { ListenerDeps } from './listener-deps.js';

/** A reaction's request goes to the first configured team as "Other", needed this week; triage refines it. */
const REACTION_DEFAULTS = { category: 'Other', neededBy: 'this_week' } as const;

/**
 * :ticket: on a message files it for its author (what Halp/JSM users expect). Keyed by the
 * message, so a retried event, or a second :ticket: by someone else, files nothing new.
 */
export function registerReactionAdded(app: App, deps: ListenerDeps): void {
  app.event(EVENT.reactionAdded, async ({ event }) => {
    const reaction = reactionAddedSchema.parse(event);
    const { channel, ts } = reaction.item;
    if (reaction.reaction !== TICKET_REACTION || reaction.item.type !== 'message' || !channel || !ts) return;
    const idempotencyKey = `slack:reaction:${channel}:${ts}`;
    if ((await findFiledRequest(deps.services, idempotencyKey)) !== null) return;

    const message = await findMessage(deps.slack, channel, ts);
    const author = message?.user ?? reaction.item_user;
    const text = message?.text?.trim();
    // A bot's message (our own cards included) has no person to file it for.
    if (!author || !text || message?.bot_id) return;
    const person = await authorProfile(deps.slack, author);
    const link = await deps.slack.chat.getPermalink({ channel, message_ts: ts });
    const team = deps.services.teams.all[0];
    if (!team) return;
    try {
      await fileRequest(deps.services, {
        teamId: team.id,
        requester: { platform: 'slack', userId: author, ...person },
        category: team.categories.includes(REACTION_DEFAULTS.category)
          ? REACTION_DEFAULTS.category
          : (team.categories[0] ?? REACTION_DEFAULTS.category),
        description: text.slice(0, DESCRIPTION_MAX),
        neededBy: { choice: REACTION_DEFAULTS.neededBy },
        source: { platform: 'slack', entry: 'reaction', permalink: link.permalink ?? null },
        idempotencyKey,
      });
    } catch (error) {
      // A message too short to be a request: nothing to file, nothing to retry.
      if (isAppError(error, 'invalid_input')) {
        deps.logger.info({ channel, ts }, 'ticket reaction on a message that is not a valid request');
        return;
      }
      throw error;
    }
  });
}

type FoundMessage = { user?: string; text?: string; bot_id?: string };

/** The reacted-to message: top-level via history, a thread reply via replies. */
async function findMessage(
  client: webApi.WebClient,
  channel: string,
  ts: string,
): Promise<FoundMessage | undefined> {
  const history = await client.conversations.history({ channel, latest: ts, inclusive: true, limit: 1 });
  const top = history.messages?.find((m) => m.ts === ts);
  if (top) return top;
  const replies = await client.conversations.replies({
    channel,
    ts,
    latest: ts,
    inclusive: true,
    limit: 1,
  });
  return replies.messages?.find((m) => m.ts === ts);
}

async function authorProfile(client: webApi.WebClient, user: string): Promise<PersonProfile> {
  try {
    return (await new SlackPeople(client).lookup(user)) ?? {};
  } catch {
    // The name is a nicety; the request must not depend on it.
    return {};
  }
}
