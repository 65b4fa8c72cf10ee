import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeBotConnector } from '../../../src/sandbox/fake-bot-connector.js';
import { FakeSlack } from '../../../src/sandbox/fake-slack.js';
import { SlackRequests } from '../../../src/sandbox/slack-requests.js';
import { botAddedToTeam, users } from '../../../src/sandbox/teams-activities.js';
import { buildWeeklyDigest } from '../../../src/services/build-weekly-digest.js';
import { listTeamQueue } from '../../../src/services/list-requests.js';
import { startTestApp, type TestApp } from '../../support/app-harness.js';
import { BOT_TOKEN, DANA, fileBySlash, SIGNING_SECRET, type SlackTestbed } from '../slack/slack-harness.js';
import { cardOf, cardTextOf, fileFromChat, type TeamsTestApp } from './teams-harness.js';

describe('one service desk on Slack and Teams at once', () => {
  let test: TestApp;
  let slackFake: FakeSlack;
  let connector: FakeBotConnector;
  let slackBed: SlackTestbed;
  let teamsApp: TeamsTestApp;

  beforeEach(async () => {
    let now = () => new Date();
    slackFake = await FakeSlack.start({ now: () => now() });
    connector = await FakeBotConnector.start();
    test = await startTestApp({
      slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: slackFake.url },
      msteams: { auth: 'off' },
    });
    now = () => test.clock.now();
    slackFake.addUser({ id: DANA, name: 'dana', real_name: 'Dana Reyes', tz: 'Europe/London' });
    const close = async () => undefined;
    slackBed = {
      ...test,
      fake: slackFake,
      slack: new SlackRequests(test.baseUrl, SIGNING_SECRET),
      closeAll: close,
    };
    teamsApp = {
      ...test,
      connector,
      post: async (activity) => {
        const response = await fetch(`${test.baseUrl}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
        });
        const text = await response.text();
        return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
      },
    };
  });
  afterEach(async () => {
    await test.close();
    await slackFake.close();
    await connector.close();
  });

  it('puts a request filed in Teams and one filed in Slack for the same team in one queue, on both triage channels and in one digest', async () => {
    await teamsApp.post(botAddedToTeam(connector.url, users.sam));
    const fromSlack = await fileBySlash(slackBed, DANA, 'The meeting room is freezing', {
      category: 'HVAC',
      description: 'The meeting room is freezing',
      needed_by: 'today',
    });
    const fromTeams = await fileFromChat(teamsApp, users.riley, {
      description: 'The kitchen tap drips',
      category: 'Plumbing',
      neededBy: 'this_week',
    });
    await test.app.worker.drain();
    await test.app.worker.drain();

    const queue = await listTeamQueue(test.app.deps, 'facilities');
    expect(queue.map((r) => [r.ref, r.sourcePlatform])).toEqual([
      [fromSlack.ref, 'slack'],
      [fromTeams.ref, 'teams'],
    ]);

    // Each request reaches the team wherever it triages: the Slack one as a Teams card too.
    const teamsCards = connector
      .delivered()
      .filter((c) => c.kind === 'createConversation')
      .map((c) => cardTextOf(cardOf(c)));
    expect(teamsCards.find((text) => text.includes(fromSlack.ref))).toContain('The meeting room is freezing');
    expect(teamsCards.find((text) => text.includes(fromTeams.ref))).toContain('Riley Requester');
    const slackCards = slackFake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C0FACILITY');
    expect(slackCards.map((c) => JSON.stringify(c.params.blocks)).join()).toContain(fromTeams.ref);

    test.clock.set('2026-11-30T09:00:00Z');
    const digest = await buildWeeklyDigest(test.app.deps, { teamId: 'facilities', week: '2026-W48' });
    expect(digest.volume.filed.current).toBe(2);
    expect(digest.volume.byCategory.map((row) => row.key).sort()).toEqual(['HVAC', 'Plumbing']);
  });
});
