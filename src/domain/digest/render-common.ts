import type { Dimension } from '../dimensions.js';
import type {
  Change,
  DigestData,
  MeanFigure,
  ShareFigure,
  ThreeR,
  TimeFigure,
  WeightedFigure,
} from './digest-schema.js';
import { dimensionLabel, duration, percent, percentPoints, signed } from './format.js';
import { pText } from './p-text.js';

/**
 * Phrases every renderer (text, Slack, Teams, chart) uses for the digest's figures, so the
 * "too few answers" rule and the change wording cannot differ between them.
 */
export const TOO_FEW = 'too few answers';

export function meanText(figure: MeanFigure | WeightedFigure, digits = 1): string {
  return figure.kind === 'too_few' ? TOO_FEW : signed(figure.mean, digits);
}

export function meanWithCi(figure: MeanFigure | WeightedFigure, digits = 1): string {
  if (figure.kind === 'too_few') return `${TOO_FEW} (${figure.n})`;
  const ci = figure.ci95
    ? `, 95% CI ${signed(figure.ci95.low, digits)} to ${signed(figure.ci95.high, digits)}`
    : '';
  return `${signed(figure.mean, digits)} (n = ${figure.n}${ci})`;
}

export function shareText(figure: ShareFigure): string {
  return figure.kind === 'too_few' ? TOO_FEW : percent(figure.share);
}

export function shareWithCi(figure: ShareFigure): string {
  if (figure.kind === 'too_few') return `${TOO_FEW} (${figure.n})`;
  return `${percent(figure.share)} of ${figure.n} (95% CI ${percent(figure.ci95.low)}–${percent(figure.ci95.high)})`;
}

export function timeText(figure: TimeFigure): string {
  if (figure.kind === 'too_few') return TOO_FEW;
  return `median ${duration(figure.median)}, p90 ${duration(figure.p90)}`;
}

/** "worsened (−1.2, p = 0.016)", "no clear change", "too few answers to compare". */
export function changeText(change: Change, unit: 'points' | 'share' | 'hours'): string {
  if (change.verdict === 'too_few') return 'too few answers to compare';
  if (change.verdict === 'no_clear_change') return 'no clear change';
  const delta =
    unit === 'share' ? percentPoints(change.delta) : signed(change.delta, unit === 'hours' ? 1 : 2);
  return `${change.verdict} (${delta}, ${pText(change.p)})`;
}

/** The one line that sums the week up: the weighted overall gap score and its change. */
export function overallLine(digest: DigestData): string {
  const { current, change } = digest.gap5.overall;
  if (current.kind === 'too_few') return `Overall gap score: ${TOO_FEW} (${current.n}).`;
  const side =
    current.ci95.high < 0
      ? 'below expectations'
      : current.ci95.low > 0
        ? 'above expectations'
        : 'about as expected';
  return `Overall gap score ${meanWithCi(current, 2)}: ${side}; ${changeText(change, 'points')} since last week.`;
}

export const R_LABELS: Record<ThreeR, string> = {
  resources: 'Resources',
  response: 'Response',
  respect: 'Respect',
};

const SCORE_WORDS: Record<number, string> = {
  [-2]: 'much worse than expected',
  [-1]: 'worse than expected',
  0: 'as expected',
  1: 'better than expected',
  2: 'much better than expected',
};

export function scoreWords(score: number | null): string {
  if (score === null) return 'said it was not fixed';
  return SCORE_WORDS[score] ?? String(score);
}

export function dimensionOrGeneral(dimension: Dimension | null): string {
  return dimension ? dimensionLabel(dimension) : 'General';
}

export function weightsSourceText(source: DigestData['gap5']['weightsSource']): string {
  return {
    requester_votes: "weighted by requesters' own importance votes",
    team_config: "weighted by the team's configured importance weights",
    default:
      'weighted by published customer importance (reliability 30, responsiveness 25, assurance 20, empathy 16, tangibles 7) until requesters vote',
  }[source];
}

export { plural } from './format.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "16–22 Nov 2026" from the period (end exclusive), in the team's own calendar. */
export function periodText(digest: DigestData): string {
  const local = (iso: string) => {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: digest.team.timezone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    }).formatToParts(new Date(iso));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return { day: get('day'), month: MONTHS[get('month') - 1] ?? '', year: get('year') };
  };
  const first = local(digest.period.start);
  const last = local(new Date(new Date(digest.period.end).getTime() - 3_600_000).toISOString());
  const firstText = first.month === last.month ? `${first.day}` : `${first.day} ${first.month}`;
  return `${firstText}–${last.day} ${last.month} ${last.year}`;
}
