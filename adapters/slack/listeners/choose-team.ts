import type { App } from '@slack/bolt';
import { requestModal } from '../blocks/request-modal.js';
import { ACTION } from '../ids.js';
import { blockActionSchema } from '../payloads.js';
import { parseFormMeta, readRequestForm } from '../request-form.js';
import type { ListenerDeps } from './listener-deps.js';

/** Picking another team in the form redraws it with that team's categories and locations, keeping what was typed. */
export function registerChooseTeam(app: App, deps: ListenerDeps): void {
  app.action(ACTION.chooseTeam, async ({ body, ack }) => {
    await ack();
    const action = blockActionSchema.parse(body);
    const view = action.view;
    const teamId = action.actions[0]?.selected_option?.value;
    if (!view || !teamId) return;
    const teams = deps.services.teams.all;
    const meta = { ...parseFormMeta(view.private_metadata, teams[0]?.id ?? ''), teamId };
    const values = readRequestForm(view.state);
    await deps.slack.views.update({
      view_id: view.id,
      ...(view.hash ? { hash: view.hash } : {}),
      view: requestModal(teams, meta, {
        description: values.description,
        neededBy: values.neededBy,
        date: values.date,
      }),
    });
  });
}
