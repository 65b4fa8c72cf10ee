import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackCall } from '../../../src/sandbox/fake-slack.js';
import { countRows } from '../../support/databases.js';
import {
  ALEX,
  DANA,
  deliver,
  dmsTo,
  EVE,
  fileBySlash,
  openedModal,
  requestIdOf,
  SAM,
  type SlackTestbed,
  startSlackTestbed,
  submitModal,
  TRIAGE_CHANNEL,
} from './slack-harness.js';

const HOUR = 60 * 60 * 1000;
const surveyIdIn = (call: SlackCall | undefined) =>
  JSON.stringify(call?.params.blocks ?? []).match(/"action_id":"survey_score:-2","value":"([^"]+)"/)?.[1] ??
  '';

describe('who gets a Slack survey, and how often', () => {
  let bed: SlackTestbed;
  beforeEach(async () => {
    bed = await startSlackTestbed();
  });
  afterEach(async () => {
    await bed.closeAll();
  });

  const card = (user: string, actionId: string, requestId: string) =>
    bed.slack.blockAction({ user, actionId, value: requestId, channel: TRIAGE_CHANNEL, messageTs: '1.0' });
  async function resolve(requestId: string): Promise<void> {
    await card(SAM, 'triage_take', requestId);
    const since = bed.fake.mark();
    await card(SAM, 'triage_resolve', requestId);
    await submitModal(bed, SAM, await openedModal(bed, since), { resolution: 'Done and tested' });
    await deliver(bed);
  }
  async function fileAndResolve(user: string, description: string): Promise<string> {
    const { ref } = await fileBySlash(bed, user, '', {
      category: 'Plumbing',
      description,
      needed_by: 'today',
    });
    const requestId = await requestIdOf(bed, ref);
    await deliver(bed);
    await resolve(requestId);
    return requestId;
  }
  const surveys = (user: string) => dmsTo(bed, user).filter((c) => surveyIdIn(c) !== '');
  const tap = (user: string, actionId: string, surveyId: string, actionTs?: string) =>
    bed.slack.interaction({
      type: 'block_actions',
      trigger_id: `trigger-${Math.random()}`,
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0GAPDESK' },
      container: { type: 'message', channel_id: `D${user.slice(1)}`, message_ts: '2.0' },
      channel: { id: `D${user.slice(1)}`, name: 'directmessage' },
      actions: [
        {
          type: 'button',
          action_id: actionId,
          block_id: 'b',
          value: surveyId,
          action_ts: actionTs ?? String(Math.random()),
        },
      ],
    });

  it('does not survey a member of the team that handled the request, and records why', async () => {
    const requestId = await fileAndResolve(ALEX, 'My own desk lamp');
    bed.clock.advance(2 * HOUR);
    await deliver(bed);
    expect(surveys(ALEX)).toEqual([]);
    const survey = await bed.app.database.db
      .selectFrom('surveys')
      .selectAll()
      .where('requestId', '=', requestId)
      .executeTakeFirst();
    expect(survey).toMatchObject({
      status: 'skipped',
      skipReason: 'requester_is_team_member',
    });
  });

  it('asks one person at most twice a week: the third resolution is skipped with fatigue_cap', async () => {
    for (const description of ['Leak one', 'Leak two', 'Leak three']) await fileAndResolve(DANA, description);
    bed.clock.advance(2 * HOUR);
    await deliver(bed);
    expect(surveys(DANA)).toHaveLength(2);
    const rows = await bed.app.database.db.selectFrom('surveys').selectAll().orderBy('createdAt').execute();
    expect(rows.map((row) => row.skipReason)).toEqual([null, null, 'fatigue_cap']);
  });

  it('a request reopened with Not fixed and resolved again is surveyed again', async () => {
    const requestId = await fileAndResolve(DANA, 'Tap drips');
    bed.clock.advance(HOUR);
    await deliver(bed);
    await tap(DANA, 'survey_not_fixed', surveyIdIn(surveys(DANA)[0]));
    await deliver(bed);
    await resolve(requestId);
    bed.clock.advance(HOUR);
    await deliver(bed);
    expect(surveys(DANA)).toHaveLength(2);
    const rounds = await bed.app.database.db
      .selectFrom('surveys')
      .selectAll()
      .where('requestId', '=', requestId)
      .orderBy('round')
      .execute();
    expect(rounds.map((row) => [row.round, row.status])).toEqual([
      [0, 'not_fixed'],
      [1, 'sent'],
    ]);
  });

  it('a click Slack delivers twice is recorded once', async () => {
    await fileAndResolve(DANA, 'Door sticks');
    bed.clock.advance(HOUR);
    await deliver(bed);
    const surveyId = surveyIdIn(surveys(DANA)[0]);
    await tap(DANA, 'survey_score:2', surveyId, '1764000000.000100');
    await tap(DANA, 'survey_score:2', surveyId, '1764000000.000100');
    expect(await countRows(bed.app.database.db, 'surveyAnswers', (eb) => eb('surveyId', '=', surveyId))).toBe(
      1,
    );
  });

  it('the quarterly importance poll reaches recent requesters and the leads; a tap is a vote', async () => {
    await fileAndResolve(DANA, 'Heating off');
    bed.clock.set('2027-01-01T09:00:00Z');
    await deliver(bed);
    const poll = (user: string) =>
      dmsTo(bed, user).find((c) => JSON.stringify(c.params.blocks ?? []).includes('importance_vote:'));
    expect(JSON.stringify(poll(DANA)?.params.blocks)).toContain('Which matters most to you?');
    expect(JSON.stringify(poll(SAM)?.params.blocks)).toContain(
      'Which do you think matters most to the people you serve?',
    );
    const vote = (user: string) =>
      bed.slack.blockAction({
        user,
        actionId: 'importance_vote:reliability',
        value: 'facilities|2027-Q1',
        channel: `D${user.slice(1)}`,
        messageTs: '3.0',
      });
    await vote(DANA);
    await vote(SAM);
    const since = bed.fake.mark();
    await vote(EVE);
    const refusal = await bed.fake.waitFor((c) => c.method === 'chat.postEphemeral', { since });
    expect(refusal.params.text).toBe('This poll was sent to someone else.');
    const votes = await bed.app.database.db
      .selectFrom('importanceVotes')
      .selectAll()
      .orderBy('role')
      .execute();
    expect(votes.map((v) => [v.role, v.poll, v.dimension])).toEqual([
      ['leader', '2027-Q1', 'reliability'],
      ['requester', '2027-Q1', 'reliability'],
    ]);
    await deliver(bed);
    const updated = bed.fake.callsTo('chat.update').filter((c) => c.params.ts === poll(DANA)?.response.ts);
    expect(String(updated.at(-1)?.params.text)).toContain('You chose: Doing it right the first time.');
  });
});
