import type { App } from '@slack/bolt';
import { z } from 'zod';
import { sourceEntrySchema } from '../../../src/domain/request.js';
import { requestModal } from '../blocks/request-modal.js';
import { ACTION } from '../ids.js';
import { blockActionSchema } from '../payloads.js';
import type { ListenerDeps } from './listener-deps.js';

const buttonValueSchema = z.object({ entry: sourceEntrySchema, text: z.string().default('') });

/** The "File a request" button under a DM, and "New request" on App Home: the form, prefilled. */
export function registerOpenFormButton(app: App, deps: ListenerDeps): void {
  app.action(ACTION.openForm, async ({ body, ack }) => {
    await ack();
    const action = blockActionSchema.parse(body);
    const parsed = buttonValueSchema.safeParse(JSON.parse(action.actions[0]?.value ?? '{}'));
    const value = parsed.success ? parsed.data : { entry: 'app_home' as const, text: '' };
    const teams = deps.services.teams.all;
    await deps.slack.views.open({
      trigger_id: action.trigger_id,
      view: requestModal(
        teams,
        { entry: value.entry, teamId: teams[0]?.id ?? '' },
        { description: value.text },
      ),
    });
  });
}
