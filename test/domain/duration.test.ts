import { describe, expect, it } from 'vitest';
import { businessMinutes, parseDuration, parseWallDuration } from '../../src/domain/duration.js';
import type { WeeklyWindow } from '../../src/domain/team.js';
import { isAppError } from '../../src/errors.js';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const eightToSix: WeeklyWindow = { days: [...weekdays], start: '08:00', end: '18:00' };
const nineToFive: WeeklyWindow = { days: [...weekdays], start: '09:00', end: '17:00' };

describe('parseDuration', () => {
  it('splits text into days, hours and minutes', () => {
    expect(parseDuration('15m')).toEqual({ days: 0, hours: 0, minutes: 15 });
    expect(parseDuration('4h')).toEqual({ days: 0, hours: 4, minutes: 0 });
    expect(parseDuration('2h30m')).toEqual({ days: 0, hours: 2, minutes: 30 });
    expect(parseDuration('10d')).toEqual({ days: 10, hours: 0, minutes: 0 });
    expect(parseDuration('1d2h5m')).toEqual({ days: 1, hours: 2, minutes: 5 });
  });

  it.each(['', 'h', '4', '30m2h', '1.5h', '4 hours', '-1h'])('rejects %j as invalid input', (text) => {
    let caught: unknown;
    try {
      parseDuration(text);
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught, 'invalid_input')).toBe(true);
  });
});

describe('businessMinutes', () => {
  it('counts minutes and hours as business minutes', () => {
    expect(businessMinutes('15m', eightToSix)).toBe(15);
    expect(businessMinutes('4h', eightToSix)).toBe(240);
    expect(businessMinutes('2h30m', eightToSix)).toBe(150);
  });

  it('counts a day as one working-day length of the window', () => {
    expect(businessMinutes('1d', eightToSix)).toBe(600);
    expect(businessMinutes('1d', nineToFive)).toBe(480);
    expect(businessMinutes('10d', nineToFive)).toBe(4800);
    expect(businessMinutes({ days: 1, hours: 1, minutes: 0 }, eightToSix)).toBe(660);
  });

  it('treats a window ending 23:59 as running to midnight, so a 24/7 day is 1440 minutes', () => {
    const always: WeeklyWindow = { days: [...weekdays, 'sat', 'sun'], start: '00:00', end: '23:59' };
    expect(businessMinutes('1d', always)).toBe(1440);
  });
});

describe('parseWallDuration', () => {
  it('reads plain wall-clock time with a 24-hour day', () => {
    expect(parseWallDuration('15m')).toBe(15 * 60_000);
    expect(parseWallDuration('1h')).toBe(3_600_000);
    expect(parseWallDuration('72h')).toBe(72 * 3_600_000);
    expect(parseWallDuration('1d')).toBe(86_400_000);
    expect(parseWallDuration('1d2h30m')).toBe((26 * 60 + 30) * 60_000);
  });
});
