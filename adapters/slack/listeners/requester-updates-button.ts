import type { App } from '@slack/bolt';
import { NOTIFY_ON_CONFIRMATION, notifyOnSchema } from '../../../src/domain/requester-updates.js';
import { setRequesterUpdates } from '../../../src/services/requester-updates.js';
import { ACTION } from '../ids.js';
import { blockActionSchema } from '../payloads.js';
import { publishAppHome } from './app-home-opened.js';
import { type ListenerDeps, replyEphemeral } from './listener-deps.js';

/**
 * Quiet mode, from a requester DM or App Home: the button's value is the choice it sets.
 * Pressed on App Home, the home is drawn again with the new choice; in a DM, an ephemeral line
 * confirms it (the DMs already sent keep their button; pressing one again changes nothing).
 */
export function registerRequesterUpdatesButton(app: App, deps: ListenerDeps): void {
  app.action(ACTION.requesterUpdates, async ({ body, ack }) => {
    await ack();
    const action = blockActionSchema.parse(body);
    const notifyOn = notifyOnSchema.parse(action.actions[0]?.value);
    const userId = action.user.id;
    await setRequesterUpdates(deps.services, { actor: { platform: 'slack', userId }, notifyOn });
    if (action.view) {
      await publishAppHome(deps, userId);
      return;
    }
    await replyEphemeral(
      deps.slack,
      { channel: action.channel?.id, user: userId },
      NOTIFY_ON_CONFIRMATION[notifyOn],
    );
  });
}
