import { DateTime } from 'luxon';
import { previousWeekKey } from '../../domain/digest/digest-week.js';
import type { Dimension } from '../../domain/dimensions.js';
import { weekBounds } from '../../domain/survey-plan.js';
import { DIMENSION_BIAS } from './week-plan.js';

/** How one simulated week differs from the others, so the history has something to say. */
export type DemoWeek = {
  /** ISO week key, e.g. 2026-W47. */
  week: string;
  /** Monday 00:00 in the team's timezone. */
  start: DateTime;
  requests: number;
  /** Mean of log(minutes to acknowledge): lower is quicker. */
  ackDelayMu: number;
  /** Share of requesters who answer their survey. */
  answerRate: number;
  /** How requesters answer per dimension, before mood and breaches. */
  bias: Readonly<Record<Dimension, number>>;
  /** A holiday week: too few requests for any figure built on answers. */
  quiet: boolean;
};

const QUIET_WEEK_REQUESTS = 6;

/**
 * `count` weeks ending with `lastWeek`. The story they tell: responsiveness improves week by
 * week (acknowledgements get quicker, answers kinder), tangibles get worse (a new cleaning
 * contractor), the rest holds steady; and the week two before the last is a quiet holiday
 * week with fewer than 5 answers. The last week has `requests` requests; the weeks before it
 * fewer, so that the demo stays quick.
 */
export function demoWeeks(input: {
  lastWeek: string;
  count: number;
  requests: number;
  historyRequests: number;
  timezone: string;
}): DemoWeek[] {
  const keys = [input.lastWeek];
  while (keys.length < input.count) keys.unshift(previousWeekKey(keys[0] as string, input.timezone));
  const quietIndex = input.count >= 3 ? input.count - 3 : -1;
  return keys.map((week, index) => {
    // 0 for the first week, 1 for the last.
    const progress = input.count > 1 ? index / (input.count - 1) : 1;
    const last = index === input.count - 1;
    const quiet = index === quietIndex;
    return {
      week,
      start: DateTime.fromJSDate(weekBounds(week, input.timezone).start, { zone: input.timezone }),
      requests: last ? input.requests : quiet ? QUIET_WEEK_REQUESTS : input.historyRequests,
      ackDelayMu: 4.2 - 0.9 * progress,
      answerRate: quiet ? 0.3 : 0.85,
      bias: {
        ...DIMENSION_BIAS,
        responsiveness: -1.4 + 1.7 * progress,
        tangibles: 0.9 - 1.5 * progress,
      },
      quiet,
    };
  });
}
