import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILING_FAILED_TEXT, INVOKE_FAILED_TEXT } from '../../../adapters/teams/bot/teams-bot.js';
import { cardAction, message, personalConversation, users } from '../../../src/sandbox/teams-activities.js';
import { countRows } from '../../support/databases.js';
import {
  cardOf,
  clickTriage,
  executeActions,
  fileFromChat,
  responseCard,
  startTeamsApp,
  type TeamsTestApp,
} from './teams-harness.js';

const rileyChat = personalConversation(users.riley).id as string;

describe('Teams, while another connection holds the SQLite write lock past the busy timeout', () => {
  let t: TeamsTestApp;
  let locker: Database.Database;

  beforeEach(async () => {
    t = await startTeamsApp();
    locker = new Database(t.databaseUrl.slice('file:'.length));
  });
  afterEach(async () => {
    if (locker.inTransaction) locker.exec('ROLLBACK');
    locker.close();
    await t.close();
  });

  async function written() {
    const { db } = t.app.database;
    return {
      requests: await countRows(db, 'requests'),
      events: await countRows(db, 'requestEvents'),
      jobs: await countRows(db, 'jobs'),
      keys: await countRows(db, 'idempotencyKeys'),
    };
  }

  it('filing the chat form answers "did not save", writes nothing, and File request again files once', async () => {
    await t.post(message(t.connector.url, users.riley, 'The radiator is cold'));
    const offered = t.connector.messagesIn(rileyChat).at(-1);
    const replyToId = offered?.activityId ?? '';
    const facilities = executeActions(cardOf(offered)).find((a) => a.title === 'Facilities');
    const chosen = await t.post(
      cardAction(t.connector.url, users.riley, {
        verb: 'chooseTeam',
        data: facilities?.data ?? {},
        replyToId,
        where: 'personal',
      }),
    );
    const submit = executeActions(responseCard(chosen.body)).find((a) => a.verb === 'fileRequest');
    const data = {
      ...submit?.data,
      category: 'HVAC',
      neededBy: 'today',
      description: 'The radiator is cold',
    };
    const file = () =>
      t.post(
        cardAction(t.connector.url, users.riley, { verb: 'fileRequest', data, replyToId, where: 'personal' }),
      );
    const before = await written();

    locker.exec('BEGIN IMMEDIATE');
    const refused = await file();
    locker.exec('ROLLBACK');

    expect(refused.status).toBe(200);
    expect(refused.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: FILING_FAILED_TEXT,
    });
    expect(await written()).toEqual(before);
    const again = await file();
    expect(JSON.stringify(again.body)).toMatch(/Filed FAC-\d+/);
    expect((await written()).requests).toBe(before.requests + 1);
  });

  it('a Take is answered with an apology to whoever clicked and changes nothing; the next Take takes it', async () => {
    const { ref, requestId } = await fileFromChat(t, users.riley, { description: 'The radiator is cold' });
    await t.app.worker.drain();
    const before = await written();
    const take = () => clickTriage(t, users.alex, ref, 'take', { requestId });

    locker.exec('BEGIN IMMEDIATE');
    const refused = await take();
    locker.exec('ROLLBACK');

    expect(refused.status).toBe(200);
    expect(refused.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: INVOKE_FAILED_TEXT,
    });
    expect(await written()).toEqual(before);
    expect((await take()).status).toBe(200);
    const row = await t.app.database.db
      .selectFrom('requests')
      .select('assigneeId')
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(row.assigneeId).not.toBeNull();
  });
});
