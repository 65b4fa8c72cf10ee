import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  type BusinessCalendar,
  businessMinutesBetween,
  calendarForTeam,
  nextOpening,
  workingDayMinutes,
} from '../../src/domain/business-calendar.js';
import { isAppError } from '../../src/errors.js';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const allDays = [...weekdays, 'sat', 'sun'] as const;
const london: BusinessCalendar = {
  timezone: 'Europe/London',
  window: { days: [...weekdays], start: '08:00', end: '18:00' },
};
const londonEveryDay: BusinessCalendar = { ...london, window: { ...london.window, days: [...allDays] } };
const londonAlways: BusinessCalendar = {
  timezone: 'Europe/London',
  window: { days: [...allDays], start: '00:00', end: '23:59' },
};
const at = (iso: string) => new Date(iso);

// January 2026: London is on GMT (= UTC). Mon 5, Fri 9, Sat 10, Mon 12.
// Open at `t` exactly when the next opening from `t` is `t` itself.
const isOpen = (cal: BusinessCalendar, t: Date) => nextOpening(cal, t).getTime() === t.getTime();

describe('addBusinessTime', () => {
  it('adds within one working day', () => {
    expect(addBusinessTime(london, at('2026-01-05T09:00Z'), 120)).toEqual(at('2026-01-05T11:00Z'));
  });

  it('stops at closing time rather than the next opening when it lands exactly there', () => {
    expect(addBusinessTime(london, at('2026-01-05T17:00Z'), 60)).toEqual(at('2026-01-05T18:00Z'));
  });

  it('carries what is left at closing into the next morning', () => {
    expect(addBusinessTime(london, at('2026-01-05T17:00Z'), 120)).toEqual(at('2026-01-06T09:00Z'));
  });

  it('skips the weekend: Friday 17:00 plus 2 business hours is Monday 09:00', () => {
    expect(addBusinessTime(london, at('2026-01-09T17:00Z'), 120)).toEqual(at('2026-01-12T09:00Z'));
  });

  it('starts counting at the next opening when started outside hours', () => {
    expect(addBusinessTime(london, at('2026-01-10T11:00Z'), 30)).toEqual(at('2026-01-12T08:30Z'));
    expect(addBusinessTime(london, at('2026-01-05T06:00Z'), 30)).toEqual(at('2026-01-05T08:30Z'));
  });

  it('adds fractional minutes', () => {
    expect(addBusinessTime(london, at('2026-01-05T09:00Z'), 1.5)).toEqual(at('2026-01-05T09:01:30Z'));
  });

  it('adds ten working days to land on the second Friday at closing', () => {
    const nineToFive: BusinessCalendar = {
      ...london,
      window: { ...london.window, start: '09:00', end: '17:00' },
    };
    expect(addBusinessTime(nineToFive, at('2026-01-05T09:00Z'), 10 * 480)).toEqual(at('2026-01-16T17:00Z'));
  });

  it('rejects negative time and an unknown timezone', () => {
    expect(() => addBusinessTime(london, at('2026-01-05T09:00Z'), -1)).toThrow();
    let caught: unknown;
    try {
      addBusinessTime({ ...london, timezone: 'Mars/Olympus' }, at('2026-01-05T09:00Z'), 1);
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught, 'invalid_input')).toBe(true);
  });
});

describe('businessMinutesBetween', () => {
  it('counts only open hours across evenings and weekends', () => {
    // Fri 16:00–18:00 (120) + Mon 08:00–10:00 (120).
    expect(businessMinutesBetween(london, at('2026-01-09T16:00Z'), at('2026-01-12T10:00Z'))).toBe(240);
  });

  it('is zero when the end is not after the start, or the span is all closed', () => {
    expect(businessMinutesBetween(london, at('2026-01-05T10:00Z'), at('2026-01-05T09:00Z'))).toBe(0);
    expect(businessMinutesBetween(london, at('2026-01-10T09:00Z'), at('2026-01-11T17:00Z'))).toBe(0);
  });

  it('returns fractional minutes', () => {
    expect(businessMinutesBetween(london, at('2026-01-05T09:00:00Z'), at('2026-01-05T09:00:30Z'))).toBe(0.5);
  });

  it('inverts addBusinessTime over a long span', () => {
    const from = at('2026-01-07T13:17Z');
    const to = addBusinessTime(london, from, 12_345);
    expect(businessMinutesBetween(london, from, to)).toBe(12_345);
  });
});

describe('nextOpening', () => {
  it('is open from opening time up to but not including closing time', () => {
    expect(isOpen(london, at('2026-01-05T08:00Z'))).toBe(true);
    expect(isOpen(london, at('2026-01-05T17:59Z'))).toBe(true);
    expect(isOpen(london, at('2026-01-05T18:00Z'))).toBe(false);
    expect(isOpen(london, at('2026-01-10T12:00Z'))).toBe(false);
  });

  it('gives the same instant when open and the next opening when closed', () => {
    expect(nextOpening(london, at('2026-01-05T12:34Z'))).toEqual(at('2026-01-05T12:34Z'));
    expect(nextOpening(london, at('2026-01-09T18:00Z'))).toEqual(at('2026-01-12T08:00Z'));
  });
});

