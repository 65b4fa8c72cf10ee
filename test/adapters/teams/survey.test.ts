import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorCall } from '../../../src/sandbox/fake-bot-connector.js';
import { cardAction, message, personalConversation, users } from '../../../src/sandbox/teams-activities.js';
import {
  cardOf,
  cardTextOf,
  clickTriage,
  executeActions,
  fileFromChat,
  responseCard,
  startTeamsApp,
  type TeamsTestApp,
  triageThread,
} from './teams-harness.js';

const HOUR = 60 * 60 * 1000;
const rileyChat = personalConversation(users.riley).id as string;
/** The card's buttons, without the Universal Actions refresh (not a button). */
const buttonsOf = (card: unknown) => executeActions(card).filter((a) => a.verb !== 'surveyRefresh');
const hasSurvey = (call: ConnectorCall) => {
  try {
    return executeActions(cardOf(call)).some((a) => a.verb === 'surveyScore');
  } catch {
    return false;
  }
};

describe('Teams: micro-survey after completion', () => {
  let t: TeamsTestApp;
  let ref: string;
  let requestId: string;
  beforeEach(async () => {
    t = await startTeamsApp();
    // Friday 27 Nov 2026, 17:30 London: the survey may not go out before Monday 09:00.
    t.clock.set('2026-11-27T17:30:00Z');
    await t.post(message(t.connector.url, users.alex, 'hi'));
    await t.post(message(t.connector.url, users.sam, 'hi'));
    ({ ref, requestId } = await fileFromChat(t, users.riley, {
      description: 'Radiator **cold** <at>everyone</at>',
      neededBy: 'today',
    }));
    await t.app.worker.drain();
    await clickTriage(t, users.alex, ref, 'take', { requestId });
    await clickTriage(t, users.alex, ref, 'resolve', { requestId, resolution: 'Bled the radiator' });
    await t.app.worker.drain();
  });
  afterEach(async () => {
    await t.close();
  });

  const surveyPost = () => t.connector.messagesIn(rileyChat).find(hasSurvey);
  const surveyId = () => String(executeActions(cardOf(surveyPost()))[0]?.data.surveyId ?? '');
  const tap = (user = users.riley, verb = 'surveyScore', data: Record<string, unknown> = {}) =>
    t.post(
      cardAction(t.connector.url, user, {
        verb,
        data: { surveyId: surveyId(), ...data },
        replyToId: surveyPost()?.activityId ?? '',
        where: 'personal',
      }),
    );
  const refusal = (body: unknown) => (body as { type?: string; value?: string }).value;
  // The fake records a reply by the id it answers; updates in Riley's chat are the survey's and its reminder's.
  const surveyUpdates = () =>
    t.connector.delivered().filter((c) => c.kind === 'update' && c.conversationId === rileyChat);
  const row = () =>
    t.app.database.db
      .selectFrom('surveys')
      .selectAll()
      .where('requestId', '=', requestId)
      .executeTakeFirstOrThrow();
  async function arrive(): Promise<void> {
    t.clock.set('2026-11-30T09:00:00Z');
    await t.app.worker.drain();
  }

  it('arrives in the 1:1 chat after the delay, inside working hours, with five scale buttons and Not fixed', async () => {
    t.clock.set('2026-11-28T12:00:00Z');
    await t.app.worker.drain();
    expect(surveyPost()).toBeUndefined();
    await arrive();
    const card = cardOf(surveyPost());
    expect(buttonsOf(card).map((a) => a.title)).toEqual([
      'Much worse',
      'Worse',
      'As expected',
      'Better',
      'Much better',
      'Not fixed',
    ]);
    expect(JSON.stringify(card)).toContain('"verb":"surveyRefresh"');
    const raw = JSON.stringify(card);
    expect(raw).toContain('\\\\*\\\\*cold\\\\*\\\\*');
    expect(raw).not.toContain('<at>everyone');
    expect(cardTextOf(card)).toContain('compared with what you expected?');
  });

  it('one tap records the answer and the card is replaced in place by a thank-you offering a comment', async () => {
    await arrive();
    const answer = await tap(users.riley, 'surveyScore', { score: 1 });
    const card = responseCard(answer.body);
    expect(cardTextOf(card)).toContain('Thanks for your answer.');
    expect(buttonsOf(card).map((a) => a.title)).toEqual(['Send']);
    expect(JSON.stringify(card)).toContain('"title":"Add a comment"');
    expect(await row()).toMatchObject({ status: 'answered', score: 1 });
    await t.app.worker.drain();
    expect(cardTextOf(cardOf(surveyUpdates().at(-1)))).toContain('Thanks for your answer.');
    const commented = responseCard(
      (await tap(users.riley, 'surveyComment', { comment: 'Fast <b>and</b> tidy' })).body,
    );
    expect(cardTextOf(commented)).toContain('Your comment: Fast <b>and</b> tidy');
    expect((await row()).comment).toBe('Fast <b>and</b> tidy');
  });

  it('Not fixed reopens the request and tells the team in the triage thread', async () => {
    await arrive();
    const answer = await tap(users.riley, 'surveyNotFixed');
    expect(cardTextOf(responseCard(answer.body))).toContain(
      'We have reopened the request and told the team.',
    );
    await t.app.worker.drain();
    const request = await t.app.database.db
      .selectFrom('requests')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(request.reopenCount).toBe(1);
    const thread = triageThread(t, ref).conversationId;
    expect(t.connector.messagesIn(thread).map((c) => String(c.body.text))).toContainEqual(
      expect.stringContaining(
        `Riley Requester (the requester) answered the survey: not fixed. <b>${ref}</b> is reopened.`,
      ),
    );
  });

  it('a worse-than-expected answer asks which R fell short and alerts the leads in the triage thread', async () => {
    await arrive();
    const card = responseCard((await tap(users.riley, 'surveyScore', { score: -1 })).body);
    expect(buttonsOf(card).map((a) => a.title)).toEqual([
      'Lacked what was needed',
      'Too slow / not informed',
      "I didn't feel heard",
    ]);
    await t.app.worker.drain();
    const thread = triageThread(t, ref).conversationId;
    const alert = t.connector.messagesIn(thread).find((c) => String(c.body.text).includes('rated'));
    expect(String(alert?.body.text)).toContain('<at>Sam Lead</at>');
    expect(String(alert?.body.text)).toContain('A bit worse than I expected');
    expect(JSON.stringify(alert?.body.entities)).toContain('aad-sam');
    await tap(users.riley, 'surveyShortfall', { shortfall: 'respect' });
    await t.app.worker.drain();
    const alertUpdate = t.connector
      .delivered()
      .filter(
        (c) => c.kind === 'update' && c.conversationId === thread && String(c.body.text).includes('rated'),
      )
      .at(-1);
    // Updated in place, not posted again; the apostrophe arrives HTML-escaped.
    expect(String(alertUpdate?.body.text)).toContain('I didn&#39;t feel heard');
    expect(t.connector.messagesIn(thread).filter((c) => String(c.body.text).includes('rated'))).toHaveLength(
      1,
    );
    expect(await row()).toMatchObject({ score: -1, shortfall: 'respect' });
  });

  it('reminds once a day later, then expires: the card says it has closed and taps hear so', async () => {
    await arrive();
    t.clock.advance(24 * HOUR);
    await t.app.worker.drain();
    t.clock.advance(24 * HOUR);
    await t.app.worker.drain();
    const reminders = t.connector
      .messagesIn(rileyChat)
      .filter((c) => hasSurvey(c) && cardTextOf(cardOf(c)).includes('A gentle reminder'));
    expect(reminders).toHaveLength(1);
    t.clock.advance(24 * HOUR);
    await t.app.worker.drain();
    expect(await row()).toMatchObject({ status: 'expired' });
    expect(cardTextOf(cardOf(surveyUpdates().at(-1)))).toContain('This survey has closed.');
    expect(refusal((await tap(users.riley, 'surveyScore', { score: 2 })).body)).toBe(
      'This survey has closed. Thanks anyway.',
    );
  });

  it("refuses a stranger's or a team member's tap and records nothing", async () => {
    await arrive();
    for (const user of [users.mallory, users.sam]) {
      const answer = await tap(user, 'surveyScore', { score: -2 });
      expect(refusal(answer.body)).toBe('Only the person who filed this request can answer this survey.');
    }
    expect(await row()).toMatchObject({ status: 'sent', score: null });
  });
});
