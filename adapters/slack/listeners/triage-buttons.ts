import type { App } from '@slack/bolt';
import { isTeamMember } from '../../../src/domain/team-access.js';
import { getRequest } from '../../../src/services/list-requests.js';
import { assignModal, deferModal, resolveModal, waitModal } from '../blocks/triage-modals.js';
import { ACTION } from '../ids.js';
import { blockActionSchema } from '../payloads.js';
import { type ListenerDeps, replyEphemeral } from './listener-deps.js';

const MODALS = {
  [ACTION.assign]: assignModal,
  [ACTION.defer]: deferModal,
  [ACTION.wait]: waitModal,
  [ACTION.resolve]: resolveModal,
} as const;

/**
 * Assign…, Defer…, Waiting on…, Resolve…: open the modal that asks for what the action needs.
 * Someone outside the team is told at once rather than after filling in a form.
 */
export function registerTriageButtons(app: App, deps: ListenerDeps): void {
  for (const [actionId, buildModal] of Object.entries(MODALS)) {
    app.action(actionId, async ({ body, ack }) => {
      await ack();
      const action = blockActionSchema.parse(body);
      const requestId = action.actions[0]?.value ?? '';
      const row = await getRequest(deps.services, requestId);
      const where = { channel: action.channel?.id, user: action.user.id };
      if (!row) {
        await replyEphemeral(deps.slack, where, 'That request no longer exists.');
        return;
      }
      const team = deps.services.teams.get(row.teamId);
      if (!isTeamMember(team, { platform: 'slack', userId: action.user.id })) {
        await replyEphemeral(deps.slack, where, `Only the ${team.name} team can do that.`);
        return;
      }
      await deps.slack.views.open({ trigger_id: action.trigger_id, view: buildModal(row) });
    });
  }
}
