import type { App } from '@slack/bolt';
import { requestModal } from '../blocks/request-modal.js';
import { CALLBACK } from '../ids.js';
import { globalShortcutSchema } from '../payloads.js';
import type { ListenerDeps } from './listener-deps.js';

/** "New service request" from the shortcuts menu: the empty form. */
export function registerGlobalShortcut(app: App, deps: ListenerDeps): void {
  app.shortcut({ type: 'shortcut', callback_id: CALLBACK.globalShortcut }, async ({ body, ack }) => {
    const shortcut = globalShortcutSchema.parse(body);
    await ack();
    const teams = deps.services.teams.all;
    await deps.slack.views.open({
      trigger_id: shortcut.trigger_id,
      view: requestModal(teams, { entry: 'global_shortcut', teamId: teams[0]?.id ?? '' }),
    });
  });
}
