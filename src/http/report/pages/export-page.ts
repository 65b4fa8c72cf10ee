import { html, reportHref } from '../html.js';
import { layout } from './layout.js';

/** A plain GET form (no script): the period's one-row-per-request export as CSV or JSON. */
export function exportPage(
  team: { id: string; name: string; timezone: string },
  from: string,
  to: string,
): string {
  const body = html`<section>
  <h2>Export requests</h2>
  <p>One row per request filed in the period (${team.timezone} dates, both days included): its SLA outcomes, needed-by against the SLA, promises and survey answer. No requester names.</p>
  <form class="period" method="get" action="${reportHref(team.id, '/export.csv')}">
    <label>From <input type="date" name="from" value="${from}" required></label>
    <label>To <input type="date" name="to" value="${to}" required></label>
    <button type="submit">Download CSV</button>
    <button type="submit" formaction="${reportHref(team.id, '/export.json')}">JSON</button>
  </form>
</section>`;
  return layout({ teamId: team.id, teamName: team.name, title: 'Export', body });
}