describe('daylight saving time in Europe/London', () => {
  // 2026-03-29: clocks go 01:00 GMT → 02:00 BST. 2026-10-25: 02:00 BST → 01:00 GMT.
  it('keeps a working day at 10 hours on the spring-forward Sunday', () => {
    expect(businessMinutesBetween(londonEveryDay, at('2026-03-29T00:00Z'), at('2026-03-30T00:00Z'))).toBe(
      600,
    );
    // 08:00 BST is 07:00Z.
    expect(nextOpening(londonEveryDay, at('2026-03-29T03:00Z'))).toEqual(at('2026-03-29T07:00Z'));
  });

  it('counts Friday-to-Monday business hours across the spring change in local time', () => {
    // Fri 17:00 GMT + 2 h → Mon 09:00 BST (08:00Z).
    expect(addBusinessTime(london, at('2026-03-27T17:00Z'), 120)).toEqual(at('2026-03-30T08:00Z'));
    // Fri 08:00–18:00 GMT (600) + Mon 08:00–09:00 BST (60).
    expect(businessMinutesBetween(london, at('2026-03-27T08:00Z'), at('2026-03-30T08:00Z'))).toBe(660);
  });

  it('counts Friday-to-Monday business hours across the autumn change in local time', () => {
    // Fri 23 Oct 17:00 BST (16:00Z) + 2 h → Mon 26 Oct 09:00 GMT (09:00Z).
    expect(addBusinessTime(london, at('2026-10-23T16:00Z'), 120)).toEqual(at('2026-10-26T09:00Z'));
    expect(businessMinutesBetween(londonEveryDay, at('2026-10-25T00:00Z'), at('2026-10-26T00:00Z'))).toBe(
      600,
    );
  });

  it('gives a 24/7 calendar a 23-hour spring day and a 25-hour autumn day', () => {
    // Sat 12:00 GMT → Sun 12:00 BST is 23 real hours.
    expect(businessMinutesBetween(londonAlways, at('2026-03-28T12:00Z'), at('2026-03-29T11:00Z'))).toBe(
      23 * 60,
    );
    expect(addBusinessTime(londonAlways, at('2026-03-28T12:00Z'), 24 * 60)).toEqual(at('2026-03-29T12:00Z'));
    // Sat 12:00 BST → Sun 12:00 GMT is 25 real hours.
    expect(businessMinutesBetween(londonAlways, at('2026-10-24T11:00Z'), at('2026-10-25T12:00Z'))).toBe(
      25 * 60,
    );
  });

  it('has no gap at midnight on a 24/7 calendar', () => {
    expect(isOpen(londonAlways, at('2026-01-05T23:59:30Z'))).toBe(true);
    expect(businessMinutesBetween(londonAlways, at('2026-01-05T23:00Z'), at('2026-01-06T01:00Z'))).toBe(120);
  });

  it('resolves wall times per date when the change falls inside the window', () => {
    const smallHours: BusinessCalendar = {
      timezone: 'Europe/London',
      window: { days: ['sun'], start: '00:30', end: '03:00' },
    };
    // 00:30 GMT (00:30Z) to 03:00 BST (02:00Z): 90 real minutes.
    expect(businessMinutesBetween(smallHours, at('2026-03-29T00:00Z'), at('2026-03-29T04:00Z'))).toBe(90);
  });
});

describe('other timezones', () => {
  const newYork: BusinessCalendar = {
    timezone: 'America/New_York',
    window: { days: [...weekdays], start: '09:00', end: '17:00' },
  };
  const tokyo: BusinessCalendar = {
    timezone: 'Asia/Tokyo',
    window: { days: [...weekdays], start: '09:00', end: '18:00' },
  };

  it('runs a New York team on Eastern time', () => {
    // Mon 16:30 EST (21:30Z) + 4 h: 30 min Monday, 3.5 h Tuesday → Tue 12:30 EST (17:30Z).
    expect(addBusinessTime(newYork, at('2026-01-05T21:30Z'), 240)).toEqual(at('2026-01-06T17:30Z'));
    expect(isOpen(newYork, at('2026-01-05T13:59Z'))).toBe(false);
    expect(isOpen(newYork, at('2026-01-05T14:00Z'))).toBe(true);
  });

  it('uses the local date in Tokyo, where Sunday evening UTC is already Monday', () => {
    // 2026-01-04T23:30Z is Mon 08:30 JST.
    expect(nextOpening(tokyo, at('2026-01-04T23:30Z'))).toEqual(at('2026-01-05T00:00Z'));
    expect(isOpen(tokyo, at('2026-01-05T09:00Z'))).toBe(false);
    // Fri 17:00 JST (08:00Z) + 2 h → Mon 10:00 JST (01:00Z).
    expect(addBusinessTime(tokyo, at('2026-01-09T08:00Z'), 120)).toEqual(at('2026-01-12T01:00Z'));
  });
});

describe('nextOpening with a survey send window', () => {
  const sendWindow = { days: [...weekdays], start: '09:00', end: '18:00' };

  it('leaves an instant inside the window alone and moves one outside to the next start', () => {
    expect(nextOpening({ timezone: 'Europe/London', window: sendWindow }, at('2026-01-05T10:00Z'))).toEqual(
      at('2026-01-05T10:00Z'),
    );
    expect(nextOpening({ timezone: 'Europe/London', window: sendWindow }, at('2026-01-09T19:00Z'))).toEqual(
      at('2026-01-12T09:00Z'),
    );
    // 10:00Z is 19:00 JST, after the Tokyo window: next day 09:00 JST.
    expect(nextOpening({ timezone: 'Asia/Tokyo', window: sendWindow }, at('2026-01-05T10:00Z'))).toEqual(
      at('2026-01-06T00:00Z'),
    );
  });
});

describe('calendar helpers', () => {
  it('builds a calendar from a team and measures a working day', () => {
    const cal = calendarForTeam({ timezone: 'Asia/Tokyo', businessHours: london.window });
    expect(cal).toEqual({ timezone: 'Asia/Tokyo', window: london.window });
    expect(workingDayMinutes(london.window)).toBe(600);
    expect(workingDayMinutes(londonAlways.window)).toBe(1440);
  });
});
