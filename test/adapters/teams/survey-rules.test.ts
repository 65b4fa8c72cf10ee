import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorCall } from '../../../src/sandbox/fake-bot-connector.js';
import {
  cardAction,
  message,
  personalConversation,
  type TeamsUser,
  users,
} from '../../../src/sandbox/teams-activities.js';
import {
  cardOf,
  cardTextOf,
  clickTriage,
  executeActions,
  fileFromChat,
  startTeamsApp,
  type TeamsTestApp,
} from './teams-harness.js';

const HOUR = 60 * 60 * 1000;
const chatOf = (user: TeamsUser) => personalConversation(user).id as string;
const actionsIn = (call: ConnectorCall) => {
  try {
    return executeActions(cardOf(call));
  } catch {
    return [];
  }
};

describe('Teams: who gets a survey, how often, and the importance poll', () => {
  let t: TeamsTestApp;
  beforeEach(async () => {
    t = await startTeamsApp();
    await t.post(message(t.connector.url, users.alex, 'hi'));
    await t.post(message(t.connector.url, users.sam, 'hi'));
  });
  afterEach(async () => {
    await t.close();
  });

  async function fileAndResolve(
    user: TeamsUser,
    description: string,
  ): Promise<{ ref: string; requestId: string }> {
    const filed = await fileFromChat(t, user, { description });
    await t.app.worker.drain();
    await resolve(filed.ref, filed.requestId);
    return filed;
  }
  async function resolve(ref: string, requestId: string): Promise<void> {
    await clickTriage(t, users.alex, ref, 'take', { requestId });
    await clickTriage(t, users.alex, ref, 'resolve', { requestId, resolution: 'Done and tested' });
    await t.app.worker.drain();
  }
  const surveys = (user: TeamsUser) =>
    t.connector.messagesIn(chatOf(user)).filter((c) => actionsIn(c).some((a) => a.verb === 'surveyScore'));
  const click = (user: TeamsUser, verb: string, data: Record<string, unknown>) =>
    t.post(cardAction(t.connector.url, user, { verb, data, replyToId: 'x', where: 'personal' }));

  it('does not survey a member of the team that handled the request', async () => {
    const { requestId } = await fileAndResolve(users.sam, 'My own chair');
    t.clock.advance(2 * HOUR);
    await t.app.worker.drain();
    expect(surveys(users.sam)).toEqual([]);
    const survey = await t.app.database.db
      .selectFrom('surveys')
      .selectAll()
      .where('requestId', '=', requestId)
      .executeTakeFirst();
    expect(survey).toMatchObject({
      status: 'skipped',
      skipReason: 'requester_is_team_member',
    });
  });

  it('asks one person at most twice a week: the third is skipped with fatigue_cap', async () => {
    for (const description of ['Cold one', 'Cold two', 'Cold three'])
      await fileAndResolve(users.riley, description);
    t.clock.advance(2 * HOUR);
    await t.app.worker.drain();
    expect(surveys(users.riley)).toHaveLength(2);
    const rows = await t.app.database.db.selectFrom('surveys').selectAll().orderBy('createdAt').execute();
    expect(rows.map((row) => row.skipReason)).toEqual([null, null, 'fatigue_cap']);
  });

  it('a request reopened with Not fixed and resolved again is surveyed again', async () => {
    const { ref, requestId } = await fileAndResolve(users.riley, 'Window stuck');
    t.clock.advance(HOUR);
    await t.app.worker.drain();
    const surveyId = actionsIn(surveys(users.riley)[0] as ConnectorCall)[0]?.data.surveyId;
    await click(users.riley, 'surveyNotFixed', { surveyId });
    await t.app.worker.drain();
    await resolve(ref, requestId);
    t.clock.advance(HOUR);
    await t.app.worker.drain();
    expect(surveys(users.riley)).toHaveLength(2);
    const rounds = await t.app.database.db
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

  it('the quarterly importance poll reaches recent requesters and the leads; a tap is a vote', async () => {
    await fileAndResolve(users.riley, 'Heating off');
    t.clock.set('2027-01-01T09:00:00Z');
    await t.app.worker.drain();
    const poll = (user: TeamsUser) =>
      t.connector.messagesIn(chatOf(user)).find((c) => actionsIn(c).some((a) => a.verb === 'importanceVote'));
    expect(cardTextOf(cardOf(poll(users.riley)))).toContain('Which matters most to you?');
    expect(cardTextOf(cardOf(poll(users.sam)))).toContain(
      'Which do you think matters most to the people you serve?',
    );
    const data = { teamId: 'facilities', poll: '2027-Q1', dimension: 'responsiveness' };
    const answer = await click(users.riley, 'importanceVote', data);
    expect(cardTextOf((answer.body as { value: unknown }).value)).toContain('You chose: Speed.');
    const refused = await click(users.mallory, 'importanceVote', data);
    expect((refused.body as { value: string }).value).toBe('This poll was sent to someone else.');
    const votes = await t.app.database.db.selectFrom('importanceVotes').selectAll().execute();
    expect(votes.map((v) => [v.role, v.dimension])).toEqual([['requester', 'responsiveness']]);
  });
});
