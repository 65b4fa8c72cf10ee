import type { App } from '@slack/bolt';
import { requestModal } from '../blocks/request-modal.js';
import { CALLBACK } from '../ids.js';
import { messageShortcutSchema } from '../payloads.js';
import type { ListenerDeps } from './listener-deps.js';

/** "Turn into a request" on a message: the form with the message as description, its permalink kept. */
export function registerMessageShortcut(app: App, deps: ListenerDeps): void {
  app.shortcut({ type: 'message_action', callback_id: CALLBACK.messageShortcut }, async ({ body, ack }) => {
    const shortcut = messageShortcutSchema.parse(body);
    await ack();
    const link = await deps.slack.chat.getPermalink({
      channel: shortcut.channel.id,
      message_ts: shortcut.message.ts,
    });
    const teams = deps.services.teams.all;
    const meta = {
      entry: 'message_shortcut' as const,
      teamId: teams[0]?.id ?? '',
      ...(link.permalink ? { permalink: link.permalink } : {}),
    };
    await deps.slack.views.open({
      trigger_id: shortcut.trigger_id,
      view: requestModal(teams, meta, { description: shortcut.message.text }),
    });
  });
}
