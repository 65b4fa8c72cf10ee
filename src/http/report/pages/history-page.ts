import { signed } from '../../../domain/digest/format.js';
import type {
  Estimate,
  FigureKey,
  HistoryWeek,
  Share,
  TeamHistory,
} from '../../../domain/report/report-schema.js';
import { type Html, html, reportHref } from '../html.js';
import { chartImage } from './chart-image.js';
import { requestsHref } from './figure-link.js';
import { layout } from './layout.js';

export const HISTORY_SPANS = ['12', '26', '52', 'all'] as const;
export type HistorySpan = (typeof HISTORY_SPANS)[number];

const estimateText = (e: Estimate | null) =>
  e ? `${signed(e.mean, 2)} (${signed(e.low, 2)} to ${signed(e.high, 2)}, n ${e.n})` : 'too few';

function shareCell(team: string, week: string, share: Share | null, good: FigureKey, all: FigureKey): Html {
  if (!share) return html`<td class="muted">too few</td>`;
  return html`<td class="num">${Math.round(share.share * 100)}% · <a href="${requestsHref(team, week, good)}">${share.count}</a>/<a href="${requestsHref(team, week, all)}">${share.of}</a></td>`;
}

function weekRow(team: string, w: HistoryWeek): Html {
  const votes = Object.values(w.importanceVotes).reduce((a, b) => a + b, 0);
  return html`<tr>
    <td><a href="${reportHref(team, '', { week: w.week })}">${w.week}</a></td>
    <td class="num"><a href="${requestsHref(team, w.week, 'answered')}">${w.answers}</a></td>
    <td>${estimateText(w.gapScore)}</td>
    ${shareCell(team, w.week, w.ackWithinSla, 'ack-within-sla', 'ack-measured')}
    ${shareCell(team, w.week, w.resolveWithinSla, 'resolve-within-sla', 'resolve-measured')}
    ${shareCell(team, w.week, w.promisesKept, 'promises-kept', 'promises-settled')}
    ${shareCell(team, w.week, w.neededSooner, 'needed-sooner-than-sla', 'needed-by-stated')}
    <td class="num">${votes}</td>
    <td class="num"><a href="${requestsHref(team, w.week, 'filed')}">${w.filed}</a></td>
    <td class="num"><a href="${requestsHref(team, w.week, 'resolved')}">${w.resolved}</a></td>
    <td class="num"><a href="${requestsHref(team, w.week, 'backlog')}">${w.backlog}</a></td>
  </tr>`;
}

/** Trends over the chosen span, then every week as a row whose counts open their lists. */
export function historyPage(
  history: TeamHistory,
  team: { name: string },
  span: HistorySpan,
  charts: { id: string; alt: string; svg: string }[],
): string {
  const id = history.teamId;
  const body = html`<section>
  <h2>History and trends</h2>
  <div class="actions">${HISTORY_SPANS.map(
    (s) =>
      html`<a class="button${s === span ? ' current' : ''}" href="${reportHref(id, '/history', { weeks: s })}">${s === 'all' ? 'All weeks' : `${s} weeks`}</a>`,
  )}</div>
  <p class="muted">${history.weeks.length} weeks, ${history.weeks[0]?.week ?? '—'} to ${history.weeks.at(-1)?.week ?? '—'}. Weeks with fewer than 5 answers are a gap in the line.</p>
</section>
<section><div class="charts">${charts.map((c) => html`<div id="${c.id}">${chartImage(c.svg, c.alt)}</div>`)}</div></section>
<section>
  <h2>Week by week</h2>
  <div class="scroll"><table>
    <thead><tr><th>Week</th><th class="num">Answers</th><th>Gap score (95% CI)</th><th>Ack. within SLA</th><th>Resolved within SLA</th><th>Promises kept</th><th>Needed sooner</th><th class="num">Votes</th><th class="num">Filed</th><th class="num">Resolved</th><th class="num">Open at end</th></tr></thead>
    <tbody>${[...history.weeks].reverse().map((w) => weekRow(id, w))}</tbody>
  </table></div>
</section>`;
  return layout({ teamId: id, teamName: team.name, title: 'History', body });
}
