import { AppError } from '../errors.js';
import { workingDayMinutes } from './business-calendar.js';
import type { WeeklyWindow } from './team.js';

/**
 * A duration as written in team config ("15m", "4h", "1d", "2h30m", "10d"), kept in its parts
 * because a business day has no fixed length until a calendar is known.
 */
export type BusinessDuration = { days: number; hours: number; minutes: number };

// Same grammar as durationTextSchema in team.ts: optional d, h, m parts, in that order.
const DURATION_PATTERN = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

const MINUTE_MS = 60_000;

/**
 * Parse duration text into its parts. Throws AppError `invalid_input` on empty or malformed
 * text. The parts mean nothing on their own: see {@link businessMinutes} for SLA targets and
 * {@link parseWallDuration} for plain elapsed time.
 */
export function parseDuration(text: string): BusinessDuration {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match || text.trim() === '') {
    throw new AppError(
      'invalid_input',
      `"${text}" is not a duration`,
      `"${text}" is not a duration like "15m", "4h", "1d" or "2h30m"`,
    );
  }
  return { days: Number(match[1] ?? 0), hours: Number(match[2] ?? 0), minutes: Number(match[3] ?? 0) };
}

/**
 * Business minutes in an SLA duration: `m` and `h` are business minutes and hours; `d` is a
 * business day, the length of one working day of `window` (08:00–18:00 → 1d = 600 minutes;
 * a window ending "23:59" counts to midnight, so 1d = 1440 on a 24/7 calendar).
 */
export function businessMinutes(duration: BusinessDuration | string, window: WeeklyWindow): number {
  const parts = typeof duration === 'string' ? parseDuration(duration) : duration;
  return parts.days * workingDayMinutes(window) + parts.hours * 60 + parts.minutes;
}

/**
 * Wall-clock milliseconds in duration text, for delays that ignore business hours (survey
 * delay, reminder, expiry): `d` is 24 hours here, `h` and `m` are plain hours and minutes.
 */
export function parseWallDuration(text: string): number {
  const parts = parseDuration(text);
  return ((parts.days * 24 + parts.hours) * 60 + parts.minutes) * MINUTE_MS;
}
