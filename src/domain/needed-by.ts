import { DateTime } from 'luxon';
import { AppError } from '../errors.js';
import {
  type BusinessCalendar,
  businessMinutesBetween,
  nextOpening,
  workingDayMinutes,
} from './business-calendar.js';
import type { NeededByChoice } from './request.js';
import type { Priority } from './team.js';

const HOUR_MS = 3_600_000;

/** Local end of the business day that contains (or follows) `at`. */
function endOfBusinessDay(calendar: BusinessCalendar, at: Date): Date {
  const opening = DateTime.fromJSDate(nextOpening(calendar, at), { zone: calendar.timezone });
  const [hour, minute] = calendar.window.end.split(':').map(Number);
  return opening.set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

/**
 * The instant the requester needs it by, from their choice. "today" is the end of today's
 * working day (the next one, if filed after hours); "this week" the end of the week's last
 * working day; a date means by the end of that working day; "no rush" sets no date.
 */
export function resolveNeededBy(
  choice: NeededByChoice,
  date: string | null | undefined,
  filedAt: Date,
  calendar: BusinessCalendar,
): Date | null {
  switch (choice) {
    case 'within_hour':
      return new Date(filedAt.getTime() + HOUR_MS);
    case 'today':
      return endOfBusinessDay(calendar, filedAt);
    case 'this_week': {
      const today = DateTime.fromJSDate(endOfBusinessDay(calendar, filedAt), { zone: calendar.timezone });
      const lastDay = [...calendar.window.days].map(weekdayNumber).sort((a, b) => b - a)[0] ?? 5;
      const target = today.weekday <= lastDay ? today.plus({ days: lastDay - today.weekday }) : today;
      return target.toJSDate();
    }
    case 'no_rush':
      return null;
    case 'date': {
      if (!date) throw new AppError('invalid_input', 'needed-by date missing', 'Pick a date.');
      return endOfWorkingDayOn(calendar, date, filedAt);
    }
  }
}

/**
 * "By this date" as an instant: the end of the team's working day on that date, in its
 * timezone. Used for needed-by dates and deferral dates; a date already over is refused.
 */
export function endOfWorkingDayOn(calendar: BusinessCalendar, isoDate: string, now: Date): Date {
  const day = DateTime.fromISO(isoDate, { zone: calendar.timezone });
  if (!day.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) {
    throw new AppError('invalid_input', `bad date ${isoDate}`, 'That date is not valid.');
  }
  const [hour, minute] = calendar.window.end.split(':').map(Number);
  const end = day.set({ hour, minute }).toJSDate();
  if (end.getTime() <= now.getTime()) {
    throw new AppError('invalid_input', `date ${isoDate} is in the past`, 'Pick a date from today on.');
  }
  return end;
}

/**
 * The priority a request starts with, so the requester is asked once (the team can change it
 * in triage): the tighter the need, the higher the priority.
 */
export function defaultPriority(
  choice: NeededByChoice,
  neededBy: Date | null,
  filedAt: Date,
  calendar: BusinessCalendar,
): Priority {
  if (choice === 'within_hour') return 'urgent';
  if (choice === 'today') return 'high';
  if (choice === 'this_week') return 'normal';
  if (choice === 'no_rush' || neededBy === null) return 'low';
  const minutes = businessMinutesBetween(calendar, filedAt, neededBy);
  const day = workingDayMinutes(calendar.window);
  if (minutes <= 240) return 'urgent';
  if (minutes <= day) return 'high';
  if (minutes <= 5 * day) return 'normal';
  return 'low';
}

function weekdayNumber(day: string): number {
  return ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(day) + 1;
}
