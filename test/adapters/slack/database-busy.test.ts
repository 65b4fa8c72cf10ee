import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LISTENER_FAILED_TEXT } from '../../../adapters/slack/listeners/listener-failed.js';
import { countRows } from '../../support/databases.js';
import {
  ALEX,
  DANA,
  deliver,
  fileBySlash,
  handled,
  openedModal,
  requestIdOf,
  type SlackTestbed,
  startSlackTestbed,
  submitModal,
  TRIAGE_CHANNEL,
} from './slack-harness.js';

const FORM = { category: 'Plumbing', description: 'Radiator leaking by the window', needed_by: 'today' };

describe('while another connection holds the SQLite write lock past the busy timeout', () => {
  let bed: SlackTestbed;
  let locker: Database.Database;

  beforeEach(async () => {
    bed = await startSlackTestbed();
    locker = new Database(bed.databaseUrl.slice('file:'.length));
  });
  afterEach(async () => {
    if (locker.inTransaction) locker.exec('ROLLBACK');
    locker.close();
    await bed.closeAll();
  });

  async function written() {
    const { db } = bed.app.database;
    return {
      requests: await countRows(db, 'requests'),
      events: await countRows(db, 'requestEvents'),
      jobs: await countRows(db, 'jobs'),
      keys: await countRows(db, 'idempotencyKeys'),
    };
  }

  it('a filing keeps the modal open with "did not save", writes nothing, and Submit again files once', async () => {
    const since = bed.fake.mark();
    await bed.slack.command({ user: DANA, text: 'Radiator' });
    const modal = await openedModal(bed, since);
    const before = await written();

    locker.exec('BEGIN IMMEDIATE');
    const refused = await submitModal(bed, DANA, modal, FORM);
    locker.exec('ROLLBACK');

    expect(refused.status).toBe(200);
    expect(refused.json()).toEqual({
      response_action: 'errors',
      errors: { description: 'Sorry, that did not save. Please press Submit again.' },
    });
    expect(await written()).toEqual(before);
    const again = await submitModal(bed, DANA, modal, FORM);
    expect(again.text).toMatch(/Filed as \*FAC-\d+\*/);
    expect((await written()).requests).toBe(before.requests + 1);
  });

  it('a Take is answered, then refused with an apology to whoever clicked, and changes nothing', async () => {
    const { ref } = await fileBySlash(bed, DANA, 'Radiator', FORM);
    const requestId = await requestIdOf(bed, ref);
    await deliver(bed);
    const before = await written();
    const click = () =>
      bed.slack.blockAction({
        user: ALEX,
        actionId: 'triage_take',
        value: requestId,
        channel: TRIAGE_CHANNEL,
        messageTs: '1.0',
      });
    const since = bed.fake.mark();

    locker.exec('BEGIN IMMEDIATE');
    const answer = await click();
    await handled(bed);
    locker.exec('ROLLBACK');

    expect(answer.status).toBe(200);
    const apology = await bed.fake.waitFor((c) => c.method === 'chat.postEphemeral', { since });
    expect(apology.params).toMatchObject({ channel: TRIAGE_CHANNEL, user: ALEX, text: LISTENER_FAILED_TEXT });
    expect(await written()).toEqual(before);
    expect((await click()).status).toBe(200);
    await handled(bed);
    const row = await bed.app.database.db
      .selectFrom('requests')
      .select('assigneeId')
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(row.assigneeId).not.toBeNull();
  });
});
