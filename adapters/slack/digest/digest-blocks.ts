import type { types } from '@slack/bolt';
import type { DigestData, Finding } from '../../../src/domain/digest/digest-schema.js';
import { dimensionLabel, hourRange, hours, WEEKDAY_LABELS } from '../../../src/domain/digest/format.js';
import {
  changeText,
  dimensionOrGeneral,
  meanText,
  meanWithCi,
  overallLine,
  periodText,
  plural,
  R_LABELS,
  scoreWords,
  shareText,
  shareWithCi,
  TOO_FEW,
  timeText,
  weightsSourceText,
} from '../../../src/domain/digest/render-common.js';
import type { DigestLinks } from '../../../src/ports.js';
import { LIMIT } from '../blocks/limits.js';
import { escapeMrkdwn, quote, truncate, userText } from '../blocks/mrkdwn.js';
import { ACTION } from '../ids.js';

export type SlackDigestMessage = { text: string; blocks: types.KnownBlock[] };

const section = (text: string): types.SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, LIMIT.sectionText) },
});
const context = (texts: string[]): types.ContextBlock => ({
  type: 'context',
  elements: texts.slice(0, 10).map((text) => ({ type: 'mrkdwn', text: truncate(text, LIMIT.contextText) })),
});
const DIVIDER: types.DividerBlock = { type: 'divider' };

/**
 * The weekly digest as one Block Kit message (the chart is uploaded beside it). Pure, from the
 * one digest data object; every limit is enforced here, and user text (comments) is escaped.
 * Our own strings (team names, categories from config) are escaped too: they reach mrkdwn.
 */
export function digestBlocks(
  digest: DigestData,
  links: DigestLinks = { reportUrl: null },
): SlackDigestMessage {
  const title = `${digest.team.name}: weekly gap digest, ${digest.week}`;
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(title, LIMIT.headerText) } },
    context([`${periodText(digest)} · ${escapeMrkdwn(digest.team.timezone)} · chart below`]),
    section(headlines(digest)),
    ...(links.reportUrl ? [reportButton(links.reportUrl)] : []),
    DIVIDER,
    section(gap5(digest)),
    section(delivery(digest)),
    ...(digest.gap1 ? [section(gap1(digest))] : []),
    section(threeRs(digest)),
    section(demand(digest)),
    section(voice(digest)),
    DIVIDER,
    context([honesty(digest)]),
    context(digest.footnotes.map(escapeMrkdwn)),
  ];
  const top = digest.headlines[0];
  const text = `${title}${top ? ` — ${top.title}` : ''}`;
  return {
    text: truncate(escapeMrkdwn(text), LIMIT.messageText),
    blocks: blocks.slice(0, LIMIT.messageBlocks),
  };
}

/**
 * A link button: Slack opens the URL itself, and still sends gapdesk a block_actions payload,
 * which the open-report listener acknowledges (unacknowledged, the button shows a warning).
 */
function reportButton(url: string): types.ActionsBlock {
  return {
    type: 'actions',
    block_id: 'digest_report',
    elements: [
      {
        type: 'button',
        action_id: ACTION.openReport,
        text: { type: 'plain_text', text: 'Open the report' },
        url,
        style: 'primary',
      },
    ],
  };
}

function findingLine(finding: Finding, index: number): string {
  return `${index + 1}. *${escapeMrkdwn(finding.title)}* _(${R_LABELS[finding.r].toLowerCase()})_\n      ${escapeMrkdwn(finding.detail)}`;
}

function headlines(digest: DigestData): string {
  const lines = digest.headlines.map(findingLine);
  return [
    '*What matters most*',
    escapeMrkdwn(overallLine(digest)),
    ...(lines.length > 0
      ? lines
      : ['Nothing else stands out this week: no significant gap and no real change.']),
  ].join('\n');
}

function gap5(digest: DigestData): string {
  const rows = digest.gap5.dimensions.map(({ dimension, score }) => {
    const now =
      score.current.kind === 'too_few' ? `_${TOO_FEW}_ (${score.current.n})` : meanWithCi(score.current);
    return `• *${dimensionLabel(dimension)}*: ${now} · last week ${meanText(score.previous)} · ${changeText(score.change, 'points')}`;
  });
  return [
    '*The customer gap (gap 5)* — compared with what you expected, −2 … +2',
    ...rows,
    `_Overall ${weightsSourceText(digest.gap5.weightsSource)}_`,
  ].join('\n');
}

