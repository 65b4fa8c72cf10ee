import type { DigestData, Finding } from '../../../src/domain/digest/digest-schema.js';
import { hourRange, hours, WEEKDAY_LABELS } from '../../../src/domain/digest/format.js';
import {
  dimensionOrGeneral,
  plural,
  scoreWords,
  shareText,
  TOO_FEW,
} from '../../../src/domain/digest/render-common.js';
import { type CardElement, paragraph } from '../cards/card.js';
import { cardText } from '../cards/text.js';

// The lower sections of the digest card (digest-card.ts); every string through cardText.
const t = (text: string) => cardText(text);
const small = (text: string): CardElement => paragraph(t(text), { size: 'Small', isSubtle: true });

export function threeRs(digest: DigestData): CardElement[] {
  const { resources, response, respect } = digest.threeRs;
  const named = (count: number | null) => (count === null ? `${TOO_FEW}:` : plural(count, 'answer'));
  const list = (findings: Finding[]) =>
    findings.map((f) => paragraph(t(`• ${f.title}`), { spacing: 'None' }));
  return [
    paragraph(
      t(
        `Resources: ${named(resources.shortfallAnswers)} blamed resources; ${plural(resources.requestsWaitingOnResources, 'request')} waited ${hours(resources.waitingOnResourcesHours)}; ${plural(resources.deferrals, 'deferral')}`,
      ),
      { weight: 'Bolder' },
    ),
    ...list(resources.findings),
    paragraph(
      t(
        `Response: ${named(response.shortfallAnswers)} blamed response; ${response.acknowledgeMisses} acknowledge and ${response.resolveMisses} resolve SLA misses`,
      ),
      { weight: 'Bolder' },
    ),
    ...list(response.findings),
    paragraph(
      t(
        `Respect: ${named(respect.shortfallAnswers)} blamed respect; negative comments: ${respect.negativeComments ?? TOO_FEW}`,
      ),
      { weight: 'Bolder' },
    ),
    ...list(respect.findings),
  ];
}

export function demandFacts(digest: DigestData): Array<[string, string]> {
  const { volume } = digest;
  return [
    [t('Filed'), t(`${volume.filed.current} (last week ${volume.filed.previous})`)],
    [t('Resolved'), t(`${volume.resolved.current} (last week ${volume.resolved.previous})`)],
    [
      t('Open at week end'),
      t(`${volume.openAtWeekEnd}; backlog ${volume.backlog.map((b) => b.open).join(' → ')}`),
    ],
    [
      t('Most filed'),
      t(
        volume.byCategory
          .slice(0, 5)
          .map((row) => `${row.key} ${row.filed}`)
          .join(', ') || 'none',
      ),
    ],
    [
      t('Busiest hours'),
      t(
        volume.busiest
          .map((c) => `${WEEKDAY_LABELS[c.weekday]} ${hourRange(c.hour)} (${c.count})`)
          .join(', ') || 'no requests filed',
      ),
    ],
  ];
}

export function voice(digest: DigestData): CardElement[] {
  if (digest.voice.length === 0) return [paragraph(t('No comments to quote this week.'))];
  return digest.voice.map((v) => ({
    type: 'Container',
    style: 'emphasis',
    items: [
      paragraph(t(`“${v.comment.slice(0, 600)}”`)),
      small(`${dimensionOrGeneral(v.dimension)}, ${scoreWords(v.score)}`),
    ],
  }));
}

export function honesty(digest: DigestData): string {
  const h = digest.honesty;
  const skipped = h.skipped.map((s) => `${s.reason.replaceAll('_', ' ')} ${s.count}`).join(', ');
  return `Response rate ${shareText(h.responseRate)} (${h.answered} answered, ${h.notFixed} not fixed, ${h.expired} expired, ${h.awaiting} awaiting) · skipped: ${skipped || 'none'}`;
}
