import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../src/domain/business-calendar.js';
import { computeSla, type SlaInput, type SlaTimeline, slaPhase } from '../../src/domain/sla-clock.js';

// January 2026, Europe/London on GMT (= UTC). Mon 5, Tue 6, Sat 10, Mon 12.
const calendar: BusinessCalendar = {
  timezone: 'Europe/London',
  window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' },
};
const targets = { acknowledge: '15m', resolve: '4h' };
const at = (iso: string) => new Date(iso);
const input = (timeline: Partial<SlaTimeline>, overrides: Partial<SlaInput> = {}): SlaInput => ({
  calendar,
  targets,
  timeline: { filedAt: at('2026-01-05T09:00Z'), pauses: [], ...timeline },
  ...overrides,
});

describe('computeSla', () => {
  it('marks an acknowledgement inside the target as met and keeps the resolve clock running', () => {
    const sla = computeSla(input({ acknowledgedAt: at('2026-01-05T09:10Z') }), at('2026-01-05T10:00Z'));
    expect(sla.acknowledge).toEqual({
      targetMinutes: 15,
      elapsedMinutes: 10,
      dueAt: at('2026-01-05T09:15Z'),
      warnAt: at('2026-01-05T09:12Z'),
      completedAt: at('2026-01-05T09:10Z'),
      paused: false,
      breached: false,
      state: 'met',
    });
    expect(sla.resolve).toMatchObject({
      targetMinutes: 240,
      elapsedMinutes: 60,
      dueAt: at('2026-01-05T13:00Z'),
      // 80 % of 240 = 192 min after 09:00.
      warnAt: at('2026-01-05T12:12Z'),
      completedAt: null,
      state: 'running',
    });
  });

  it('carries the resolve clock over the evening into the next morning', () => {
    const sla = computeSla(input({ filedAt: at('2026-01-05T16:00Z') }), at('2026-01-05T16:00Z'));
    expect(sla.resolve.dueAt).toEqual(at('2026-01-06T10:00Z'));
  });

  it('reads 1d as one working day of the team calendar', () => {
    const sla = computeSla(
      input({ filedAt: at('2026-01-05T12:00Z') }, { targets: { acknowledge: '1h', resolve: '1d' } }),
      at('2026-01-05T12:00Z'),
    );
    expect(sla.resolve.targetMinutes).toBe(600);
    expect(sla.resolve.dueAt).toEqual(at('2026-01-06T12:00Z'));
  });

  it('starts the clocks at Monday opening for a request filed on Saturday', () => {
    const sla = computeSla(input({ filedAt: at('2026-01-10T10:00Z') }), at('2026-01-10T12:00Z'));
    expect(sla.acknowledge).toMatchObject({
      elapsedMinutes: 0,
      dueAt: at('2026-01-12T08:15Z'),
      warnAt: at('2026-01-12T08:12Z'),
      state: 'running',
    });
    expect(sla.resolve.dueAt).toEqual(at('2026-01-12T12:00Z'));
  });

  it('moves the due time by the business time of a finished pause', () => {
    const pauses = [{ from: at('2026-01-05T10:00Z'), to: at('2026-01-05T12:00Z') }];
    const sla = computeSla(
      input({ acknowledgedAt: at('2026-01-05T09:05Z'), pauses }),
      at('2026-01-05T12:30Z'),
    );
    expect(sla.resolve).toMatchObject({
      elapsedMinutes: 90,
      dueAt: at('2026-01-05T15:00Z'),
      state: 'running',
    });
  });

  it('counts only the business hours of a pause that runs overnight', () => {
    // Paused Mon 17:00 → Tue 09:00 holds 2 business hours, so due Tue 10:00 becomes Tue 12:00.
    const pauses = [{ from: at('2026-01-05T17:00Z'), to: at('2026-01-06T09:00Z') }];
    const sla = computeSla(input({ filedAt: at('2026-01-05T16:00Z'), pauses }), at('2026-01-06T09:30Z'));
    expect(sla.resolve).toMatchObject({ elapsedMinutes: 90, dueAt: at('2026-01-06T12:00Z') });
  });

  it('shifts the acknowledge due time for a pause before acknowledgement', () => {
    const pauses = [{ from: at('2026-01-05T09:05Z'), to: at('2026-01-05T09:35Z') }];
    const sla = computeSla(input({ pauses }), at('2026-01-05T09:40Z'));
    expect(sla.acknowledge).toMatchObject({
      elapsedMinutes: 10,
      dueAt: at('2026-01-05T09:45Z'),
      warnAt: at('2026-01-05T09:42Z'),
      state: 'running',
    });
  });

  it('reports an open pause as paused with no due or warning time', () => {
    const pauses = [{ from: at('2026-01-05T10:00Z'), to: null }];
    const sla = computeSla(
      input({ acknowledgedAt: at('2026-01-05T09:05Z'), pauses }),
      at('2026-01-05T16:00Z'),
    );
    expect(sla.resolve).toMatchObject({
      elapsedMinutes: 60,
      dueAt: null,
      warnAt: null,
      paused: true,
      state: 'paused',
    });
    expect(sla.acknowledge.state).toBe('met');
  });

  it('gives a due time again at the instant a pause ends', () => {
    const pauses = [{ from: at('2026-01-05T10:00Z'), to: at('2026-01-05T11:00Z') }];
    const sla = computeSla(
      input({ acknowledgedAt: at('2026-01-05T09:05Z'), pauses }),
      at('2026-01-05T11:00Z'),
    );
    expect(sla.resolve).toMatchObject({ paused: false, state: 'running', dueAt: at('2026-01-05T14:00Z') });
  });

  it('detects a breach while the request is still unacknowledged', () => {
    const sla = computeSla(input({}), at('2026-01-05T09:20Z'));
    expect(sla.acknowledge).toMatchObject({ elapsedMinutes: 20, breached: true, state: 'breached' });
  });

  it('treats completion exactly at the due time as met', () => {
    const sla = computeSla(input({ acknowledgedAt: at('2026-01-05T09:15Z') }), at('2026-01-05T10:00Z'));
    expect(sla.acknowledge).toMatchObject({ breached: false, state: 'met' });
  });

  it('marks a late acknowledgement as breached', () => {
    const sla = computeSla(input({ acknowledgedAt: at('2026-01-05T09:30Z') }), at('2026-01-05T10:00Z'));
    expect(sla.acknowledge).toMatchObject({
      elapsedMinutes: 30,
      completedAt: at('2026-01-05T09:30Z'),
      breached: true,
      state: 'breached',
    });
  });

  it('keeps the past due time of a clock that breached before it paused', () => {
    const pauses = [{ from: at('2026-01-05T09:30Z'), to: null }];
    const sla = computeSla(input({ pauses }), at('2026-01-05T10:00Z'));
    expect(sla.acknowledge).toMatchObject({
      elapsedMinutes: 30,
      dueAt: at('2026-01-05T09:15Z'),
      paused: true,
      state: 'breached',
    });
  });

  it('counts resolving as acknowledging when no acknowledgement was recorded', () => {
    const sla = computeSla(input({ resolvedAt: at('2026-01-05T09:10Z') }), at('2026-01-05T12:00Z'));
    expect(sla.acknowledge).toMatchObject({ completedAt: at('2026-01-05T09:10Z'), state: 'met' });
    expect(sla.resolve).toMatchObject({ elapsedMinutes: 10, state: 'met' });
  });

  it('ignores events after now, replaying the clock as it stood', () => {
    const sla = computeSla(input({ acknowledgedAt: at('2026-01-05T09:30Z') }), at('2026-01-05T09:10Z'));
    expect(sla.acknowledge).toMatchObject({ elapsedMinutes: 10, completedAt: null, state: 'running' });
  });

  it('counts local business hours for a team in another timezone', () => {
    const newYork: BusinessCalendar = { ...calendar, timezone: 'America/New_York' };
    // Filed Mon 17:00 EST (22:00Z): 1 h Monday, 3 h Tuesday from 08:00 EST (13:00Z).
    const sla = computeSla(
      input({ filedAt: at('2026-01-05T22:00Z') }, { calendar: newYork }),
      at('2026-01-05T22:00Z'),
    );
    expect(sla.resolve.dueAt).toEqual(at('2026-01-06T16:00Z'));
  });
});

describe('slaPhase', () => {
  const clock = computeSla(input({}), at('2026-01-05T09:00Z')).acknowledge;

  it('says none before 80 % of the target, warning from 80 %, breach from the due time', () => {
    expect(slaPhase(clock, at('2026-01-05T09:11Z'))).toBe('none');
    expect(slaPhase(clock, at('2026-01-05T09:12Z'))).toBe('warning');
    expect(slaPhase(clock, at('2026-01-05T09:14:59Z'))).toBe('warning');
    expect(slaPhase(clock, at('2026-01-05T09:15Z'))).toBe('breach');
  });

  it('needs no alert for a completed clock, even a late one', () => {
    const late = computeSla(input({ acknowledgedAt: at('2026-01-05T09:30Z') }), at('2026-01-05T10:00Z'));
    expect(slaPhase(late.acknowledge, at('2026-01-05T10:00Z'))).toBe('none');
  });

  it('needs no alert for a clock paused before its warning time', () => {
    const pauses = [{ from: at('2026-01-05T09:05Z'), to: null }];
    const paused = computeSla(input({ pauses }), at('2026-01-05T12:00Z')).acknowledge;
    expect(slaPhase(paused, at('2026-01-05T12:00Z'))).toBe('none');
  });
});
