import { FIGURE_LABELS } from '../../../domain/report/report-figures.js';
import type { FigureRequests } from '../../../domain/report/report-schema.js';
import { html, reportHref } from '../html.js';
import { humanise, localTime, surveyText } from '../report-format.js';
import { layout } from './layout.js';

const COLUMNS = [
  'Ref',
  'Category',
  'Location',
  'Priority',
  'Status',
  'Filed',
  'Acknowledged',
  'Resolved',
  'Assignee',
  'Survey answer',
  'Comment',
];

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
  <div class="scroll"><table class="cards">
    <thead><tr>${COLUMNS.map((label) => html`<th>${label}</th>`)}</tr></thead>
    <tbody>${list.rows.map((row) => {
      const cells = [
        html`<a href="${reportHref(team, `/requests/${encodeURIComponent(row.ref)}`)}">${row.ref}</a>`,
        row.category,
        row.location ?? '',
        row.priority,
        humanise(row.status),
        localTime(row.filedAt, timezone),
        localTime(row.acknowledgedAt, timezone),
        localTime(row.resolvedAt, timezone),
        row.assignee ?? '',
        surveyText(row.survey),
        row.survey?.comment ?? '',
      ];
      return html`<tr>${cells.map((cell, i) => html`<td data-label="${COLUMNS[i]}">${cell}</td>`)}</tr>`;
    })}</tbody>
  </table></div>
</section>`;
  return layout({ teamId: team, teamName, title: FIGURE_LABELS[list.figure], body });
}
