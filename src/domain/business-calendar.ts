import { DateTime, IANAZone } from 'luxon';
import { AppError } from '../errors.js';
import { type Team, WEEKDAYS, type WeeklyWindow } from './team.js';

/**
 * When a team works: a weekly window of local wall-clock hours in an IANA timezone.
 *
 * Start and end are wall times converted afresh on every date, so a 08:00–18:00 day is 10 h
 * even on a DST-change date. An `end` of "23:59" means "until midnight": the config's HH:MM
 * cannot say 24:00, so all seven days with 00:00–23:59 is a seamless 24/7 calendar (whose
 * DST-change days last 23 h or 25 h of real time).
 */
export type BusinessCalendar = { timezone: string; window: WeeklyWindow };

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
const END_OF_DAY = '23:59';
// Every valid window opens at least once a week; a longer silence means a broken calendar.
const MAX_CLOSED_DAYS = 14;

type Interval = { start: number; end: number };
type Plan = {
  zone: string;
  days: Set<number>;
  startMinute: number;
  endMinute: number;
  /** Open interval per local date (epoch day); see openIntervalOn. */
  intervals: Map<number, Interval | null>;
};

function clockMinutes(text: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) throw new AppError('invalid_input', `"${text}" is not a time like "08:00"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function windowMinutes(window: WeeklyWindow): { startMinute: number; endMinute: number } {
  const startMinute = clockMinutes(window.start);
  const endMinute = window.end === END_OF_DAY ? DAY_MINUTES : clockMinutes(window.end);
  if (startMinute >= endMinute) {
    throw new AppError('invalid_input', `window start ${window.start} is not before end ${window.end}`);
  }
  return { startMinute, endMinute };
}

/** Length of one working day of the window in wall-clock minutes ("23:59" as end counts as 24:00). */
export function workingDayMinutes(window: WeeklyWindow): number {
  const { startMinute, endMinute } = windowMinutes(window);
  return endMinute - startMinute;
}

/** The calendar a team's SLA clocks run on. */
export function calendarForTeam(team: Pick<Team, 'timezone' | 'businessHours'>): BusinessCalendar {
  return { timezone: team.timezone, window: team.businessHours };
}

// Every SLA clock asks for its team's plan, several times per click; checking the zone alone
// costs ~100 µs in luxon. Plans are keyed by every input, so results stay pure; a team's window
// is the same object on every call (config is read once and never changed in place), so it is
// found by that object without building the key.
const plans = new Map<string, Plan>();
const plansByWindow = new WeakMap<WeeklyWindow, Map<string, Plan>>();
const MAX_CACHED_PLANS = 1_000;

function planOf(cal: BusinessCalendar): Plan {
  let byZone = plansByWindow.get(cal.window);
  const known = byZone?.get(cal.timezone);
  if (known) return known;
  const key = `${cal.timezone}|${cal.window.days.join(',')}|${cal.window.start}|${cal.window.end}`;
  let plan = plans.get(key);
  if (!plan) {
    plan = newPlan(cal);
    if (plans.size >= MAX_CACHED_PLANS) plans.clear();
    plans.set(key, plan);
  }
  if (!byZone) {
    byZone = new Map();
    plansByWindow.set(cal.window, byZone);
  }
  byZone.set(cal.timezone, plan);
  return plan;
}

function newPlan(cal: BusinessCalendar): Plan {
  if (!IANAZone.isValidZone(cal.timezone)) {
    throw new AppError('invalid_input', `"${cal.timezone}" is not an IANA timezone`);
  }
  if (cal.window.days.length === 0) throw new AppError('invalid_input', 'business window lists no days');
  // Luxon numbers weekdays 1 (Monday) to 7 (Sunday), the same order as WEEKDAYS.
  const days = new Set(cal.window.days.map((day) => WEEKDAYS.indexOf(day) + 1));
  return { zone: cal.timezone, days, ...windowMinutes(cal.window), intervals: new Map() };
}

const DAY_MS = 86_400_000;
// Resolving wall times through luxon costs tens of microseconds and the digest asks for the
// same team days over and over: each plan keeps the intervals of the dates it has resolved.
const MAX_CACHED_DAYS = 20_000;

function isoWeekday(epochDay: number): number {
  // 1970-01-01 (epoch day 0) was a Thursday, ISO weekday 4.
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/** The wall time `minuteOfDay` (1440 = the next midnight) on a date, as an instant in `zone`. */
function wallTime(zone: string, epochDay: number, minuteOfDay: number): number {
  const date = new Date((epochDay + Math.floor(minuteOfDay / DAY_MINUTES)) * DAY_MS);
  const minute = minuteOfDay % DAY_MINUTES;
  return DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Math.floor(minute / 60),
      minute: minute % 60,
    },
    { zone },
  ).toMillis();
}

/** The open interval on a local calendar date, or null when closed (or emptied by a DST gap). */
function openIntervalOn(plan: Plan, epochDay: number): Interval | null {
  if (!plan.days.has(isoWeekday(epochDay))) return null;
  const cached = plan.intervals.get(epochDay);
  if (cached !== undefined) return cached;
  const start = wallTime(plan.zone, epochDay, plan.startMinute);
  const end = wallTime(plan.zone, epochDay, plan.endMinute);
  const interval = end > start ? { start, end } : null;
  if (plan.intervals.size >= MAX_CACHED_DAYS) plan.intervals.clear();
  plan.intervals.set(epochDay, interval);
  return interval;
}

/** Open intervals in time order, starting with the first that ends after `fromMs`. Never ends. */
function* openIntervalsFrom(plan: Plan, fromMs: number): Generator<Interval, never, undefined> {
  // The local date of `fromMs` is its UTC date or a day either side (offsets stay within ±14 h).
  // Starting a day early needs no timezone lookup, which costs more than the rest of the walk:
  // an interval of an earlier local date ends by that date's midnight, so it is skipped below.
  // Dates are stepped as whole UTC days, where every day is 24 h; wall times are resolved per date.
  let epochDay = Math.floor(fromMs / DAY_MS) - 1;
  let closedDays = 0;
  for (;;) {
    const interval = openIntervalOn(plan, epochDay);
    if (interval && interval.end > fromMs) {
      closedDays = 0;
      yield interval;
    }
    closedDays += 1;
    if (closedDays > MAX_CLOSED_DAYS) throw new AppError('invalid_input', 'business calendar never opens');
    epochDay += 1;
  }
}

/**
 * The instant at which `ms` milliseconds of business time have elapsed from `from`. If `from`
 * is outside hours, counting starts at the next opening; adding 0 gives the next opening.
 * A result that lands exactly on a closing time is that closing time, not the next opening.
 */
export function addBusinessMillis(cal: BusinessCalendar, from: Date, ms: number): Date {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new AppError('invalid_input', `cannot add ${ms} ms of business time`);
  }
  const fromMs = from.getTime();
  let remaining = Math.round(ms);
  for (const interval of openIntervalsFrom(planOf(cal), fromMs)) {
    const start = Math.max(interval.start, fromMs);
    const available = interval.end - start;
    if (remaining <= available) return new Date(start + remaining);
    remaining -= available;
  }
  throw new AppError('invalid_input', 'business calendar never opens');
}

/** Like {@link addBusinessMillis}, in (possibly fractional) business minutes. */
export function addBusinessTime(cal: BusinessCalendar, from: Date, minutes: number): Date {
  return addBusinessMillis(cal, from, minutes * MINUTE_MS);
}

/** Business milliseconds in [from, to); 0 when `to` is not after `from`. */
export function businessMillisBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (toMs <= fromMs) return 0;
  let total = 0;
  for (const interval of openIntervalsFrom(planOf(cal), fromMs)) {
    if (interval.start >= toMs) break;
    total += Math.min(interval.end, toMs) - Math.max(interval.start, fromMs);
  }
  return total;
}

/** Business minutes (fractional) in [from, to); 0 when `to` is not after `from`. */
export function businessMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  return businessMillisBetween(cal, from, to) / MINUTE_MS;
}

/** `at` itself when the calendar is open, else the next opening. */
export function nextOpening(cal: BusinessCalendar, at: Date): Date {
  return addBusinessMillis(cal, at, 0);
}
