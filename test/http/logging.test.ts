import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotbuilderTransport } from '../../adapters/teams/botbuilder-transport.js';
import { routeConsole } from '../../src/library-log.js';
import { createLogger } from '../../src/logger.js';
import { FakeBotConnector } from '../../src/sandbox/fake-bot-connector.js';
import { FakeSlack } from '../../src/sandbox/fake-slack.js';
import { SlackSandboxPerson } from '../../src/sandbox/slack-person.js';
import { SlackRequests } from '../../src/sandbox/slack-requests.js';
import { BOT, botAddedToTeam, TENANT_ID, TRIAGE_CHANNEL, users } from '../../src/sandbox/teams-activities.js';
import {
  DANA,
  deliver,
  fileBySlash,
  openedModal,
  requestIdOf,
  SAM,
  TRIAGE_CHANNEL as SLACK_TRIAGE,
  type SlackTestbed,
  submitModal,
} from '../adapters/slack/slack-harness.js';
import { clickTriage, fileFromChat, type TeamsTestApp } from '../adapters/teams/teams-harness.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { createTestDatabaseUrl, describeEachProvider } from '../support/databases.js';
import { FakeEntraId } from '../support/fake-entra-id.js';

const TOKEN = 'xoxb-logging-test-token-0123';
const SECRET = 'logging-test-signing-secret';
const DESCRIPTION = 'Private matter: the lock on room 7 was forced';

/** A pino destination that keeps every line, parsed. */
function capture(): { sink: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { sink, lines };
}

describe('logs at info level', () => {
  const { sink, lines } = capture();
  let bed: TestApp;
  let fake: FakeSlack;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    bed = await startTestApp({
      slack: { botToken: TOKEN, signingSecret: SECRET, apiUrl: fake.url },
      logger: createLogger('info', sink),
    });
    // The first DM fails once, so the worker logs a retry for its job.
    fake.fail('chat.postMessage', { status: 500 }, { times: 1 });
    const requester = new SlackSandboxPerson('U0DANA', fake, new SlackRequests(bed.baseUrl, SECRET));
    await requester.slashRequest(DESCRIPTION, {
      category: 'Access',
      description: DESCRIPTION,
      needed_by: 'today',
    });
    await bed.app.worker.drain();
    bed.clock.advance(60_000);
    await bed.app.worker.drain();
  });
  afterAll(async () => {
    await bed.close();
    await fake.close();
  });

  it('are JSON lines with a request id for every HTTP request and a job id for every job line', () => {
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(2);
    for (const line of requests)
      expect(line).toMatchObject({
        service: 'gapdesk',
        requestId: expect.any(String),
        path: '/slack/events',
      });
    const jobLines = lines.filter((line) => String(line.msg).startsWith('job '));
    expect(jobLines.length).toBeGreaterThanOrEqual(1);
    for (const line of jobLines)
      expect(line).toMatchObject({ jobId: expect.any(Number), kind: expect.any(String) });
  });

  it('carry no token, no signing secret and no message body', () => {
    const text = JSON.stringify(lines);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('lock on room 7');
  });
});

// Every secret the configuration can hold, and the user text of a whole flow on both platforms.
const SIGNING_SECRET = 'f3c1a9e0d2b84c7e9a61b5d0c8e27f43';
const BOT_TOKEN = 'xoxb-2049-4096-LoggingFlowToken9a8b7c';
const APP_PASSWORD = 'Teams~ClientSecret.Q8v_2kLx9-Zp4wYt7Rn';
const DB_PASSWORD = 'Db-Passw0rd-for-the-log-test';
const SLACK_TEXT = 'Confidential: the safe in room 12 will not lock';
const TEAMS_TEXT = 'Confidential: a broken window in the archive';
const RESOLUTION = 'Replaced the safe lock mechanism quietly';
const COMMENT = 'Thanks, discreet and quick handling';

