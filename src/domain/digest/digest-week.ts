import { isoWeekKey, weekBounds } from '../survey-plan.js';
import type { DigestWeek } from './compose-digest.js';

const HOUR_MS = 3_600_000;

/** The ISO week before `weekKey` in `timezone` (one hour before Monday 00:00 is always last week). */
export function previousWeekKey(weekKey: string, timezone: string): string {
  return isoWeekKey(new Date(weekBounds(weekKey, timezone).start.getTime() - HOUR_MS), timezone);
}

/** Bounds of the digest's week, the week before and the four week keys of the backlog trend. */
export function digestWeek(weekKey: string, timezone: string): DigestWeek {
  const { start, end } = weekBounds(weekKey, timezone);
  const backlogWeeks = [weekKey];
  while (backlogWeeks.length < 4) backlogWeeks.unshift(previousWeekKey(backlogWeeks[0] as string, timezone));
  return { week: weekKey, previousWeek: previousWeekKey(weekKey, timezone), backlogWeeks, start, end };
}

/** The last complete week before `at` in `timezone`: what a digest sent at `at` reports on. */
export function lastCompleteWeek(at: Date, timezone: string): string {
  return previousWeekKey(isoWeekKey(at, timezone), timezone);
}
