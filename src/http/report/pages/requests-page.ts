import { FIGURE_LABELS } from '../../../domain/report/report-figures.js';
import type { FigureRequests } from '../../../domain/report/report-schema.js';
import { html, reportHref } from '../html.js';
import { humanise, localTime, surveyText } from '../report-format.js';
import { layout } from './layout.js';

/** The requests behind one figure of a week; each ref opens its timeline. */
export function requestsPage(list: FigureRequests, teamName: string, timezone: string): string {
  const team = list.teamId;
  const query = { week: list.week, figure: list.figure };
  const body = html`<section>
  <h2><span data-testid="row-count">${list.rows.length}</span> ${FIGURE_LABELS[list.figure]} · ${list.week}</h2>
  <div class="actions">
    <a class="button" href="${reportHref(team, '', { week: list.week })}">← Week ${list.week}</a>
    <a class="button" href="${reportHref(team, '/requests.csv', query)}" download>CSV</a>
    <a class="button" href="${reportHref(team, '/requests.json', query)}">JSON</a>
  </div>
  <p class="muted">Times in ${timezone}.</p>
  <div class="scroll"><table>
    <thead><tr><th>Ref</th><th>Category</th><th>Location</th><th>Priority</th><th>Status</th><th>Filed</th><th>Acknowledged</th><th>Resolved</th><th>Assignee</th><th>Survey answer</th><th>Comment</th></tr></thead>
    <tbody>${list.rows.map(
      (row) => html`<tr>
      <td><a href="${reportHref(team, `/requests/${encodeURIComponent(row.ref)}`)}">${row.ref}</a></td>
      <td>${row.category}</td><td>${row.location ?? ''}</td><td>${row.priority}</td><td>${humanise(row.status)}</td>
      <td>${localTime(row.filedAt, timezone)}</td><td>${localTime(row.acknowledgedAt, timezone)}</td>
      <td>${localTime(row.resolvedAt, timezone)}</td><td>${row.assignee ?? ''}</td>
      <td>${surveyText(row.survey)}</td><td>${row.survey?.comment ?? ''}</td>
    </tr>`,
    )}</tbody>
  </table></div>
</section>`;
  return layout({ teamId: team, teamName, title: FIGURE_LABELS[list.figure], body });
}
