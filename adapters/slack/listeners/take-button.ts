import type { App } from '@slack/bolt';
import { takeRequest } from '../../../src/services/take-request.js';
import { ACTION } from '../ids.js';
import { actorOf, blockActionSchema } from '../payloads.js';
import { explainError } from './explain-error.js';
import { type ListenerDeps, replyEphemeral } from './listener-deps.js';

/** Take on a triage card: persisted before the click is acknowledged; a refusal is said privately. */
export function registerTakeButton(app: App, deps: ListenerDeps): void {
  app.action(ACTION.take, async ({ body, ack }) => {
    const action = blockActionSchema.parse(body);
    const requestId = action.actions[0]?.value ?? '';
    try {
      await takeRequest(deps.services, { requestId, actor: actorOf(action.user) });
      await ack();
    } catch (error) {
      await ack();
      const message = explainError(error);
      if (message === null) throw error;
      await replyEphemeral(deps.slack, { channel: action.channel?.id, user: action.user.id }, message);
    }
  });
}
