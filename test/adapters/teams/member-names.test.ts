import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  botAddedToTeam,
  message,
  TEAM_ID,
  TRIAGE_CHANNEL,
  users,
} from '../../../src/sandbox/teams-activities.js';
import { countRows } from '../../support/databases.js';
import {
  cardOf,
  choicesOf,
  clickTriage,
  fileFromChat,
  startTeamsApp,
  type TeamsTestApp,
  triageThread,
} from './teams-harness.js';

/**
 * The Facilities config lists Alex and Sam by AAD object id. Sam has never talked to the bot,
 * so only Teams itself can say what Sam is called.
 */
describe('Teams: names of team members who never talked to the bot', () => {
  let t: TeamsTestApp;
  beforeEach(async () => {
    t = await startTeamsApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const lookups = () => t.connector.calls.filter((call) => call.kind === 'getMember');
  const sam = () =>
    t.app.database.db
      .selectFrom('people')
      .selectAll()
      .where('platformUserId', '=', 'aad-sam')
      .executeTakeFirst();
  const assignChoices = (ref: string) => {
    const { messageId } = triageThread(t, ref);
    const versions = t.connector
      .delivered()
      .filter(
        (call) =>
          (call.kind === 'createConversation' || call.kind === 'update') && call.activityId === messageId,
      );
    return choicesOf(cardOf(versions.at(-1)), 'assignee');
  };

  it('are asked of Teams when gapdesk is added to the team, so the first triage card lists them by name', async () => {
    t.connector.addMember({ id: users.sam.id, name: 'Sam Lead', aadObjectId: 'aad-sam' });

    await t.post(botAddedToTeam(t.connector.url, users.alex));
    await t.app.worker.drain();
    const { ref } = await fileFromChat(t, users.riley, { description: 'The lift is stuck on floor 3' });
    await t.app.worker.drain();

    // Alex added the bot, so the activity named Alex: only Sam is asked about, of the team.
    expect(lookups().map((call) => [call.conversationId, call.memberId, call.status])).toEqual([
      [TEAM_ID, 'aad-sam', 200],
    ]);
    expect(assignChoices(ref)).toContainEqual({ title: 'Sam Lead', value: 'aad-sam' });
  });

  it('are learned after the first card when gapdesk knew the tenant but not the team yet, and the next card shows them', async () => {
    t.connector.addMember({ id: users.sam.id, name: 'Sam Lead', aadObjectId: 'aad-sam' });
    // Alex talked to the bot (so gapdesk knows Alex and the tenant); nobody added it to the team.
    await t.post(message(t.connector.url, users.alex, 'hi'));
    const { ref, requestId } = await fileFromChat(t, users.riley, { description: 'Door 4B will not lock' });
    await t.app.worker.drain();
    expect(assignChoices(ref)).toContainEqual({ title: 'aad-sam', value: 'aad-sam' });

    await clickTriage(t, users.alex, ref, 'take', { requestId });
    await t.app.worker.drain();

    // Asked before gapdesk had seen the team: of the triage channel instead.
    expect(lookups().map((call) => [call.conversationId, call.memberId])).toEqual([
      [TRIAGE_CHANNEL, 'aad-sam'],
    ]);
    expect(assignChoices(ref)).toEqual([
      { title: 'Sam Lead', value: 'aad-sam' },
      { title: 'Alex Fixit', value: 'aad-alex' },
    ]);
  });

  it('someone Teams does not know stays listed by id and is not asked about again that month', async () => {
    await t.post(botAddedToTeam(t.connector.url, users.alex));
    await t.app.worker.drain();
    const first = await fileFromChat(t, users.riley, { description: 'Bin store overflowing' });
    await t.app.worker.drain();
    const second = await fileFromChat(t, users.riley, { description: 'Bike rack broken' });
    await t.app.worker.drain();

    expect(lookups().filter((call) => call.memberId === 'aad-sam')).toHaveLength(1);
    expect(assignChoices(second.ref)).toContainEqual({ title: 'aad-sam', value: 'aad-sam' });
    expect(assignChoices(first.ref)).toContainEqual({ title: 'aad-sam', value: 'aad-sam' });
    expect(await countRows(t.app.database.db, 'jobs', (eb) => eb('status', '=', 'failed'))).toBe(0);
  });

  it('a team that no longer lets gapdesk ask (403) is passed over for the next team it has been in', async () => {
    t.connector.addMember({ id: users.sam.id, name: 'Sam Lead', aadObjectId: 'aad-sam' });
    t.connector.failNext(1, 403, { kinds: ['getMember'], conversationId: 'team-archived' });
    // A message in Facilities' channel, then gapdesk is added to a second team, which has
    // removed it again by the time the lookup runs.
    const added = botAddedToTeam(t.connector.url, users.alex);
    const { membersAdded: _added, ...activity } = added;
    await t.post({ ...activity, type: 'message', text: 'hello' });

    await t.post({
      ...added,
      channelData: { ...(added.channelData as object), team: { id: 'team-archived' } },
    });
    await t.app.worker.drain();

    expect(lookups().map((call) => [call.conversationId, call.status])).toEqual([
      ['team-archived', 403],
      [TEAM_ID, 200],
    ]);
    expect(await sam()).toMatchObject({ name: 'Sam Lead' });
    expect(await countRows(t.app.database.db, 'jobs', (eb) => eb('status', '=', 'failed'))).toBe(0);
  });

  it('a throttled lookup waits as Teams asks, then learns the name', async () => {
    t.connector.addMember({ id: users.sam.id, name: 'Sam Lead', aadObjectId: 'aad-sam' });
    t.connector.failNext(1, 429, { kinds: ['getMember'], retryAfterSeconds: 30 });

    await t.post(botAddedToTeam(t.connector.url, users.alex));
    await t.app.worker.drain();
    t.clock.advance(31_000);
    await t.app.worker.drain();

    const asked = lookups().filter((call) => call.memberId === 'aad-sam');
    expect(asked.map((call) => call.status)).toEqual(expect.arrayContaining([429, 200]));
    expect(await sam()).toMatchObject({ name: 'Sam Lead' });
  });
});
