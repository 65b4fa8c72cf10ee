import type { RequestTimeline, TimelineEvent } from '../../../domain/report/report-schema.js';
import { html, reportHref } from '../html.js';
import { humanise, localTime, surveyText } from '../report-format.js';
import { layout } from './layout.js';

/** The requester is never named on the report: the digest names no requester either. */
function actorText(event: TimelineEvent): string {
  if (event.actor.role === 'requester') return 'the requester';
  if (event.actor.role === 'system') return 'gapdesk';
  return event.actor.name ?? 'a team member';
}

const yesNo = (value: boolean | null) => (value === null ? '—' : value ? 'yes' : 'no');

/** One request from filing to now: each event (who, when), its promises and survey answers. */
export function timelinePage(
  timeline: RequestTimeline,
  team: { id: string; name: string; timezone: string },
): string {
  const { request, events, promises, surveys } = timeline;
  const at = (date: Date | null) => localTime(date, team.timezone);
  const body = html`<section>
  <h2>${request.ref} · ${request.category}${request.location ? ` · ${request.location}` : ''}</h2>
  <p>${request.description}</p>
  <div class="scroll"><table><tbody>
    <tr><th>Status</th><td>${humanise(request.status)}</td></tr>
    <tr><th>Priority</th><td>${request.priority}</td></tr>
    <tr><th>Assignee</th><td>${request.assignee ?? ''}</td></tr>
    <tr><th>Filed</th><td>${at(request.filedAt)}</td></tr>
    <tr><th>Needed by</th><td>${humanise(request.neededByChoice)}${request.neededBy ? ` (${at(request.neededBy)})` : ''}${request.neededSoonerThanSla ? ' — sooner than the SLA' : ''}</td></tr>
    <tr><th>Acknowledge due (SLA)</th><td>${at(request.slaAckDueAt)} · within SLA: ${yesNo(request.ackWithinSla)}</td></tr>
    <tr><th>Resolve due (SLA)</th><td>${at(request.slaResolveDueAt)} · within SLA: ${yesNo(request.resolveWithinSla)}</td></tr>
    <tr><th>Resolution</th><td>${request.resolution ?? ''}</td></tr>
    <tr><th>Reopened</th><td>${request.reopenCount}</td></tr>
  </tbody></table></div>
  <p class="muted">Times in ${team.timezone}.</p>
</section>
<section>
  <h2>Timeline</h2>
  <ol class="timeline">${events.map(
    (event) => html`<li><strong>${at(event.at)}</strong> · ${humanise(event.type)} by ${actorText(event)}
      ${event.fromStatus ? html`<span class="muted">(${humanise(event.fromStatus)} → ${humanise(event.toStatus)})</span>` : html`<span class="muted">(${humanise(event.toStatus)})</span>`}
      ${Object.entries(event.detail).map(([key, value]) => html`<div class="muted">${humanise(key)}: ${value}</div>`)}
    </li>`,
  )}</ol>
</section>
<section>
  <h2>Promises</h2>
  ${
    promises.length === 0
      ? html`<p class="muted">No promises made.</p>`
      : html`<div class="scroll"><table><thead><tr><th>Promise</th><th>Made</th><th>Due</th><th>Settled</th><th>Outcome</th></tr></thead><tbody>${promises.map(
          (p) =>
            html`<tr><td>${p.kind === 'acknowledge' ? 'acknowledge by' : 'resolve by'}</td><td>${at(p.madeAt)}</td><td>${at(p.dueAt)}</td><td>${at(p.settledAt)}</td><td>${p.outcome ?? 'open'}${p.slipMinutes ? ` (slipped ${Math.round(p.slipMinutes)} min)` : ''}</td></tr>`,
        )}</tbody></table></div>`
  }
</section>
<section>
  <h2>Survey</h2>
  ${
    surveys.length === 0
      ? html`<p class="muted">No survey.</p>`
      : surveys.map(
          (s) =>
            html`<p>Round ${s.round}: ${surveyText(s)}${s.answeredAt ? ` · ${at(s.answeredAt)}` : ''}${s.shortfall ? ` · blamed ${s.shortfall}` : ''}</p>${s.comment ? html`<blockquote>${s.comment}</blockquote>` : ''}`,
        )
  }
  <div class="actions"><a class="button" href="${reportHref(team.id, '')}">← This week</a></div>
</section>`;
  return layout({ teamId: team.id, teamName: team.name, title: request.ref, body });
}
