import type { App } from '@slack/bolt';
import { getRequest } from '../../../src/services/list-requests.js';
import { cancelModal } from '../blocks/triage-modals.js';
import { ACTION } from '../ids.js';
import { blockActionSchema } from '../payloads.js';
import { type ListenerDeps, replyEphemeral } from './listener-deps.js';

/**
 * Cancel request… on the requester's receipt or App Home: the modal asking why. Whether they
 * may (their own request, still open) is the service's to say when the modal is submitted,
 * beside the reason, so the answer is the same wherever the button was.
 */
export function registerCancelButton(app: App, deps: ListenerDeps): void {
  app.action(ACTION.cancel, async ({ body, ack }) => {
    await ack();
    const action = blockActionSchema.parse(body);
    const row = await getRequest(deps.services, action.actions[0]?.value ?? '');
    if (!row) {
      await replyEphemeral(
        deps.slack,
        { channel: action.channel?.id, user: action.user.id },
        'That request no longer exists.',
      );
      return;
    }
    await deps.slack.views.open({ trigger_id: action.trigger_id, view: cancelModal(row) });
  });
}
