import type { DigestData, ShareFigure } from '../digest/digest-schema.js';
import type { Dimension, Shortfall } from '../dimensions.js';
import type { FigureKey } from './report-schema.js';

/**
 * What each drill-down figure counts, in a leader's words, and where DigestData shows it. The
 * list behind a figure (listFigureRequests) has exactly `figureValue(digest, key)` rows: one per
 * request for request figures, one per survey for survey figures (a request surveyed twice in a
 * week appears twice), one per promise for promise figures, one per deferral for deferrals.
 *
 * Lists (and the history) read the database as it is now; a digest saved when it was posted
 * keeps its figures, so a survey answered late (or a request reopened since) can make a list of
 * an old week differ from the saved digest's number. A digest composed now always agrees.
 */
export const FIGURE_LABELS: Record<FigureKey, string> = {
  filed: 'requests filed in the week',
  resolved: 'requests resolved in the week',
  backlog: 'requests open at the week’s end',
  'ack-measured': 'acknowledgements in the week with an SLA verdict',
  'ack-within-sla': 'acknowledgements within SLA',
  'ack-outside-sla': 'acknowledgements outside SLA',
  'resolve-measured': 'resolutions in the week with an SLA verdict',
  'resolve-within-sla': 'resolutions within SLA',
  'resolve-outside-sla': 'resolutions outside SLA',
  'needed-by-stated': 'requests filed in the week (each states when it is needed)',
  'needed-sooner-than-sla': 'requests needed sooner than the SLA allows (gap 2)',
  'promises-settled': 'promises settled in the week (cancelled ones left out)',
  'promises-kept': 'promises kept',
  'promises-broken': 'promises missed or moved',
  'surveys-sent': 'surveys sent for the week',
  answered: 'survey answers with a score',
  'not-fixed': 'answers saying "Not fixed"',
  expired: 'surveys that expired unanswered',
  awaiting: 'surveys still awaiting an answer',
  'worse-than-expected': 'answers worse than expected (score below 0)',
  'negative-comments': 'comments with an answer below expectations or "Not fixed"',
  'waiting-on-resources': 'requests that waited on resources in the week',
  deferrals: 'deferrals recorded in the week (a request deferred twice is listed twice)',
  'answered:reliability': 'answers about reliability',
  'answered:responsiveness': 'answers about responsiveness',
  'answered:assurance': 'answers about assurance',
  'answered:empathy': 'answers about empathy',
  'answered:tangibles': 'answers about tangibles',
  'worse-than-expected:reliability': 'reliability answers worse than expected',
  'worse-than-expected:responsiveness': 'responsiveness answers worse than expected',
  'worse-than-expected:assurance': 'assurance answers worse than expected',
  'worse-than-expected:empathy': 'empathy answers worse than expected',
  'worse-than-expected:tangibles': 'tangibles answers worse than expected',
  'shortfall:resources': 'answers below expectations that blamed resources',
  'shortfall:response': 'answers below expectations that blamed the response',
  'shortfall:respect': 'answers below expectations that blamed respect',
};

/** successes of a share the digest shows as a number; null when it says "too few". */
function successes(share: ShareFigure): number | null {
  return share.kind === 'value' ? Math.round(share.share * share.n) : null;
}

/**
 * The figure as the digest shows it, or null when the digest does not show it as a number
 * ("too few answers", or a figure only the report shows: worse-than-expected). For a null
 * figure the page may still link the list, and show its length.
 */
export function figureValue(digest: DigestData, key: FigureKey): number | null {
  const [base, part] = key.split(':') as [string, string | undefined];
  if (base === 'answered' && part) {
    return digest.gap5.dimensions.find((d) => d.dimension === (part as Dimension))?.score.current.n ?? null;
  }
  if (base === 'shortfall' && part) return digest.threeRs[part as Shortfall].shortfallAnswers;
  if (base === 'worse-than-expected') return null;
  const { volume, gap2, gap3, gap4, honesty, threeRs } = digest;
  switch (key) {
    case 'filed':
      return volume.filed.current;
    case 'resolved':
      return volume.resolved.current;
    case 'backlog':
      return volume.openAtWeekEnd;
    case 'ack-measured':
      return gap3.acknowledgedWithinSla.current.n;
    case 'ack-within-sla':
      return successes(gap3.acknowledgedWithinSla.current);
    case 'ack-outside-sla':
      return threeRs.response.acknowledgeMisses;
    case 'resolve-measured':
      return gap3.resolvedWithinSla.current.n;
    case 'resolve-within-sla':
      return successes(gap3.resolvedWithinSla.current);
    case 'resolve-outside-sla':
      return threeRs.response.resolveMisses;
    case 'needed-by-stated':
      return gap2.neededByTighter.current.n;
    case 'needed-sooner-than-sla':
      return successes(gap2.neededByTighter.current);
    case 'promises-settled':
      return gap4.kept.current.n;
    case 'promises-kept':
      return successes(gap4.kept.current);
    case 'promises-broken':
      // The slip is a mean over the broken promises, so its n is their count.
      return gap4.slipHours.current.n;
    case 'surveys-sent':
      return honesty.sent;
    case 'answered':
      return honesty.answered;
    case 'not-fixed':
      return honesty.notFixed;
    case 'expired':
      return honesty.expired;
    case 'awaiting':
      return honesty.awaiting;
    case 'negative-comments':
      return threeRs.respect.negativeComments;
    case 'waiting-on-resources':
      return threeRs.resources.requestsWaitingOnResources;
    case 'deferrals':
      return threeRs.resources.deferrals;
    default:
      return null;
  }
}
