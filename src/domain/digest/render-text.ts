import type { DigestData, Finding } from './digest-schema.js';
import { dimensionLabel, percent } from './format.js';
import {
  changeText,
  meanText,
  meanWithCi,
  overallLine,
  periodText,
  R_LABELS,
  shareText,
  shareWithCi,
  TOO_FEW,
  timeText,
  weightsSourceText,
} from './render-common.js';
import { demandSection, honestySection, threeRsSection, voiceSection } from './render-text-sections.js';

/**
 * The digest as plain text for a terminal (`gapdesk digest --format text`): every section,
 * headline findings first. Pure; user text (comments) is printed verbatim in quotes.
 */
export function renderDigestText(digest: DigestData): string {
  return [
    `${digest.team.name} — weekly gap digest, ${digest.week} (${periodText(digest)}, ${digest.team.timezone})`,
    headlineSection(digest),
    gap5Section(digest),
    gap3Section(digest),
    gap2Section(digest),
    gap4Section(digest),
    gap1Section(digest),
    threeRsSection(digest),
    demandSection(digest),
    voiceSection(digest),
    honestySection(digest),
    ['NOTES', ...digest.footnotes.map((note) => `  * ${note}`)].join('\n'),
  ].join('\n\n');
}

export function findingLine(finding: Finding, index: number): string {
  return `  ${index + 1}. ${finding.title} [${R_LABELS[finding.r].toLowerCase()}]\n     ${finding.detail}`;
}

function headlineSection(digest: DigestData): string {
  const { headlines } = digest;
  const overall = `  ${overallLine(digest)}`;
  if (headlines.length === 0) {
    return `WHAT MATTERS MOST\n${overall}\n  Nothing else stands out this week: no significant gap and no real change.`;
  }
  const good = headlines.every((f) => f.tone === 'good_news');
  const title = good ? 'WHAT MATTERS MOST (good news: no significant gaps)' : 'WHAT MATTERS MOST';
  return [title, overall, ...headlines.map(findingLine)].join('\n');
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

function gap5Section(digest: DigestData): string {
  const { dimensions, overall, weightsSource } = digest.gap5;
  const rows = dimensions.map(({ dimension, score }) => {
    const ci =
      score.current.kind === 'value' && score.current.ci95
        ? `${meanText({ ...score.current, mean: score.current.ci95.low })} to ${meanText({ ...score.current, mean: score.current.ci95.high })}`
        : '';
    return `  ${pad(dimensionLabel(dimension), 16)}${pad(meanText(score.current), 18)}${pad(ci, 16)}${pad(String(score.current.n), 5)}${pad(meanText(score.previous), 18)}${changeText(score.change, 'points')}`;
  });
  return [
    'THE CUSTOMER GAP (gap 5) — "compared with what you expected", −2 much worse … +2 much better',
    `  ${pad('Dimension', 16)}${pad('This week', 18)}${pad('95% CI', 16)}${pad('n', 5)}${pad('Last week', 18)}Change`,
    ...rows,
    `  Overall score: ${meanWithCi(overall.current, 2)}; last week ${meanText(overall.previous, 2)}; ${changeText(overall.change, 'points')}`,
    `    (${weightsSourceText(weightsSource)}${overall.current.kind === 'value' && overall.current.leftOut.length > 0 ? `; left out for too few answers or zero weight: ${overall.current.leftOut.join(', ')}` : ''})`,
  ].join('\n');
}

function gap3Section(digest: DigestData): string {
  const { acknowledgedWithinSla: ack, resolvedWithinSla: resolve, byPriority } = digest.gap3;
  return [
    'DELIVERY AGAINST THE STANDARD (gap 3) — business time',
    `  Acknowledged within SLA: ${shareWithCi(ack.current)}; last week ${shareText(ack.previous)}; ${changeText(ack.change, 'share')}`,
    `  Resolved within SLA:     ${shareWithCi(resolve.current)}; last week ${shareText(resolve.previous)}; ${changeText(resolve.change, 'share')}`,
    ...byPriority.map(
      (row) =>
        `  ${pad(row.priority, 8)} acknowledge ${pad(shareText(row.acknowledgedWithinSla), 16)} ${pad(timeText(row.acknowledgeMinutes), 26)} resolve ${pad(shareText(row.resolvedWithinSla), 16)} ${timeText(row.resolveMinutes)}`,
    ),
  ].join('\n');
}

function gap2Section(digest: DigestData): string {
  const { neededByTighter, byPriority } = digest.gap2;
  return [
    'EXPECTATION VS STANDARD (gap 2) — needed sooner than the SLA allows',
    `  ${neededByTighterText(neededByTighter.current)}; last week ${shareText(neededByTighter.previous)}; ${changeText(neededByTighter.change, 'share')}`,
    `  By priority: ${byPriority.map((row) => `${row.priority} ${shareText(row.neededByTighter)}`).join(' · ')}`,
  ].join('\n');
}

function neededByTighterText(figure: DigestData['gap2']['neededByTighter']['current']): string {
  if (figure.kind === 'too_few') return `${TOO_FEW} (${figure.n} filed)`;
  return `${percent(figure.share)} of ${figure.n} requests filed (95% CI ${percent(figure.ci95.low)}–${percent(figure.ci95.high)})`;
}

function gap4Section(digest: DigestData): string {
  const { kept, slipHours, byKind } = digest.gap4;
  const slip =
    slipHours.current.kind === 'value'
      ? `${slipHours.current.mean.toFixed(1)} h over ${slipHours.current.n} broken promises`
      : `${TOO_FEW} (${slipHours.current.n} broken)`;
  return [
    'PROMISES VS DELIVERY (gap 4) — what requesters were told',
    `  Promises kept: ${shareWithCi(kept.current)}; last week ${shareText(kept.previous)}; ${changeText(kept.change, 'share')}`,
    `  Average slip of broken promises: ${slip}; ${changeText(slipHours.change, 'hours')}`,
    ...byKind.map(
      (row) =>
        `  ${row.kind === 'acknowledge' ? 'Acknowledge times promised at filing' : 'Dates given when deferring'} kept: ${shareWithCi(row.kept)}`,
    ),
  ].join('\n');
}

function gap1Section(digest: DigestData): string {
  const { gap1 } = digest;
  if (!gap1)
    return 'WHAT MATTERS MOST TO WHOM (gap 1)\n  Not enough importance votes from both requesters and leaders yet.';
  const rows = digest.gap5.dimensions.map(({ dimension }) => {
    const r = gap1.requesters.weights[dimension] ?? 0;
    const l = gap1.leaders.weights[dimension] ?? 0;
    const flag = Math.abs(r - l) >= 15 ? (l > r ? '  leaders overrate' : '  leaders underrate') : '';
    return `  ${pad(dimensionLabel(dimension), 16)}${pad(String(Math.round(r)), 12)}${pad(String(Math.round(l)), 10)}${flag}`;
  });
  return [
    'WHAT MATTERS MOST TO WHOM (gap 1) — importance out of 100',
    `  ${pad('Dimension', 16)}${pad('Requesters', 12)}${pad('Leaders', 10)}`,
    ...rows,
    `  (${gap1.requesters.votes} requester votes, ${gap1.leaders.votes} leader votes)`,
  ].join('\n');
}
