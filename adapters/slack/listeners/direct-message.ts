import type { App } from '@slack/bolt';
import { dmOffer } from '../blocks/replies.js';
import { EVENT, REF } from '../ids.js';
import { directMessageSchema } from '../payloads.js';
import type { ListenerDeps } from './listener-deps.js';

/**
 * A DM to the bot gets one reply: a button that opens the form with what they wrote. The reply
 * is recorded against the message, so Slack's retry of the same event does not post it twice.
 */
export function registerDirectMessage(app: App, deps: ListenerDeps): void {
  app.event(EVENT.message, async ({ event }) => {
    const parsed = directMessageSchema.safeParse(event);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.channel_type !== 'im' || message.subtype || message.bot_id || !message.user) return;
    const key = {
      purpose: REF.dmOffer,
      subjectId: `${message.channel}:${message.ts}`,
      platform: 'slack' as const,
    };
    if (await deps.refs.find(key)) return;
    const posted = await deps.slack.chat.postMessage({ channel: message.channel, ...dmOffer(message.text) });
    await deps.refs.save({ ...key, channel: message.channel, messageId: posted.ts ?? '' });
  });
}
