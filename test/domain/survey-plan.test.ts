import { describe, expect, it } from 'vitest';
import { DIMENSIONS, type Dimension } from '../../src/domain/dimensions.js';
import {
  chooseDimension,
  isoWeekKey,
  planSurvey,
  quarterKey,
  type SurveyPlanInput,
  type SurveyTeam,
  sendTimeSkipReason,
  surveySendTime,
  weekBounds,
} from '../../src/domain/survey-plan.js';

const HOUR_MS = 3_600_000;

/** Small seeded PRNG so the simulation is the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function zeroCounts(): Record<Dimension, number> {
  return { reliability: 0, responsiveness: 0, assurance: 0, empathy: 0, tangibles: 0 };
}

const team: SurveyTeam = {
  timezone: 'Europe/London',
  slack: { triageChannel: 'C1', members: ['U_MEMBER'], leads: ['U_LEAD'] },
  teams: undefined,
  survey: {
    delay: '1h',
    reminderAfter: '24h',
    expireAfter: '72h',
    maxPerPersonPerWeek: 2,
    sendWindow: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' },
    importancePoll: { everyMonths: 3, sampleSize: 20 },
  },
};

function input(overrides: Partial<SurveyPlanInput> = {}): SurveyPlanInput {
  return {
    team,
    // Tuesday 10:00 London (GMT).
    resolvedAt: new Date('2026-11-17T10:00:00Z'),
    requesterId: 'U_REQUESTER',
    requesterSurveyTimes: [],
    countsThisWeek: zeroCounts(),
    random: () => 0,
    ...overrides,
  };
}

describe('chooseDimension', () => {
  it('spreads 5,000 surveys in a team-week evenly over the five dimensions', () => {
    const random = mulberry32(20261117);
    const counts = zeroCounts();
    for (let i = 0; i < 5000; i += 1) counts[chooseDimension(counts, random)] += 1;
    for (const dimension of DIMENSIONS) {
      expect(counts[dimension] / 5000).toBeGreaterThanOrEqual(0.18);
      expect(counts[dimension] / 5000).toBeLessThanOrEqual(0.22);
    }
  });

  it('picks the least-asked dimension whatever random says', () => {
    const counts = { reliability: 9, responsiveness: 4, assurance: 7, empathy: 3, tangibles: 8 };
    for (const value of [0, 0.5, 0.999]) expect(chooseDimension(counts, () => value)).toBe('empathy');
  });

  it('breaks ties with random, in DIMENSIONS order', () => {
    const counts = { reliability: 5, responsiveness: 2, assurance: 2, empathy: 6, tangibles: 2 };
    expect(chooseDimension(counts, () => 0)).toBe('responsiveness');
    expect(chooseDimension(counts, () => 0.4)).toBe('assurance');
    expect(chooseDimension(counts, () => 0.9)).toBe('tangibles');
    expect(chooseDimension(counts, () => 1)).toBe('tangibles');
  });
});

describe('surveySendTime', () => {
  it('holds a Friday 17:30 resolution until Monday 09:00 for a London requester', () => {
    const friday = new Date('2026-11-20T17:30:00Z');
    expect(surveySendTime(team, friday, 'Europe/London')).toEqual(new Date('2026-11-23T09:00:00Z'));
    expect(surveySendTime(team, friday, null)).toEqual(new Date('2026-11-23T09:00:00Z'));
  });

  it("uses the requester's timezone, not the team's", () => {
    // 18:30 Friday in London is 03:30 Saturday in Tokyo: held until Monday 09:00 Tokyo.
    const friday = new Date('2026-11-20T17:30:00Z');
    expect(surveySendTime(team, friday, 'Asia/Tokyo')).toEqual(new Date('2026-11-23T00:00:00Z'));
    // ...but only 13:30 Friday in New York, inside that requester's window.
    expect(surveySendTime(team, friday, 'America/New_York')).toEqual(new Date('2026-11-20T18:30:00Z'));
    // Resolved Friday 23:30 London = 18:30 New York + 1 h: held until Monday 09:00 New York.
    const late = new Date('2026-11-20T23:30:00Z');
    expect(surveySendTime(team, late, 'America/New_York')).toEqual(new Date('2026-11-23T14:00:00Z'));
  });

  it('sends a Tuesday 10:00 resolution at 11:00 the same day', () => {
    expect(surveySendTime(team, new Date('2026-11-17T10:00:00Z'))).toEqual(new Date('2026-11-17T11:00:00Z'));
  });

  it('does not ask a requester at 3 a.m. their time', () => {
    // 07:00 London + 1 h = 03:00 in New York: wait for 09:00 New York (14:00 London).
    const early = new Date('2026-11-17T07:00:00Z');
    expect(surveySendTime(team, early, 'America/New_York')).toEqual(new Date('2026-11-17T14:00:00Z'));
  });
});

describe('planSurvey', () => {
  it('plans the send, the reminder a day later and the expiry three days later', () => {
    const plan = planSurvey(
      input({ countsThisWeek: { ...zeroCounts(), reliability: 1, responsiveness: 1 } }),
    );
    expect(plan).toEqual({
      kind: 'send',
      sendAt: new Date('2026-11-17T11:00:00Z'),
      remindAt: new Date('2026-11-18T11:00:00Z'),
      expiresAt: new Date('2026-11-20T11:00:00Z'),
      dimension: 'assurance',
      weekKey: '2026-W47',
    });
  });

  it('counts reminder and expiry in elapsed hours across a DST change', () => {
    // Sent Friday 11:00 BST; clocks go back on Sunday 25 October, so 72 h later reads 10:00 GMT.
    const plan = planSurvey(input({ resolvedAt: new Date('2026-10-23T09:00:00Z') }));
    expect(plan.kind === 'send' && plan.expiresAt).toEqual(new Date('2026-10-26T10:00:00Z'));
    expect(plan.kind === 'send' && plan.expiresAt.getTime() - plan.sendAt.getTime()).toBe(72 * HOUR_MS);
  });

  it('skips members and leads of the handling team', () => {
    expect(planSurvey(input({ requesterId: 'U_MEMBER' }))).toEqual({
      kind: 'skip',
      reason: 'requester_is_team_member',
    });
    expect(planSurvey(input({ requesterId: 'U_LEAD' }))).toEqual({
      kind: 'skip',
      reason: 'requester_is_team_member',
    });
  });

  it('checks team membership before the fatigue cap', () => {
    const recent = [new Date('2026-11-16T11:00:00Z'), new Date('2026-11-15T11:00:00Z')];
    const plan = planSurvey(input({ requesterId: 'U_MEMBER', requesterSurveyTimes: recent }));
    expect(plan).toEqual({ kind: 'skip', reason: 'requester_is_team_member' });
  });

  it('skips a requester who already had two surveys in the last 7 days', () => {
    const times = [new Date('2026-11-16T11:00:00Z'), new Date('2026-11-11T12:00:00Z')];
    expect(planSurvey(input({ requesterSurveyTimes: times }))).toEqual({
      kind: 'skip',
      reason: 'fatigue_cap',
    });
  });

  it('sends to a requester who had one survey in the last 7 days', () => {
    const times = [new Date('2026-11-16T11:00:00Z')];
    expect(planSurvey(input({ requesterSurveyTimes: times })).kind).toBe('send');
  });

  it('ignores surveys older than 7 days before the send time and counts queued ones', () => {
    const old = new Date('2026-11-10T11:00:00Z');
    const recent = new Date('2026-11-12T09:00:00Z');
    expect(planSurvey(input({ requesterSurveyTimes: [old, recent] })).kind).toBe('send');
    const queued = new Date('2026-11-18T09:00:00Z');
    expect(planSurvey(input({ requesterSurveyTimes: [recent, queued] }))).toEqual({
      kind: 'skip',
      reason: 'fatigue_cap',
    });
  });
});

describe('sendTimeSkipReason', () => {
  const resolvedAt = new Date('2026-11-17T10:00:00Z');

  it('sends when the request is still resolved from the same resolution', () => {
    expect(sendTimeSkipReason(resolvedAt, { cancelled: false, resolvedAt: new Date(resolvedAt) })).toBeNull();
  });

  it('skips a request that was reopened, even if resolved again since', () => {
    expect(sendTimeSkipReason(resolvedAt, { cancelled: false, resolvedAt: null })).toBe('request_reopened');
    const again = new Date('2026-11-17T10:30:00Z');
    expect(sendTimeSkipReason(resolvedAt, { cancelled: false, resolvedAt: again })).toBe('request_reopened');
  });

  it('skips a cancelled request', () => {
    expect(sendTimeSkipReason(resolvedAt, { cancelled: true, resolvedAt: null })).toBe('request_cancelled');
  });
});

describe('isoWeekKey', () => {
  it('uses the ISO week-year across the new year', () => {
    expect(isoWeekKey(new Date('2026-12-31T12:00:00Z'), 'UTC')).toBe('2026-W53');
    expect(isoWeekKey(new Date('2027-01-03T12:00:00Z'), 'UTC')).toBe('2026-W53');
    expect(isoWeekKey(new Date('2027-01-04T12:00:00Z'), 'UTC')).toBe('2027-W01');
    expect(isoWeekKey(new Date('2024-12-30T12:00:00Z'), 'UTC')).toBe('2025-W01');
  });

  it('reads the week in the given timezone', () => {
    // Sunday 23:30 in London is already Monday morning in Tokyo.
    const instant = new Date('2024-12-29T23:30:00Z');
    expect(isoWeekKey(instant, 'Europe/London')).toBe('2024-W52');
    expect(isoWeekKey(instant, 'Asia/Tokyo')).toBe('2025-W01');
  });

  it('follows local midnight across the October DST change', () => {
    // 23:30 UTC on Sunday 18 October is 00:30 BST on Monday: the new week in London.
    expect(isoWeekKey(new Date('2026-10-18T23:30:00Z'), 'Europe/London')).toBe('2026-W43');
    expect(isoWeekKey(new Date('2026-10-18T23:30:00Z'), 'UTC')).toBe('2026-W42');
    // After the clocks go back, 23:30 UTC on Sunday 25 October is still Sunday in London.
    expect(isoWeekKey(new Date('2026-10-25T23:30:00Z'), 'Europe/London')).toBe('2026-W43');
    expect(isoWeekKey(new Date('2026-10-26T00:00:00Z'), 'Europe/London')).toBe('2026-W44');
  });
});

describe('weekBounds', () => {
  it('runs Monday 00:00 to Monday 00:00 local, 169 h in the October DST week', () => {
    const { start, end } = weekBounds('2026-W43', 'Europe/London');
    expect(start).toEqual(new Date('2026-10-18T23:00:00Z'));
    expect(end).toEqual(new Date('2026-10-26T00:00:00Z'));
    expect(end.getTime() - start.getTime()).toBe(169 * HOUR_MS);
  });

  it('is 167 h in the March DST week and 168 h otherwise', () => {
    const march = weekBounds('2026-W13', 'Europe/London');
    expect(march.end.getTime() - march.start.getTime()).toBe(167 * HOUR_MS);
    const normal = weekBounds('2026-W47', 'America/New_York');
    expect(normal.start).toEqual(new Date('2026-11-16T05:00:00Z'));
    expect(normal.end.getTime() - normal.start.getTime()).toBe(168 * HOUR_MS);
  });

  it('round-trips with isoWeekKey at the year boundary', () => {
    const { start, end } = weekBounds('2026-W53', 'Europe/London');
    expect(start).toEqual(new Date('2026-12-28T00:00:00Z'));
    expect(end).toEqual(new Date('2027-01-04T00:00:00Z'));
    expect(isoWeekKey(start, 'Europe/London')).toBe('2026-W53');
    expect(isoWeekKey(new Date(end.getTime() - 1), 'Europe/London')).toBe('2026-W53');
  });

  it('rejects keys that are malformed or name a week the year does not have', () => {
    expect(() => weekBounds('2027-W53', 'UTC')).toThrow(/ISO week key/);
    expect(() => weekBounds('2026-W00', 'UTC')).toThrow(/ISO week key/);
    expect(() => weekBounds('2026-47', 'UTC')).toThrow(/ISO week key/);
  });
});

describe('quarterKey', () => {
  it('reads the quarter in the given timezone', () => {
    const instant = new Date('2026-12-31T23:30:00Z');
    expect(quarterKey(instant, 'Europe/London')).toBe('2026-Q4');
    expect(quarterKey(instant, 'Europe/Berlin')).toBe('2027-Q1');
    expect(quarterKey(new Date('2026-04-01T00:00:00Z'), 'UTC')).toBe('2026-Q2');
  });
});
