import type { DigestData, Finding } from '../../../src/domain/digest/digest-schema.js';
import { dimensionLabel } from '../../../src/domain/digest/format.js';
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
} from '../../../src/domain/digest/render-common.js';
import type { DigestLinks } from '../../../src/ports.js';
import { adaptiveCard, type CardElement, facts, heading, paragraph } from '../cards/card.js';
import { cardText } from '../cards/text.js';
import { demandFacts, honesty, threeRs, voice } from './digest-card-sections.js';

/** The chart in the card: an HTTPS URL Teams can fetch, or null to say where it is instead. */
export type ChartImage = { url: string; altText: string } | null;

const t = (text: string) => cardText(text);
const small = (text: string): CardElement => paragraph(t(text), { size: 'Small', isSubtle: true });
const section = (title: string, items: CardElement[]): CardElement => ({
  type: 'Container',
  separator: true,
  spacing: 'Medium',
  items: [heading(t(title)), ...items],
});

/**
 * The weekly digest as one Adaptive Card, from the one digest data object. Every string goes
 * through cardText (markdown escaped), requester comments included. The chart is an Image by
 * URL: Teams caps a bot message near 28 KB, which an inline (base64) PNG of the chart exceeds.
 */
export function digestCard(
  digest: DigestData,
  chart: ChartImage,
  links: DigestLinks = { reportUrl: null },
): CardElement {
  const card = adaptiveCard([
    {
      type: 'TextBlock',
      text: t(`${digest.team.name}: weekly gap digest, ${digest.week}`),
      size: 'Large',
      weight: 'Bolder',
      wrap: true,
    },
    small(`${periodText(digest)} · ${digest.team.timezone}`),
    section('What matters most', [
      paragraph(t(overallLine(digest))),
      ...(digest.headlines.length > 0
        ? digest.headlines.map(findingBlock)
        : [paragraph(t('Nothing else stands out this week: no significant gap and no real change.'))]),
    ]),
    chart
      ? { type: 'Image', url: chart.url, altText: chart.altText, size: 'Stretch' }
      : small('The chart is not shown here: set GAPDESK_PUBLIC_URL so Teams can fetch it.'),
    section('The customer gap (gap 5): compared with what you expected, −2 … +2', [
      facts(
        digest.gap5.dimensions.map(({ dimension, score }) => [
          t(dimensionLabel(dimension)),
          t(
            `${score.current.kind === 'too_few' ? `${TOO_FEW} (${score.current.n})` : meanWithCi(score.current)} · last week ${meanText(score.previous)} · ${changeText(score.change, 'points')}`,
          ),
        ]),
      ),
      small(`Overall ${weightsSourceText(digest.gap5.weightsSource)}`),
    ]),
    section('Delivery, standards and promises (gaps 3, 2, 4)', [facts(deliveryFacts(digest))]),
    ...(digest.gap1 ? [gap1Section(digest)] : []),
    section('The three Rs', threeRs(digest)),
    section('Volume and demand', [facts(demandFacts(digest))]),
    section('Voice of the requester (no names)', voice(digest)),
    { type: 'Container', separator: true, items: [small(honesty(digest)), ...digest.footnotes.map(small)] },
  ]);
  return links.reportUrl ? { ...card, actions: [openReport(links.reportUrl)] } : card;
}

/** Action.OpenUrl: Teams opens the link in the browser itself; nothing is sent to the bot. */
function openReport(url: string): CardElement {
  return { type: 'Action.OpenUrl', title: 'Open the report', url, style: 'positive' };
}

function findingBlock(finding: Finding, index: number): CardElement {
  return {
    type: 'Container',
    items: [
      paragraph(t(`${index + 1}. ${finding.title} (${R_LABELS[finding.r].toLowerCase()})`), {
        weight: 'Bolder',
      }),
      paragraph(t(finding.detail), { spacing: 'None' }),
    ],
  };
}

function deliveryFacts(digest: DigestData): Array<[string, string]> {
  const { gap2, gap3, gap4 } = digest;
  const timed = gap3.byPriority
    .filter((row) => row.acknowledgeMinutes.kind === 'value' || row.resolveMinutes.kind === 'value')
    .map((row): [string, string] => [
      t(`Times, ${row.priority}`),
      t(`acknowledge ${timeText(row.acknowledgeMinutes)}; resolve ${timeText(row.resolveMinutes)}`),
    ]);
  return [
    [
      t('Acknowledged within SLA'),
      t(
        `${shareWithCi(gap3.acknowledgedWithinSla.current)} · last week ${shareText(gap3.acknowledgedWithinSla.previous)} · ${changeText(gap3.acknowledgedWithinSla.change, 'share')}`,
      ),
    ],
    [
      t('Resolved within SLA'),
      t(
        `${shareWithCi(gap3.resolvedWithinSla.current)} · last week ${shareText(gap3.resolvedWithinSla.previous)} · ${changeText(gap3.resolvedWithinSla.change, 'share')}`,
      ),
    ],
    ...timed,
    [
      t('Needed sooner than the SLA'),
      t(`${shareWithCi(gap2.neededByTighter.current)} · ${changeText(gap2.neededByTighter.change, 'share')}`),
    ],
    [t('Promises kept'), t(`${shareWithCi(gap4.kept.current)} · ${changeText(gap4.kept.change, 'share')}`)],
  ];
}

function gap1Section(digest: DigestData): CardElement {
  const gap = digest.gap1;
  const rows = digest.gap5.dimensions.map(({ dimension }): [string, string] => [
    t(dimensionLabel(dimension)),
    t(
      `requesters ${Math.round(gap?.requesters.weights[dimension] ?? 0)} · leaders ${Math.round(gap?.leaders.weights[dimension] ?? 0)}`,
    ),
  ]);
  return section('What matters most to whom (gap 1): importance out of 100', [facts(rows)]);
}
