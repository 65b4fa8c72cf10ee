import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { botAddedToTeam, personalConversation, users } from '../../../src/sandbox/teams-activities.js';
import { fileRequest } from '../../../src/services/file-request.js';
import { countRows } from '../../support/databases.js';
import {
  cardOf,
  cardTextOf,
  clickTriage,
  fileFromChat,
  startTeamsApp,
  type TeamsTestApp,
  triageThread,
} from './teams-harness.js';

const rileyChat = personalConversation(users.riley).id as string;

describe('Teams: delivery through the job queue when the Bot Connector fails', () => {
  let t: TeamsTestApp;
  beforeEach(async () => {
    t = await startTeamsApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const cardsPosted = () => t.connector.delivered().filter((c) => c.kind === 'createConversation');

  it('waits as long as a 429 asks, then posts the triage card once', async () => {
    t.connector.failNext(1, 429, { retryAfterSeconds: 30, kinds: ['createConversation'] });
    const { ref } = await fileFromChat(t, users.riley, { description: 'Lights flicker in the lobby' });
    await t.app.worker.drain();
    expect(t.connector.calls.filter((c) => c.status === 429)).toHaveLength(1);
    expect(cardsPosted()).toHaveLength(0);

    t.clock.advance(20_000);
    await t.app.worker.drain();
    expect(cardsPosted()).toHaveLength(0);

    t.clock.advance(15_000);
    await t.app.worker.drain();
    expect(cardsPosted()).toHaveLength(1);
    expect(cardTextOf(cardOf(cardsPosted()[0]))).toContain(ref);
    expect((await t.app.deps.queue.counts()).failed).toBe(0);
  });

  it('retries a proactive message the connector answered 500 and delivers it once', async () => {
    const { ref, requestId } = await fileFromChat(t, users.riley, { description: 'Door handle came off' });
    await t.app.worker.drain();
    t.connector.failNext(1, 500, { conversationId: rileyChat });
    await clickTriage(t, users.alex, ref, 'take', { requestId });
    await t.app.worker.drain();
    const toRiley = () =>
      t.connector.messagesIn(rileyChat).filter((c) => cardTextOf(cardOf(c)).includes('is on it'));
    expect(t.connector.calls.filter((c) => c.status === 500)).toHaveLength(1);
    expect(toRiley()).toHaveLength(0);

    t.clock.advance(60_000);
    await t.app.worker.drain();
    expect(toRiley()).toHaveLength(1);
    t.clock.advance(3_600_000);
    await t.app.worker.drain();
    expect(toRiley()).toHaveLength(1);
  });

  it('posts a thread note once even when its job runs again after a 500', async () => {
    const { ref, requestId } = await fileFromChat(t, users.riley, { description: 'Window will not close' });
    await t.app.worker.drain();
    const thread = triageThread(t, ref).conversationId;
    t.connector.failNext(1, 500, { conversationId: thread, kinds: ['reply', 'send'] });
    await clickTriage(t, users.alex, ref, 'take', { requestId });
    await t.app.worker.drain();
    t.clock.advance(60_000);
    await t.app.worker.drain();
    const notes = t.connector
      .messagesIn(thread)
      .filter((c) => c.body.text === `Alex Fixit took <b>${ref}</b>.`);
    expect(notes).toHaveLength(1);
    // The card update is idempotent and may be repeated; the card shows the same state.
    const updates = t.connector.delivered().filter((c) => c.kind === 'update');
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(cardTextOf(cardOf(updates.at(-1)))).toContain('Alex Fixit');
  });

  it('parks the message when Teams says the conversation is gone (404), without retrying', async () => {
    const { ref, requestId } = await fileFromChat(t, users.riley, { description: 'Coffee machine leaks' });
    await t.app.worker.drain();
    t.connector.failNext(5, 404, { conversationId: rileyChat });
    await clickTriage(t, users.alex, ref, 'take', { requestId });
    await t.app.worker.drain();
    t.clock.advance(3_600_000);
    await t.app.worker.drain();
    expect(t.connector.calls.filter((c) => c.status === 404 && c.conversationId === rileyChat)).toHaveLength(
      1,
    );
    const parked = await t.app.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'failed')
      .execute();
    expect(parked.map((job) => job.kind)).toEqual(['requester.notify']);
    expect(parked[0]?.lastError).toContain('could not find the conversation');
  });

  it('keeps a triage card for a team whose Teams channel the bot has not seen yet, and posts it once the app is added', async () => {
    const { request } = await fileRequest(t.app.deps, {
      teamId: 'facilities',
      requester: { platform: 'slack', userId: 'U0DANA', name: 'Dana Reyes' },
      category: 'Cleaning',
      description: 'Spilled coffee in the lift',
      neededBy: { choice: 'today' },
      source: { platform: 'slack', entry: 'slash_command' },
    });
    await t.app.worker.drain();
    expect(cardsPosted()).toHaveLength(0);
    // (The Slack requester's DM is parked: Slack is not connected in this app.)
    expect(
      await countRows(t.app.database.db, 'jobs', (eb) => eb.and({ kind: 'triage.sync', status: 'failed' })),
    ).toBe(0);

    await t.post(botAddedToTeam(t.connector.url, users.sam));
    t.clock.advance(60_000);
    await t.app.worker.drain();
    expect(cardsPosted()).toHaveLength(1);
    expect(cardTextOf(cardOf(cardsPosted()[0]))).toContain(`${request.ref} · Cleaning`);
  });
});
