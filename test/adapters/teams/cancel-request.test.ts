import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardAction, personalConversation, users } from '../../../src/sandbox/teams-activities.js';
import { findRequestByRef } from '../../../src/services/list-requests.js';
import {
  cardOf,
  cardTextOf,
  clickTriage,
  executeActions,
  fileColdRadiator,
  startTeamsApp,
  type TeamsTestApp,
  triageThread,
} from './teams-harness.js';

const rileyChat = personalConversation(users.riley).id as string;

describe('Teams: the requester cancels their own request', () => {
  let t: TeamsTestApp;
  let ref: string;
  let requestId: string;
  beforeEach(async () => {
    t = await startTeamsApp();
    ({ ref, requestId } = await fileColdRadiator(t));
  });
  afterEach(async () => {
    await t.close();
  });

  const cancel = (user: typeof users.riley, data: Record<string, unknown>) =>
    t.post(
      cardAction(t.connector.url, user, { verb: 'cancelRequest', data, replyToId: 'x', where: 'personal' }),
    );

  it('Cancel request on an update card cancels it: the triage card says so, its thread is told, and no survey is planned', async () => {
    await clickTriage(t, users.alex, ref, 'take', { requestId });
    await t.app.worker.drain();
    const update = cardOf(t.connector.messagesIn(rileyChat).at(-1));
    const offered = executeActions(update).find((a) => a.verb === 'cancelRequest');
    expect(offered).toEqual({ title: 'Cancel request', verb: 'cancelRequest', data: { requestId } });

    const answer = await cancel(users.riley, { ...offered?.data, reason: 'It warmed up' });
    expect(answer.body).toMatchObject({ value: `Cancelled ${ref}. The team has been told.` });
    await t.app.worker.drain();

    expect((await findRequestByRef(t.app.deps, ref))?.status).toBe('cancelled');
    const thread = triageThread(t, ref);
    const card = t.connector
      .delivered()
      .filter((c) => c.kind === 'update' && c.activityId === thread.messageId)
      .at(-1);
    expect(cardTextOf(cardOf(card))).toContain('Cancelled');
    expect(executeActions(cardOf(card))).toEqual([]);
    const note = t.connector.messagesIn(thread.conversationId).at(-1);
    expect(note?.body.text).toBe(`Riley Requester cancelled <b>${ref}</b>: It warmed up`);
    const surveys = await t.app.database.db
      .selectFrom('jobs')
      .select('kind')
      .where('kind', 'like', 'survey.%')
      .execute();
    expect(surveys).toEqual([]);
    // The requester's last card no longer offers to cancel.
    expect(executeActions(cardOf(t.connector.messagesIn(rileyChat).at(-1))).map((a) => a.verb)).not.toContain(
      'cancelRequest',
    );
  });

  it('cancel after resolve is refused with a clear message, and a stranger is refused too', async () => {
    const stranger = await cancel(users.mallory, { requestId });
    expect(stranger.body).toMatchObject({ value: 'Only the person who filed this request can do that.' });
    await clickTriage(t, users.alex, ref, 'resolve', { requestId, resolution: 'Bled the radiator' });
    await t.app.worker.drain();
    const late = await cancel(users.riley, { requestId });
    expect(late.body).toMatchObject({ value: "This request is resolved, so it can't be cancelled now." });
    expect((await findRequestByRef(t.app.deps, ref))?.status).toBe('resolved');
  });
});
