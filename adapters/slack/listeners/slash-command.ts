import type { App } from '@slack/bolt';
import { listMyRequests } from '../../../src/services/list-requests.js';
import { helpMessage, statusMessage } from '../blocks/replies.js';
import { requestModal } from '../blocks/request-modal.js';
import { SLASH_COMMAND } from '../ids.js';
import { slashCommandSchema } from '../payloads.js';
import type { ListenerDeps } from './listener-deps.js';

/** `/request [text]` opens the form prefilled; `/request status` and `/request help` answer at once, privately. */
export function registerSlashCommand(app: App, deps: ListenerDeps): void {
  app.command(SLASH_COMMAND, async ({ body, ack }) => {
    const command = slashCommandSchema.parse(body);
    const text = command.text.trim();
    const word = text.toLowerCase();
    if (word === 'help') {
      await ack({ response_type: 'ephemeral', ...helpMessage() });
      return;
    }
    if (word === 'status') {
      const mine = await listMyRequests(deps.services, { platform: 'slack', userId: command.user_id });
      await ack({ response_type: 'ephemeral', ...statusMessage(mine.open, deps.services.clock.now()) });
      return;
    }
    await ack();
    const teams = deps.services.teams.all;
    await deps.slack.views.open({
      trigger_id: command.trigger_id,
      view: requestModal(
        teams,
        { entry: 'slash_command', teamId: teams[0]?.id ?? '' },
        { description: text },
      ),
    });
  });
}
