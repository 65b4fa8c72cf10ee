import type { Dimension, Shortfall } from '../dimensions.js';
import type { DigestData, Finding, ThreeR, TrackedShare } from './digest-schema.js';
import { dimensionLabel, hours, percent, percentPoints, plural, signed } from './format.js';
import { pText } from './p-text.js';

/** Where a dimension's shortfall usually lies when requesters did not say (DOMAIN.md's three Rs). */
const DEFAULT_R: Record<Dimension, ThreeR> = {
  reliability: 'response',
  responsiveness: 'response',
  assurance: 'respect',
  empathy: 'respect',
  tangibles: 'resources',
};

/** Below this share within SLA (or of promises kept), the miss itself is a finding. */
export const ATTAINMENT_CONCERN = 0.8;
/** From this share of needed-by dates tighter than the SLA, the standard itself disappoints. */
export const TIGHTER_CONCERN = 0.2;

type Facts = Omit<DigestData, 'headlines' | 'threeRs'> & {
  waiting: { hours: number; requests: number };
  deferrals: number;
};

/**
 * Every finding the week supports, in plain language. Severity puts them on one scale: a gap
 * score's distance below "as expected" (0…2), twice a miss rate, a change's size.
 */
export function findFindings(facts: Facts): Finding[] {
  return [
    ...gap5Findings(facts),
    ...notFixedFindings(facts),
    ...deliveryFindings(facts),
    ...resourceFindings(facts),
  ];
}

function gap5Findings(facts: Facts): Finding[] {
  return facts.gap5.dimensions.flatMap(({ dimension, score }) => {
    const label = dimensionLabel(dimension);
    const { current, change } = score;
    const r = dominantShortfall(facts.shortfallsByDimension, dimension) ?? DEFAULT_R[dimension];
    const gap =
      current.kind === 'value' && current.ci95 && current.ci95.high < 0
        ? {
            severity: -current.mean,
            title: `${label} fell short of what requesters expected`,
            detail: `Average ${signed(current.mean)} on the −2…+2 scale (95% CI ${signed(current.ci95.low)} to ${signed(current.ci95.high)}, ${current.n} answers).`,
          }
        : null;
    return withChange(r, gap, label, change, (delta) => `${signed(delta)} points`, 1);
  });
}

type Change = TrackedShare['change'];

/**
 * One finding per figure: the shortfall itself (if any) with its change since last week
 * folded in, or the change alone. `scale` puts the change's size on the severity scale.
 */
function withChange(
  r: ThreeR,
  shortfall: { severity: number; title: string; detail: string } | null,
  label: string,
  change: Change,
  describe: (delta: number) => string,
  scale: number,
): Finding[] {
  const moved = change.verdict === 'worsened' || change.verdict === 'improved' ? change : null;
  const changeText = moved ? `${describe(moved.delta)} since last week (${pText(moved.p)})` : null;
  if (shortfall) {
    const worse = moved?.verdict === 'worsened';
    return [
      {
        r,
        tone: 'concern',
        severity: shortfall.severity + (worse && moved ? (scale * Math.abs(moved.delta)) / 2 : 0),
        title: moved
          ? `${shortfall.title}, and ${worse ? 'worsened' : 'improved'} since last week`
          : shortfall.title,
        detail: changeText ? `${shortfall.detail} ${changeText}.` : shortfall.detail,
      },
    ];
  }
  if (!moved || !changeText) return [];
  const worse = moved.verdict === 'worsened';
  return [
    {
      r,
      tone: worse ? 'concern' : 'good_news',
      severity: scale * Math.abs(moved.delta),
      title: `${label} ${worse ? 'worsened' : 'improved'} since last week`,
      detail: `${changeText}.`,
    },
  ];
}

function deliveryFindings(facts: Facts): Finding[] {
  return [
    ...attainment(facts.gap3.acknowledgedWithinSla, 'Acknowledged within SLA', 'acknowledged'),
    ...attainment(facts.gap3.resolvedWithinSla, 'Resolved within SLA', 'resolved'),
    ...attainment(facts.gap4.kept, 'Promises kept', 'promises', 'Promises to requesters were broken'),
    ...tighter(facts.gap2.neededByTighter),
  ];
}

function attainment(tracked: TrackedShare, label: string, noun: string, concernTitle?: string): Finding[] {
  const { current, change } = tracked;
  const shortfall =
    current.kind === 'value' && current.share < ATTAINMENT_CONCERN
      ? {
          severity: 2 * (1 - current.share),
          title: concernTitle ?? `Only ${percent(current.share)} ${noun} within SLA`,
          detail: `${label}: ${percent(current.share)} of ${current.n} (95% CI ${percent(current.ci95.low)}–${percent(current.ci95.high)}).`,
        }
      : null;
  return withChange('response', shortfall, label, change, percentPoints, 2);
}

function tighter(tracked: TrackedShare): Finding[] {
  const { current } = tracked;
  if (current.kind !== 'value' || current.share < TIGHTER_CONCERN) return [];
  return [
    {
      r: 'response',
      tone: 'concern',
      severity: 1.5 * current.share,
      title: `${percent(current.share)} of requests were needed sooner than the SLA allows`,
      detail: `The standard itself disappoints these requesters (gap 2): ${current.n} requests filed.`,
    },
  ];
}

/** "Not fixed" answers reopened requests: work that did not hold, whatever the scores say. */
function notFixedFindings(facts: Facts): Finding[] {
  const count = facts.honesty.notFixed;
  if (count === 0) return [];
  return [
    {
      r: 'response',
      tone: 'concern',
      severity: Math.min(1.5, (2 * count) / Math.max(1, facts.volume.resolved.current)),
      title: `${plural(count, 'requester')} said the work was not fixed`,
      detail: `Their requests were reopened; ${facts.volume.resolved.current} resolved this week.`,
    },
  ];
}

function resourceFindings(facts: Facts): Finding[] {
  const { waiting, deferrals } = facts;
  if (waiting.requests === 0 && deferrals === 0) return [];
  const filed = Math.max(1, facts.volume.filed.current);
  return [
    {
      r: 'resources',
      tone: 'concern',
      severity: Math.min(1.5, (3 * (waiting.requests + deferrals)) / filed),
      title: 'Work waited on people, parts or budget',
      detail: `${plural(waiting.requests, 'request')} spent ${hours(waiting.hours)} waiting on resources; ${plural(deferrals, 'deferral')}.`,
    },
  ];
}

function dominantShortfall(
  rows: DigestData['shortfallsByDimension'],
  dimension: Dimension,
): Shortfall | undefined {
  const mine = rows.filter((row) => row.dimension === dimension).sort((a, b) => b.count - a.count);
  return mine[0]?.shortfall;
}

/**
 * The lead of the digest: the worst concerns (at most `limit`), or good news when nothing
 * is wrong, so a quiet week still says something true.
 */
export function pickHeadlines(findings: readonly Finding[], limit = 3): Finding[] {
  const bySeverity = (a: Finding, b: Finding) => b.severity - a.severity;
  const concerns = findings.filter((f) => f.tone === 'concern').sort(bySeverity);
  if (concerns.length > 0) return concerns.slice(0, limit);
  return findings
    .filter((f) => f.tone === 'good_news')
    .sort(bySeverity)
    .slice(0, limit);
}
