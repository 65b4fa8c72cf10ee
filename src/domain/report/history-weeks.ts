import { lastCompleteWeek } from '../digest/digest-week.js';
import { isoWeekKey, weekBounds } from '../survey-plan.js';

export interface HistorySpan {
  /** ISO week keys, oldest first, every week present. */
  weeks: string[];
  /** starts[i] is week i's Monday 00:00 in the team's timezone; starts[weeks.length] ends the last. */
  starts: Date[];
}

/**
 * The weeks a history covers: from the week of the first request (never earlier, even when
 * more weeks are asked for) to the last complete week before `now`, or only its last `count`
 * weeks. Empty when the first request came this week or no request exists.
 */
export function historySpan(
  firstFiled: Date | null,
  now: Date,
  timezone: string,
  count: number | 'all',
): HistorySpan {
  if (firstFiled === null || (count !== 'all' && count < 1)) return { weeks: [], starts: [] };
  const last = lastCompleteWeek(now, timezone);
  const lastEnd = weekBounds(last, timezone).end;
  const weeks: string[] = [];
  const starts: Date[] = [];
  let key = isoWeekKey(firstFiled, timezone);
  let { start } = weekBounds(key, timezone);
  while (start < lastEnd) {
    weeks.push(key);
    starts.push(start);
    const { end } = weekBounds(key, timezone);
    key = isoWeekKey(end, timezone);
    start = end;
  }
  if (weeks.length === 0) return { weeks, starts };
  starts.push(lastEnd);
  if (count === 'all' || count >= weeks.length) return { weeks, starts };
  const from = weeks.length - Math.floor(count);
  return { weeks: weeks.slice(from), starts: starts.slice(from) };
}
