import { describe, expect, it } from 'vitest';
import { localTime } from '../../src/domain/local-time.js';

describe('a moment as a reader in a timezone sees it', () => {
  it('is named in English on a 24-hour clock, in the zone given', () => {
    const at = new Date('2026-11-24T17:05:30Z');

    expect(localTime(at, 'Europe/London')).toEqual({
      weekday: 'Tue',
      day: '24',
      month: 'Nov',
      year: '2026',
      hour: '17',
      minute: '05',
    });
    expect(localTime(at, 'Pacific/Chatham')).toMatchObject({
      weekday: 'Wed',
      day: '25',
      hour: '06',
      minute: '50',
    });
  });

  it('follows daylight saving and shows midnight as 00', () => {
    expect(localTime(new Date('2026-03-29T00:59:00Z'), 'Europe/London')).toMatchObject({
      hour: '00',
      minute: '59',
    });
    expect(localTime(new Date('2026-03-29T01:00:00Z'), 'Europe/London')).toMatchObject({
      hour: '02',
      minute: '00',
    });
    expect(localTime(new Date('2026-09-01T04:00:00Z'), 'America/New_York')).toMatchObject({
      month: 'Sep',
      hour: '00',
    });
  });

  it('refuses a timezone that does not exist', () => {
    expect(() => localTime(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
