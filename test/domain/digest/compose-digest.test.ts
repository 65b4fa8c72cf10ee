import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../../src/domain/digest/compose-digest.js';
import type { DigestInputs } from '../../../src/domain/digest/digest-inputs.js';
import { digestWeek } from '../../../src/domain/digest/digest-week.js';
import { PRIORITIES, type Priority } from '../../../src/domain/team.js';

const shares = () => Object.fromEntries(PRIORITIES.map((p) => [p, { successes: 0, n: 0 }]));
const surveyWeek = (scores: DigestInputs['surveys']['current']['scores'] = {}) => ({
  scores,
  sent: 0,
  answered: Object.values(scores).reduce((t, s) => t + (s?.n ?? 0), 0),
  notFixed: 0,
  expired: 0,
  awaiting: 0,
  skipped: {},
  shortfalls: [],
  negativeComments: 0,
});

function inputs(overrides: Partial<DigestInputs> = {}): DigestInputs {
  const sla = Object.fromEntries(
    PRIORITIES.map((p) => [p, { acknowledge: { successes: 0, n: 0 }, resolve: { successes: 0, n: 0 } }]),
  );
  const minutes = Object.fromEntries(PRIORITIES.map((p) => [p, [] as number[]])) as Record<
    Priority,
    number[]
  >;
  return {
    volume: {
      filed: { current: 0, previous: 0 },
      resolved: { current: 0, previous: 0 },
      openAtWeekEnds: [0, 0, 0, 0],
      byCategory: [],
      byLocation: [],
      arrivalsByUtcQuarterHour: [],
    },
    surveys: { current: surveyWeek(), previous: surveyWeek() },
    comments: [{ dimension: 'empathy', score: -2, comment: 'identifiable' }],
    sla: { current: sla, previous: sla } as DigestInputs['sla'],
    minutes: { acknowledge: minutes, resolve: minutes },
    neededByTighter: { current: shares(), previous: shares() } as DigestInputs['neededByTighter'],
    promises: {
      current: {
        acknowledge: { successes: 0, n: 0 },
        resolve_by: { successes: 0, n: 0 },
        slipHours: { n: 0, sum: 0, sumSquares: 0 },
      },
      previous: {
        acknowledge: { successes: 0, n: 0 },
        resolve_by: { successes: 0, n: 0 },
        slipHours: { n: 0, sum: 0, sumSquares: 0 },
      },
    },
    votes: { requester: null, leader: null },
    waitingOnResources: { hours: 0, requests: 0 },
    deferrals: 0,
    ...overrides,
  };
}

const team = { id: 'facilities', name: 'Facilities', timezone: 'Europe/London' };
const week = digestWeek('2026-W47', 'Europe/London');
const now = new Date('2026-11-23T09:00:00Z');

describe('composing the digest', () => {
  it('weights the overall score by DOMAIN.md defaults until requesters vote', () => {
    const digest = composeDigest(team, week, inputs(), now);
    expect(digest.gap5.weightsSource).toBe('default');
    expect(digest.gap5.weights).toEqual({
      reliability: 30,
      responsiveness: 25,
      assurance: 20,
      empathy: 16,
      tangibles: 7,
    });
    expect(digest.gap1).toBeNull();
  });

  it('uses the team configured weights when there are no votes, and votes over both', () => {
    const configured = composeDigest(
      { ...team, weights: { reliability: 50, responsiveness: 0, assurance: 0, empathy: 0, tangibles: 50 } },
      week,
      inputs(),
      now,
    );
    expect(configured.gap5.weightsSource).toBe('team_config');
    expect(configured.gap5.weights).toEqual({
      reliability: 50,
      responsiveness: 0,
      assurance: 0,
      empathy: 0,
      tangibles: 50,
    });
    const counts = { reliability: 1, responsiveness: 1, assurance: 1, empathy: 1, tangibles: 1 };
    const voted = composeDigest(
      { ...team, weights: { reliability: 0, responsiveness: 0, assurance: 0, empathy: 0, tangibles: 100 } },
      week,
      inputs({ votes: { requester: { poll: '2026-Q4', counts }, leader: null } }),
      now,
    );
    expect(voted.gap5.weightsSource).toBe('requester_votes');
    expect(voted.gap5.weights.reliability).toBe(20);
  });

  it('quotes no comment from a week with fewer than five answers, so nobody is identifiable', () => {
    const digest = composeDigest(team, week, inputs(), now);
    expect(digest.voice).toEqual([]);
    expect(digest.threeRs.respect.negativeComments).toBeNull();
  });

  it('calls a clear improvement good news when nothing is wrong', () => {
    const good = { n: 10, sum: 10, sumSquares: 12 };
    const before = { n: 10, sum: -5, sumSquares: 9 };
    const digest = composeDigest(
      team,
      week,
      inputs({
        surveys: { current: surveyWeek({ empathy: good }), previous: surveyWeek({ empathy: before }) },
      }),
      now,
    );
    expect(digest.headlines).toEqual([
      expect.objectContaining({ tone: 'good_news', title: 'Empathy improved since last week', r: 'respect' }),
    ]);
  });
});