function delivery(digest: DigestData): string {
  const { gap2, gap3, gap4 } = digest;
  const timed = gap3.byPriority
    .filter((row) => row.acknowledgeMinutes.kind === 'value' || row.resolveMinutes.kind === 'value')
    .map(
      (row) =>
        `• ${row.priority}: acknowledge ${timeText(row.acknowledgeMinutes)}; resolve ${timeText(row.resolveMinutes)}`,
    );
  return [
    '*Delivery against the standard (gap 3)* — business time',
    `• Acknowledged within SLA: ${shareWithCi(gap3.acknowledgedWithinSla.current)} · last week ${shareText(gap3.acknowledgedWithinSla.previous)} · ${changeText(gap3.acknowledgedWithinSla.change, 'share')}`,
    `• Resolved within SLA: ${shareWithCi(gap3.resolvedWithinSla.current)} · last week ${shareText(gap3.resolvedWithinSla.previous)} · ${changeText(gap3.resolvedWithinSla.change, 'share')}`,
    ...timed,
    `*Needed sooner than the SLA allows (gap 2)*: ${shareWithCi(gap2.neededByTighter.current)} · ${changeText(gap2.neededByTighter.change, 'share')}`,
    `*Promises kept (gap 4)*: ${shareWithCi(gap4.kept.current)} · ${changeText(gap4.kept.change, 'share')}; average slip ${gap4.slipHours.current.kind === 'value' ? `${gap4.slipHours.current.mean.toFixed(1)} h` : TOO_FEW}`,
  ].join('\n');
}

function gap1(digest: DigestData): string {
  const gap = digest.gap1;
  if (!gap) return '';
  const rows = digest.gap5.dimensions.map(
    ({ dimension }) =>
      `• ${dimensionLabel(dimension)}: requesters ${Math.round(gap.requesters.weights[dimension] ?? 0)} · leaders ${Math.round(gap.leaders.weights[dimension] ?? 0)}`,
  );
  return [
    `*What matters most to whom (gap 1)* — importance out of 100 (${gap.requesters.votes} requester, ${gap.leaders.votes} leader votes)`,
    ...rows,
  ].join('\n');
}

function threeRs(digest: DigestData): string {
  const { resources, response, respect } = digest.threeRs;
  const named = (count: number | null) => (count === null ? `${TOO_FEW}:` : plural(count, 'answer'));
  const list = (findings: Finding[]) => findings.map((f) => `    ◦ ${escapeMrkdwn(f.title)}`);
  return [
    '*The three Rs*',
    `• *Resources*: ${named(resources.shortfallAnswers)} blamed resources; ${plural(resources.requestsWaitingOnResources, 'request')} waited ${hours(resources.waitingOnResourcesHours)}; ${plural(resources.deferrals, 'deferral')}`,
    ...list(resources.findings),
    `• *Response*: ${named(response.shortfallAnswers)} blamed response; ${response.acknowledgeMisses} acknowledge and ${response.resolveMisses} resolve SLA misses`,
    ...list(response.findings),
    `• *Respect*: ${named(respect.shortfallAnswers)} blamed respect; negative comments: ${respect.negativeComments ?? TOO_FEW}`,
    ...list(respect.findings),
  ].join('\n');
}

function demand(digest: DigestData): string {
  const { volume } = digest;
  const top = volume.byCategory
    .slice(0, 5)
    .map((row) => `${escapeMrkdwn(row.key)} ${row.filed}`)
    .join(', ');
  const busiest = volume.busiest
    .map((c) => `${WEEKDAY_LABELS[c.weekday]} ${hourRange(c.hour)} (${c.count})`)
    .join(', ');
  return [
    '*Volume and demand*',
    `Filed ${volume.filed.current} (last week ${volume.filed.previous}) · resolved ${volume.resolved.current} · open at week end ${volume.openAtWeekEnd}`,
    `Backlog: ${volume.backlog.map((b) => b.open).join(' → ')} over the last four weeks`,
    `Most filed: ${top || 'none'}`,
    `Busiest hours: ${busiest || 'no requests filed'}`,
  ].join('\n');
}

function voice(digest: DigestData): string {
  if (digest.voice.length === 0) return `*Voice of the requester*\nNo comments to quote this week.`;
  return [
    '*Voice of the requester* (no names)',
    ...digest.voice.map(
      (v) =>
        `${quote(userText(v.comment, 600))}\n— ${dimensionOrGeneral(v.dimension)}, ${scoreWords(v.score)}`,
    ),
  ].join('\n');
}

function honesty(digest: DigestData): string {
  const { honesty: h } = digest;
  const skipped = h.skipped
    .map((s) => `${escapeMrkdwn(s.reason.replaceAll('_', ' '))} ${s.count}`)
    .join(', ');
  return `Response rate ${shareText(h.responseRate)} (${h.answered} answered, ${h.notFixed} not fixed, ${h.expired} expired, ${h.awaiting} awaiting) · skipped: ${skipped || 'none'} · figures from fewer than 5 answers read "${TOO_FEW}"`;
}