describeEachProvider('logs of a whole flow at debug level', (provider) => {
  const { sink, lines } = capture();
  const logger = createLogger('debug', sink);
  let restoreConsole: () => void;
  let slack: FakeSlack;
  let connector: FakeBotConnector;
  let entra: FakeEntraId;
  let test: TestApp;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    // As main.ts does: botbuilder prints with console.
    restoreConsole = routeConsole(logger, 'botbuilder');
    let now = () => new Date();
    slack = await FakeSlack.start({ now: () => now() });
    connector = await FakeBotConnector.start();
    const database = await createTestDatabaseUrl(provider);
    dropDatabase = database.drop;
    // PostgreSQL here accepts any password from loopback; the URL carries one as production's would.
    const url = new URL(database.url);
    if (provider === 'postgresql') url.password = DB_PASSWORD;
    test = await startTestApp({
      slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: slack.url },
      msteams: { auth: 'off' },
      databaseUrl: provider === 'postgresql' ? url.toString() : database.url,
      logger,
    });
    now = () => test.clock.now();
    slack.addUser({ id: DANA, name: 'dana', real_name: 'Dana Reyes', tz: 'Europe/London' });
    const bed: SlackTestbed = {
      ...test,
      fake: slack,
      slack: new SlackRequests(test.baseUrl, SIGNING_SECRET),
      closeAll: async () => undefined,
    };
    const teams: TeamsTestApp = {
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

    // Filed in Teams and in Slack; one Slack delivery fails once (a retry is logged).
    await teams.post(botAddedToTeam(connector.url, users.sam));
    const fromTeams = await fileFromChat(teams, users.riley, { description: TEAMS_TEXT });
    slack.fail('chat.postMessage', { status: 500 }, { times: 1 });
    const { ref } = await fileBySlash(bed, DANA, SLACK_TEXT, {
      category: 'Access',
      description: SLACK_TEXT,
      needed_by: 'today',
    });
    await deliver(bed);
    test.clock.advance(60_000);
    await deliver(bed);
    // Taken in Teams, then taken over and resolved in Slack; the survey goes out and is answered.
    await clickTriage(teams, users.sam, fromTeams.ref, 'take', { requestId: fromTeams.requestId });
    const requestId = await requestIdOf(bed, ref);
    const where = { value: requestId, channel: SLACK_TRIAGE, messageTs: '1.0' };
    await bed.slack.blockAction({ user: SAM, actionId: 'triage_take', ...where });
    const since = slack.mark();
    await bed.slack.blockAction({ user: SAM, actionId: 'triage_resolve', ...where });
    await submitModal(bed, SAM, await openedModal(bed, since), { resolution: RESOLUTION });
    await deliver(bed);
    test.clock.advance(2 * 60 * 60_000);
    await deliver(bed);
    const survey = slack
      .callsTo('chat.postMessage')
      .find((call) => JSON.stringify(call.params).includes('survey_score:'));
    const surveyId = JSON.stringify(survey?.params.blocks).match(/"value":"([0-9a-f-]{36})"/)?.[1] ?? '';
    const tap = (actionId: string) =>
      bed.slack.blockAction({
        user: DANA,
        actionId,
        value: surveyId,
        channel: `D${DANA.slice(1)}`,
        messageTs: '2.0',
      });
    await tap('survey_score:1');
    const commentSince = slack.mark();
    await tap('survey_add_comment');
    await submitModal(bed, DANA, await openedModal(bed, commentSince), { survey_comment: COMMENT });
    await deliver(bed);
    // An activity botbuilder refuses (no type): its error is logged, the activity is not.
    await teams.post({ text: TEAMS_TEXT } as never);

    // Teams with Bot Framework auth on: a delivery with the client secret, and one Entra ID
    // refuses (its error logged as the app logs errors).
    entra = await FakeEntraId.start({ id: 'log-test-app', secret: APP_PASSWORD });
    // The SDK caches tokens per app id, process-wide: the refused one is another app.
    const authOn = (appId: string, appPassword: string) =>
      new BotbuilderTransport(
        {
          auth: 'on',
          appId,
          appType: 'SingleTenant',
          tenantId: TENANT_ID,
          appPassword,
          allowedTenants: [TENANT_ID],
        },
        logger,
        { entraNetwork: entra.network },
      );
    const channel = {
      serviceUrl: connector.url,
      tenantId: TENANT_ID,
      botId: BOT.id,
      conversationId: TRIAGE_CHANNEL,
    };
    await authOn('log-test-app', APP_PASSWORD).send(channel, { text: TEAMS_TEXT });
    const refused = await authOn('log-test-app-2', APP_PASSWORD)
      .send(channel, { text: TEAMS_TEXT })
      .catch((error: unknown) => error);
    logger.warn({ err: refused }, 'Teams delivery failed');
    expect(survey).toBeDefined();
  });
  afterAll(async () => {
    restoreConsole();
    await test.close();
    await dropDatabase();
    await slack.close();
    await connector.close();
    await entra.close();
  });

  it('has the libraries’ own debug lines, as structured library lines', () => {
    const bolt = lines.filter((line) => line.component === 'bolt');
    // The WebClient's request/answer lines are there, their data withheld.
    expect(bolt.some((line) => line.msg === 'http request body: [data withheld]')).toBe(true);
    expect(bolt.some((line) => line.msg === 'http request result: [data withheld]')).toBe(true);
    expect(bolt.some((line) => line.msg === 'ack() response sent (body: [data withheld]')).toBe(true);
    expect(lines.some((line) => line.msg === 'job failed; will retry')).toBe(true);
    expect(lines.find((line) => line.msg === 'Teams delivery failed')?.err).toMatchObject({
      message: expect.stringContaining('invalid_client'),
    });
  });

  it('carries no token, secret, password or message body in any line', () => {
    const text = lines.map((line) => JSON.stringify(line)).join('\n');
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, APP_PASSWORD, DB_PASSWORD])
      expect(text).not.toContain(secret);
    for (const body of [SLACK_TEXT, TEAMS_TEXT, RESOLUTION, COMMENT]) expect(text).not.toContain(body);
    // Nor a piece of one (a body cut short is still a body).
    expect(text).not.toMatch(/safe in room|broken window|discreet and quick/);
  });
});
