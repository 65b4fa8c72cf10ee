import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { personalConversation, TRIAGE_CHANNEL, users } from '../../../src/sandbox/teams-activities.js';
import { findRequestByRef } from '../../../src/services/list-requests.js';
import { countRows } from '../../support/databases.js';
import {
  cardOf,
  cardTextOf,
  clickTriage,
  executeActions,
  fileColdRadiator,
  responseCard,
  startTeamsApp,
  type TeamsTestApp,
  triageThread,
} from './teams-harness.js';

const rileyChat = personalConversation(users.riley).id as string;

describe('Teams: the triage card', () => {
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

  const lastTo = (conversationId: string) => t.connector.messagesIn(conversationId).at(-1);
  const updatesOf = (messageId: string) =>
    t.connector.delivered().filter((c) => c.kind === 'update' && c.activityId === messageId);

  it('posts a new request as a new thread in the team triage channel with the five actions', async () => {
    const thread = triageThread(t, ref);
    expect(thread.conversationId).toBe(`${TRIAGE_CHANNEL};messageid=${thread.messageId}`);
    const card = cardOf(t.connector.delivered().find((c) => c.kind === 'createConversation'));
    const text = cardTextOf(card);
    expect(text).toContain(`${ref} · HVAC · High`);
    expect(text).toContain('The radiator in room 2.14 is cold');
    expect(text).toContain('Riley Requester');
    expect(text).toContain('nobody yet');
    expect(card.actions?.map((a) => (a as { title: string }).title)).toEqual([
      'Take',
      'Assign',
      'Defer',
      'Waiting on',
      'Resolve',
    ]);
    const assignChoices = JSON.stringify(card.actions?.[1]);
    expect(assignChoices).toContain('"title":"Alex Fixit","value":"aad-alex"');
  });

  it('Take answers with the refreshed card, updates it in place for everyone, notes it in the thread and tells the requester', async () => {
    const thread = triageThread(t, ref);
    const answer = await clickTriage(t, users.alex, ref, 'take', { requestId });
    expect(cardTextOf(responseCard(answer.body))).toContain('Alex Fixit');
    await t.app.worker.drain();
    const update = updatesOf(thread.messageId).at(-1);
    expect(update?.conversationId).toBe(thread.conversationId);
    expect(cardTextOf(cardOf(update))).toMatch(/Acknowledged[\s\S]*Alex Fixit/);
    expect(lastTo(thread.conversationId)?.body.text).toBe(`Alex Fixit took <b>${ref}</b>.`);
    expect(cardTextOf(cardOf(lastTo(rileyChat)))).toContain('Alex Fixit from the Facilities team is on it.');
  });

  it('Assign gives it to the chosen member', async () => {
    const answer = await clickTriage(t, users.sam, ref, 'assign', { requestId, assignee: 'aad-alex' });
    expect(cardTextOf(responseCard(answer.body))).toContain('Alex Fixit');
    await t.app.worker.drain();
    expect(lastTo(triageThread(t, ref).conversationId)?.body.text).toBe(
      `Sam Lead assigned <b>${ref}</b> to Alex Fixit.`,
    );
    expect(cardTextOf(cardOf(lastTo(rileyChat)))).toContain('Alex Fixit from the Facilities team is on it.');
  });

  it('Defer needs a date and a reason; with both, the requester hears the date and why', async () => {
    const refused = responseCard(
      (await clickTriage(t, users.alex, ref, 'defer', { requestId, until: '2026-11-30' })).body,
    );
    expect(cardTextOf(refused)).toContain('Say why, so the requester knows');
    expect((await findRequestByRef(t.app.deps, ref))?.status).toBe('open');

    const answer = responseCard(
      (
        await clickTriage(t, users.alex, ref, 'defer', {
          requestId,
          until: '2026-11-30',
          reason: 'Parts arrive Monday',
        })
      ).body,
    );
    expect(cardTextOf(answer)).toContain('Deferred to {{DATE(2026-11-30T18:00:00Z, SHORT)}}');
    await t.app.worker.drain();
    expect(lastTo(triageThread(t, ref).conversationId)?.body.text).toBe(
      `Alex Fixit deferred <b>${ref}</b> to Mon 30 Nov, 18:00 (Europe/London): Parts arrive Monday`,
    );
    expect(cardTextOf(cardOf(lastTo(rileyChat)))).toContain(
      'The Facilities team will get to your request by {{DATE(2026-11-30T18:00:00Z, SHORT)}} {{TIME(2026-11-30T18:00:00Z)}}. Why: Parts arrive Monday',
    );
  });

  it('Waiting on the requester asks them for what is needed', async () => {
    const answer = responseCard(
      (
        await clickTriage(t, users.alex, ref, 'waitOn', {
          requestId,
          waitingOn: 'requester',
          note: 'Which radiator exactly?',
        })
      ).body,
    );
    expect(cardTextOf(answer)).toContain('Waiting on the requester: Which radiator exactly?');
    await t.app.worker.drain();
    expect(cardTextOf(cardOf(lastTo(rileyChat)))).toContain(
      'Alex Fixit from the Facilities team needs something from you: Which radiator exactly?',
    );
  });

  it('Resolve closes the card’s actions and tells the requester what was done', async () => {
    const answer = responseCard(
      (await clickTriage(t, users.alex, ref, 'resolve', { requestId, resolution: 'Bled the radiator' })).body,
    );
    expect(answer.actions).toBeUndefined();
    expect(cardTextOf(answer)).toContain('Bled the radiator');
    await t.app.worker.drain();
    expect(cardTextOf(cardOf(lastTo(rileyChat)))).toContain('Your request is resolved: Bled the radiator');
    expect(updatesOf(triageThread(t, ref).messageId).at(-1)?.body).not.toHaveProperty(
      'attachments.0.content.actions',
    );
  });

  it('refuses someone outside the team with a message and changes nothing', async () => {
    const before = t.connector.calls.length;
    const answer = await clickTriage(t, users.mallory, ref, 'take', { requestId });
    expect(answer.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'Only the Facilities team can do that.',
    });
    await t.app.worker.drain();
    expect(await findRequestByRef(t.app.deps, ref)).toMatchObject({ status: 'open', assigneeId: null });
    expect(t.connector.calls.length).toBe(before);
  });

  it('a double click on Take makes one change and one thread note; a second taker is told who has it', async () => {
    const [a, b] = await Promise.all([
      clickTriage(t, users.alex, ref, 'take', { requestId }),
      clickTriage(t, users.alex, ref, 'take', { requestId }),
    ]);
    for (const answer of [a, b]) expect(cardTextOf(responseCard(answer.body))).toContain('Alex Fixit');
    const other = responseCard((await clickTriage(t, users.sam, ref, 'take', { requestId })).body);
    expect(cardTextOf(other)).toContain('Alex Fixit already has this.');
    await t.app.worker.drain();
    const notes = t.connector
      .messagesIn(triageThread(t, ref).conversationId)
      .filter((c) => c.body.text === `Alex Fixit took <b>${ref}</b>.`);
    expect(notes).toHaveLength(1);
    const events = await countRows(t.app.database.db, 'requestEvents', (eb) =>
      eb.and({ requestId, type: 'taken' }),
    );
    expect(events).toBe(1);
  });

  it('SLA alerts go to the card’s thread with real Teams mentions: the leads while nobody has it, then the assignee', async () => {
    const thread = triageThread(t, ref).conversationId;
    const alerts = () => t.connector.messagesIn(thread).filter((c) => String(c.body.text).includes('target'));
    // High priority: acknowledge within 1 h, the warning at 80 % (48 min).
    t.clock.advance(50 * 60_000);
    await t.app.worker.drain();
    expect(alerts()[0]?.body.text).toMatch(
      /^<at>Sam Lead<\/at> FAC-\d+ is close to its pick-up target \(due Mon 23 Nov, 10:00/,
    );
    expect(alerts()[0]?.body.entities).toEqual([
      { type: 'mention', text: '<at>Sam Lead</at>', mentioned: { id: 'aad-sam', name: 'Sam Lead' } },
    ]);

    await clickTriage(t, users.alex, ref, 'take', { requestId });
    await t.app.worker.drain();
    // Resolve within one business day (10 h): the warning comes at 8 h.
    t.clock.advance(8 * 3_600_000);
    await t.app.worker.drain();
    const resolveAlert = alerts().at(-1);
    expect(resolveAlert?.body.text).toMatch(/^<at>Alex Fixit<\/at> FAC-\d+ is close to its resolve target/);
    expect(resolveAlert?.body.entities).toEqual([
      { type: 'mention', text: '<at>Alex Fixit</at>', mentioned: { id: 'aad-alex', name: 'Alex Fixit' } },
    ]);
    expect(alerts()).toHaveLength(2);
    const executes = executeActions(
      cardOf(t.connector.delivered().find((c) => c.kind === 'createConversation')),
    );
    expect(executes.map((a) => a.verb)).toEqual(['take', 'assign', 'defer', 'waitOn', 'resolve']);
  });
});
