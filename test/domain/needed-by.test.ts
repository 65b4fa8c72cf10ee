import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../src/domain/business-calendar.js';
import { defaultPriority, endOfWorkingDayOn, resolveNeededBy } from '../../src/domain/needed-by.js';

const london: BusinessCalendar = {
  timezone: 'Europe/London',
  window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' },
};
const mondayMorning = new Date('2026-11-23T09:00:00Z');

describe('needed-by', () => {
  it('"within the hour" is one hour from filing and urgent', () => {
    const at = resolveNeededBy('within_hour', null, mondayMorning, london);
    expect(at?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(defaultPriority('within_hour', at, mondayMorning, london)).toBe('urgent');
  });

  it('"today" is the end of the working day, or of the next one when filed after hours', () => {
    expect(resolveNeededBy('today', null, mondayMorning, london)?.toISOString()).toBe(
      '2026-11-23T18:00:00.000Z',
    );
    const fridayNight = new Date('2026-11-27T20:00:00Z');
    expect(resolveNeededBy('today', null, fridayNight, london)?.toISOString()).toBe(
      '2026-11-30T18:00:00.000Z',
    );
  });

  it('"this week" is the end of Friday, and next Friday when filed at the weekend', () => {
    expect(resolveNeededBy('this_week', null, mondayMorning, london)?.toISOString()).toBe(
      '2026-11-27T18:00:00.000Z',
    );
    const saturday = new Date('2026-11-28T10:00:00Z');
    expect(resolveNeededBy('this_week', null, saturday, london)?.toISOString()).toBe(
      '2026-12-04T18:00:00.000Z',
    );
  });

  it('"no rush" sets no date and low priority', () => {
    expect(resolveNeededBy('no_rush', null, mondayMorning, london)).toBeNull();
    expect(defaultPriority('no_rush', null, mondayMorning, london)).toBe('low');
  });

  it('a date means by the end of that working day in the team timezone (summer time shown)', () => {
    const filed = new Date('2026-06-01T09:00:00Z');
    expect(resolveNeededBy('date', '2026-06-03', filed, london)?.toISOString()).toBe(
      '2026-06-03T17:00:00.000Z',
    );
  });

  it('a date gets a priority from the business time left: hours → urgent, a day → high, a week → normal, later → low', () => {
    const at = (date: string) => endOfWorkingDayOn(london, date, mondayMorning);
    // Monday 09:00 → Monday 18:00 is 9 business hours: more than 4 h, within one 10 h day
    expect(defaultPriority('date', at('2026-11-23'), mondayMorning, london)).toBe('high');
    expect(defaultPriority('date', at('2026-11-26'), mondayMorning, london)).toBe('normal');
    expect(defaultPriority('date', at('2026-12-15'), mondayMorning, london)).toBe('low');
    expect(defaultPriority('date', new Date('2026-11-23T12:00:00Z'), mondayMorning, london)).toBe('urgent');
  });

  it('a date in the past or not a date is refused', () => {
    expect(() => endOfWorkingDayOn(london, '2026-11-20', mondayMorning)).toThrow(/past/);
    expect(() => endOfWorkingDayOn(london, '2026-13-45', mondayMorning)).toThrow(/bad date/);
  });
});
