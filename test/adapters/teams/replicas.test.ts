import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  type Activity,
  botAddedToTeam,
  message,
  TEAM_ID,
  type TeamsUser,
  users,
} from '../../../src/sandbox/teams-activities.js';
import { describeEachProvider } from '../../support/databases.js';
import {
  cardOf,
  choicesOf,
  fileFromChat,
  startTeamsApp,
  type TeamsTestApp,
  triageThread,
} from './teams-harness.js';

/**
 * Two gapdesk processes on one database, each behind its own Bot Connector fake (so a service
 * URL says which one an activity named). What one replica learns from an activity, the other
 * must act on, and the latest activity wins, whichever replica received the earlier ones.
 */
describeEachProvider('Teams: two replicas on one database', (provider) => {
  let a: TeamsTestApp;
  let b: TeamsTestApp;
  beforeEach(async () => {
    a = await startTeamsApp({ provider });
    b = await startTeamsApp({ replicaOf: a });
  });
  afterEach(async () => {
    await b.close();
    await a.close();
  });

  const drainBoth = async () => {
    await a.app.worker.drain();
    await b.app.worker.drain();
  };
  const triageCards = (t: TeamsTestApp, ref: string) =>
    t.connector.calls.filter(
      (call) => call.kind === 'createConversation' && JSON.stringify(call.body).includes(ref),
    );

  it("posts a triage card to the service URL of the tenant's latest activity, whichever replica received it", async () => {
    await a.post(message(a.connector.url, users.riley, 'hi'));
    // Teams moved the tenant: the next activity (through the other replica) names a new URL.
    await b.post(message(b.connector.url, users.alex, 'hi'));
    // And back: the request is filed through the first replica, from the first URL.
    const { ref } = await fileFromChat(a, users.riley, { description: 'The lift is stuck on floor 3' });
    await drainBoth();

    expect(triageCards(a, ref)).toHaveLength(1);
    expect(triageCards(b, ref)).toEqual([]);
  });

  it('shows a person by the name of their latest activity, whichever replica saw it', async () => {
    const url = a.connector.url;
    const renamed: TeamsUser = { ...users.alex, name: 'Alex Fixer' };
    await a.post(message(url, users.alex, 'hi'));
    await b.post(message(url, renamed, 'hi'));
    // Renamed back, seen by the replica that saw the first name.
    await a.post(message(url, users.alex, 'hi'));

    const { ref } = await fileFromChat(a, users.riley, { description: 'Door 4B will not lock' });
    await drainBoth();

    const { messageId } = triageThread(a, ref);
    const card = a.connector.calls.find(
      (call) => call.kind === 'createConversation' && call.activityId === messageId,
    );
    expect(choicesOf(cardOf(card), 'assignee')).toContainEqual({ title: 'Alex Fixit', value: 'aad-alex' });
  });

  it('asks the team of the latest channel activity first for a member, whichever replica saw it', async () => {
    const url = a.connector.url;
    a.connector.addMember({ id: users.sam.id, name: 'Sam Lead', aadObjectId: 'aad-sam' });
    const inTeam = (activity: Activity, teamId: string): Activity => ({
      ...activity,
      channelData: { ...(activity.channelData as object), team: { id: teamId } },
    });
    const { membersAdded: _added, ...channelActivity } = botAddedToTeam(url, users.alex);
    const channelMessage = { ...channelActivity, type: 'message', text: 'hello' };
    await a.post(inTeam(channelMessage, TEAM_ID));
    await b.post(inTeam(channelMessage, 'team-other'));
    // Facilities again, through the first replica: now the latest team.
    await a.post(inTeam(channelMessage, TEAM_ID));

    // Sam never talked to the bot: posting the card has gapdesk ask Teams for Sam's name.
    await fileFromChat(a, users.riley, { description: 'Bike rack broken' });
    await drainBoth();
    await drainBoth();

    const lookups = a.connector.calls.filter((call) => call.kind === 'getMember');
    expect(lookups.map((call) => [call.conversationId, call.memberId])).toEqual([[TEAM_ID, 'aad-sam']]);
  });
});
