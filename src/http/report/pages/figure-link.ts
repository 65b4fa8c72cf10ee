import { FIGURE_LABELS } from '../../../domain/report/report-figures.js';
import type { FigureKey } from '../../../domain/report/report-schema.js';
import { type Html, html, reportHref } from '../html.js';

export const requestsHref = (teamId: string, week: string, figure: FigureKey) =>
  reportHref(teamId, '/requests', { week, figure });

/**
 * A count that opens the list of requests behind it. `count` null (the digest says "too few",
 * or shows no number for it): the link still opens the list, worded without a number.
 */
export function figureLink(teamId: string, week: string, figure: FigureKey, count: number | null): Html {
  const href = requestsHref(teamId, week, figure);
  return count === null
    ? html`<a href="${href}" data-figure="${figure}">list: ${FIGURE_LABELS[figure]}</a>`
    : html`<a href="${href}" data-figure="${figure}" data-count="${count}">${count} ${FIGURE_LABELS[figure]}</a>`;
}

/** A figure card: a label, a big value and what it is made of (links). */
export function figureCard(label: string, value: string, ...lines: Html[]): Html {
  return html`<div class="figure"><div class="label">${label}</div><div class="value">${value}</div>${lines.map(
    (line) => html`<div>${line}</div>`,
  )}</div>`;
}
