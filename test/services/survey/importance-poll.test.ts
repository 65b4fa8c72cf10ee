import { beforeEach, describe, expect, it } from 'vitest';
import { pollPeriod, pollSendTime } from '../../../src/services/survey/importance-period.js';
import { recordImportanceVote } from '../../../src/services/survey/record-importance-vote.js';
import { sampleOf } from '../../../src/services/survey/run-importance-poll.js';
import { scheduleImportancePolls } from '../../../src/services/survey/schedule-importance-polls.js';
import { testTeams } from '../../fixtures/teams.js';
import { describeEachDatabase } from '../../support/databases.js';
import { surveyHarness } from '../../support/survey-harness.js';
import { alex, expectAppError, fileAndResolve, stranger } from './survey-fixtures.js';

describeEachDatabase('importance poll', (database) => {
  let h: Awaited<ReturnType<typeof surveyHarness>>;
  beforeEach(async () => {
    h = await surveyHarness(database());
    for (const userId of ['U0R1', 'U0R2', 'U0R3'])
      await fileAndResolve(h.deps, { platform: 'slack', userId });
    await fileAndResolve(h.deps, { platform: 'teams', userId: 'aad-robin' });
    await fileAndResolve(h.deps, alex);
    await scheduleImportancePolls(h.deps);
    await h.worker.drain();
    h.surveys.length = 0;
  });
  const polls = () => h.surveys.flatMap((d) => (d.kind === 'poll' ? [d.poll] : []));

  it('once a quarter, recent requesters and the leads are asked, each with their own question', async () => {
    h.clock.set('2026-12-31T23:00:00Z');
    await h.worker.drain();
    expect(polls()).toEqual([]);
    // Friday 1 January 2027, 09:00 London: the first moment of Q1 inside the send window.
    h.clock.set('2027-01-01T09:00:00Z');
    await h.worker.drain();
    const asked = polls().map((p) => [p.recipient.platform, p.recipient.userId, p.role, p.poll]);
    expect(asked.sort()).toEqual([
      ['slack', 'U0R1', 'requester', '2027-Q1'],
      ['slack', 'U0R2', 'requester', '2027-Q1'],
      ['slack', 'U0R3', 'requester', '2027-Q1'],
      ['slack', 'U0SAM', 'leader', '2027-Q1'],
      ['teams', 'aad-robin', 'requester', '2027-Q1'],
      ['teams', 'aad-sam', 'leader', '2027-Q1'],
    ]);
    const lead = polls().find((p) => p.role === 'leader');
    expect(lead?.question).toBe('Which do you think matters most to the people you serve?');
    expect(polls().find((p) => p.role === 'requester')?.question).toBe('Which matters most to you?');
    expect(lead?.options.map((o) => o.dimension)).toEqual([
      'reliability',
      'responsiveness',
      'assurance',
      'empathy',
      'tangibles',
    ]);
    const next = await database()
      .db.selectFrom('jobs')
      .selectAll()
      .where('kind', '=', 'importance.poll')
      .where('status', '=', 'pending')
      .where('payload', 'like', '%facilities%')
      .executeTakeFirst();
    expect(JSON.parse(next?.payload ?? '{}')).toEqual({ teamId: 'facilities', poll: '2027-Q2' });
  });

  it('votes are stored with the role asked; a second tap changes the vote; strangers cannot vote', async () => {
    h.clock.set('2027-01-01T09:00:00Z');
    await h.worker.drain();
    const sam = { platform: 'slack' as const, userId: 'U0SAM' };
    const robin = { platform: 'teams' as const, userId: 'aad-robin' };
    await recordImportanceVote(h.deps, {
      teamId: 'facilities',
      poll: '2027-Q1',
      actor: sam,
      dimension: 'tangibles',
    });
    const { view } = await recordImportanceVote(h.deps, {
      teamId: 'facilities',
      poll: '2027-Q1',
      actor: robin,
      dimension: 'assurance',
    });
    expect(view).toMatchObject({ vote: 'assurance', role: 'requester' });
    await recordImportanceVote(h.deps, {
      teamId: 'facilities',
      poll: '2027-Q1',
      actor: robin,
      dimension: 'reliability',
    });
    await expectAppError(
      recordImportanceVote(h.deps, {
        teamId: 'facilities',
        poll: '2027-Q1',
        actor: stranger,
        dimension: 'empathy',
      }),
      'not_authorized',
    );
    const votes = await database().db.selectFrom('importanceVotes').selectAll().orderBy('role').execute();
    expect(votes.map((v) => [v.role, v.poll, v.dimension])).toEqual([
      ['leader', '2027-Q1', 'tangibles'],
      ['requester', '2027-Q1', 'reliability'],
    ]);
    await h.worker.drain();
    expect(h.surveys.filter((d) => d.kind === 'poll-update')).toHaveLength(3);
  });
});

describe('importance poll periods and sampling', () => {
  const team = testTeams()[0] as ReturnType<typeof testTeams>[number];

  it('names quarters by default and half-years by their first month', () => {
    expect(pollPeriod(team, new Date('2026-11-23T09:00:00Z')).key).toBe('2026-Q4');
    const halfYearly = {
      ...team,
      survey: { ...team.survey, importancePoll: { everyMonths: 6, sampleSize: 5 } },
    };
    const period = pollPeriod(halfYearly, new Date('2026-11-23T09:00:00Z'));
    expect(period.key).toBe('2026-M07');
    expect(period.next.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('sends a period that starts on a Saturday on the Monday morning', () => {
    // Monthly polls: 1 May 2027 is a Saturday; London is on BST (UTC+1).
    const monthly = {
      ...team,
      survey: { ...team.survey, importancePoll: { everyMonths: 1, sampleSize: 5 } },
    };
    const period = pollPeriod(monthly, new Date('2027-05-10T12:00:00Z'));
    expect(period.key).toBe('2027-M05');
    expect(pollSendTime(monthly, period).toISOString()).toBe('2027-05-03T08:00:00.000Z');
  });

  it('samples without repeats and never more than asked for', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const people = Array.from({ length: 50 }, (_, i) => `p${i}`);
    const sample = sampleOf(people, 20, random);
    expect(sample).toHaveLength(20);
    expect(new Set(sample).size).toBe(20);
    expect(sampleOf(people.slice(0, 3), 20, random).sort()).toEqual(['p0', 'p1', 'p2']);
  });
});
