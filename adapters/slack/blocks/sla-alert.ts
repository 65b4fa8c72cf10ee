import type { RequestView } from '../../../src/domain/request.js';
import { teamLeads } from '../../../src/domain/team-access.js';
import type { SlaAlert } from '../../../src/ports.js';
import { formatTarget, formatWhen } from './format.js';
import { mentionUser } from './mrkdwn.js';

/**
 * The thread reply for an SLA alert. It mentions on purpose — the assignee, or the team's leads
 * when nobody has it — with ids from our own data, never from user text.
 */
export function slaAlertText(view: RequestView, alert: SlaAlert): string {
  const clock = view.sla[alert.clock];
  const who =
    view.assignee?.platform === 'slack'
      ? mentionUser(view.assignee.platformUserId)
      : teamLeads(view.team, 'slack').map(mentionUser).join(' ') || 'Team';
  const target = `${alert.clock} target of ${formatTarget(clock.targetMinutes)}`;
  const due = formatWhen(alert.dueAt, view.team.timezone);
  return alert.phase === 'warning'
    ? `:warning: ${who} ${view.request.ref} has used 80 % of its ${target}: due ${due}.`
    : `:rotating_light: ${who} ${view.request.ref} missed its ${target} (due ${due}).`;
}
