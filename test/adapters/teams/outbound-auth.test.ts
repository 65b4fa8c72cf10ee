import { afterEach, describe, expect, it } from 'vitest';
import { BotbuilderTransport } from '../../../adapters/teams/botbuilder-transport.js';
import { toJobError } from '../../../adapters/teams/connector-errors.js';
import type { TeamsConfig } from '../../../src/config.js';
import { PermanentJobError } from '../../../src/jobs/job-errors.js';
import { silentLogger } from '../../../src/logger.js';
import { FakeBotConnector } from '../../../src/sandbox/fake-bot-connector.js';
import { BOT, TENANT_ID, TRIAGE_CHANNEL, users } from '../../../src/sandbox/teams-activities.js';
import { FakeEntraId } from '../../support/fake-entra-id.js';

// SDK credentials keep tokens in a process-wide cache keyed by app id: each test its own app.
let apps = 0;
const nextAppId = () => `00000000-0000-4000-8000-${String(++apps).padStart(12, '0')}`;

describe('Teams outgoing calls with Bot Framework auth on', () => {
  let connector: FakeBotConnector | undefined;
  let entra: FakeEntraId | undefined;
  afterEach(async () => {
    await connector?.close();
    await entra?.close();
  });

  /** The real transport with auth on, its MSAL requests addressed to the fake Entra ID. */
  async function start(
    secret: { expected: string; used: string },
    app: { appType: 'MultiTenant' } | { appType: 'SingleTenant'; tenantId: string } = {
      appType: 'MultiTenant',
    },
  ) {
    const appId = nextAppId();
    entra = await FakeEntraId.start({ id: appId, secret: secret.expected });
    connector = await FakeBotConnector.start();
    const config: TeamsConfig = {
      auth: 'on',
      appId,
      appPassword: secret.used,
      allowedTenants: [TENANT_ID],
      ...app,
    };
    const transport = new BotbuilderTransport(config, silentLogger, { entraNetwork: entra.network });
    const channel = { serviceUrl: connector.url, tenantId: TENANT_ID, botId: BOT.id, botName: BOT.name };
    return { appId, transport, channel, connector, entra };
  }

  it('sends, updates and starts conversations with the bot token from Entra ID, fetched once', async () => {
    const { appId, transport, channel, connector, entra } = await start({
      expected: 's3cret',
      used: 's3cret',
    });

    const thread = await transport.createConversation(channel, {
      channelId: TRIAGE_CHANNEL,
      message: { text: 'FAC-1 filed' },
    });
    const target = { ...channel, conversationId: thread.conversationId, isGroup: true };
    const sent = await transport.send(target, { text: 'Taken by Alex' });
    await transport.update(target, sent.activityId, { text: 'FAC-1 taken' });
    await transport.createConversation(channel, { userId: users.riley.id });

    expect(connector.calls.map((call) => [call.kind, call.status, call.authorization])).toEqual([
      ['createConversation', 201, 'Bearer token-1'],
      ['send', 200, 'Bearer token-1'],
      ['update', 200, 'Bearer token-1'],
      ['createConversation', 201, 'Bearer token-1'],
    ]);
    expect(entra.tokenRequests).toEqual([
      expect.objectContaining({
        grant_type: 'client_credentials',
        client_id: appId,
        client_secret: 's3cret',
        scope: 'https://api.botframework.com/.default',
      }),
    ]);
  });

  it('a MultiTenant bot asks the Bot Framework tenant for its token, a SingleTenant bot its own tenant', async () => {
    const multi = await start({ expected: 's3cret', used: 's3cret' });
    await multi.transport.send({ ...multi.channel, conversationId: TRIAGE_CHANNEL }, { text: 'hi' });
    expect(multi.entra.tokenTenants).toEqual(['botframework.com']);
    await connector?.close();
    await entra?.close();

    const single = await start(
      { expected: 's3cret', used: 's3cret' },
      { appType: 'SingleTenant', tenantId: TENANT_ID },
    );
    await single.transport.send({ ...single.channel, conversationId: TRIAGE_CHANNEL }, { text: 'hi' });
    expect(single.entra.tokenTenants).toEqual([TENANT_ID]);
    expect(single.connector.calls.map((call) => call.authorization)).toEqual(['Bearer token-1']);
  });

  it('sends nothing to Teams when Entra ID refuses the token, and leaves the delivery to be retried', async () => {
    const { transport, channel, connector, entra } = await start({ expected: 's3cret', used: 'stale' });

    const failure = await transport
      .send({ ...channel, conversationId: TRIAGE_CHANNEL, isGroup: true }, { text: 'FAC-1 filed' })
      .then(
        () => undefined,
        (error: unknown) => error,
      );

    expect(failure).toBeInstanceOf(Error);
    expect(toJobError(failure, 'a triage card')).not.toBeInstanceOf(PermanentJobError);
    expect(entra.tokenRequests).toHaveLength(1);
    expect(connector.calls).toEqual([]);
  });
});

describe('Teams outgoing calls with auth off', () => {
  it('carry no Authorization header', async () => {
    const connector = await FakeBotConnector.start();
    try {
      const transport = new BotbuilderTransport({ auth: 'off' }, silentLogger);
      const channel = { serviceUrl: connector.url, tenantId: TENANT_ID, botId: BOT.id };
      await transport.send({ ...channel, conversationId: TRIAGE_CHANNEL, isGroup: true }, { text: 'hi' });

      expect(connector.calls.map((call) => [call.kind, call.status, call.authorization])).toEqual([
        ['send', 200, undefined],
      ]);
    } finally {
      await connector.close();
    }
  });
});
