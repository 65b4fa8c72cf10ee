import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotbuilderTransport } from '../../../adapters/teams/botbuilder-transport.js';
import { toJobError } from '../../../adapters/teams/connector-errors.js';
import type { TeamsConfig } from '../../../src/config.js';
import { PermanentJobError } from '../../../src/jobs/job-errors.js';
import { silentLogger } from '../../../src/logger.js';
import { FakeBotConnector } from '../../../src/sandbox/fake-bot-connector.js';
import { BOT, message, TENANT_ID, TRIAGE_CHANNEL, users } from '../../../src/sandbox/teams-activities.js';
import { FakeEntraId } from '../../support/fake-entra-id.js';
import { type ForwardProxy, startForwardProxy } from '../../support/forward-proxy.js';
import { fileFromChat, startTeamsApp, type TeamsTestApp } from './teams-harness.js';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy'];

// SDK credentials keep tokens in a process-wide cache keyed by app id: each test its own app.
let apps = 0;
const nextAppId = () => `00000000-0000-4000-9000-${String(++apps).padStart(12, '0')}`;

/**
 * A company network in miniature: a forward proxy on 127.0.0.1, and the Bot Connector and Entra
 * ID fakes behind it. The fakes speak plain HTTP, so their calls reach the proxy by HTTP_PROXY;
 * Microsoft's real login host is HTTPS and tunnels through HTTPS_PROXY.
 */
describe('Teams outgoing calls and the proxy variables', () => {
  let saved: Map<string, string | undefined>;
  let proxy: ForwardProxy;
  let connector: FakeBotConnector;
  let entra: FakeEntraId | undefined;
  let app: TeamsTestApp | undefined;
  beforeEach(async () => {
    saved = new Map(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
    for (const name of PROXY_VARIABLES) delete process.env[name];
    proxy = await startForwardProxy();
    connector = await FakeBotConnector.start();
  });
  afterEach(async () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await app?.close();
    app = undefined;
    await entra?.close();
    entra = undefined;
    await connector.close();
    await proxy.close();
  });

  /** The transport with auth on, its MSAL requests addressed to the fake Entra ID. */
  async function transportWithAuth(): Promise<BotbuilderTransport> {
    const appId = nextAppId();
    entra = await FakeEntraId.start({ id: appId, secret: 's3cret' });
    const config: TeamsConfig = {
      auth: 'on',
      appId,
      appType: 'MultiTenant',
      appPassword: 's3cret',
      allowedTenants: [TENANT_ID],
    };
    return new BotbuilderTransport(config, silentLogger, { entraNetwork: entra.network });
  }

  /** A delivery's worth of calls: a thread started, a reply in it, the card updated, a member asked for. */
  async function deliver(transport: BotbuilderTransport): Promise<void> {
    const channel = { serviceUrl: connector.url, tenantId: TENANT_ID, botId: BOT.id, botName: BOT.name };
    const thread = await transport.createConversation(channel, {
      channelId: TRIAGE_CHANNEL,
      message: { text: 'FAC-1 filed' },
    });
    const target = { ...channel, conversationId: thread.conversationId, isGroup: true };
    const sent = await transport.send(target, { text: 'Taken by Alex' });
    await transport.update(target, sent.activityId, { text: 'FAC-1 taken' });
    await transport.member(target, 'aad-sam');
  }

  /** What the proxy was asked for, without MSAL's per-request correlation id. */
  const seen = () =>
    proxy.calls.map((call) => `${call.method} ${call.target.replace(/\?client-request-id=.*$/, '')}`);

  it.each([
    ['HTTPS_PROXY', 'HTTP_PROXY'],
    ['https_proxy', 'http_proxy'],
  ])(
    '%s / %s: every Bot Connector call and every Entra ID request goes through the proxy',
    async (https, http) => {
      process.env[https] = proxy.url;
      process.env[http] = proxy.url;
      const transport = await transportWithAuth();

      await deliver(transport);

      const login = entra?.url ?? '';
      const thread = encodeURIComponent(connector.calls[0]?.conversationId ?? '');
      expect(seen()).toEqual([
        `POST ${login}/botframework.com/oauth2/v2.0/token`,
        `POST ${connector.url}v3/conversations`,
        `POST ${connector.url}v3/conversations/${thread}/activities`,
        `PUT ${connector.url}v3/conversations/${thread}/activities/${connector.calls[1]?.activityId}`,
        `GET ${connector.url}v3/conversations/${thread}/members/aad-sam`,
      ]);
      expect(connector.calls.map((call) => [call.kind, call.authorization])).toEqual([
        ['createConversation', 'Bearer token-1'],
        ['send', 'Bearer token-1'],
        ['update', 'Bearer token-1'],
        ['getMember', 'Bearer token-1'],
      ]);
    },
  );

  it('nothing goes through the proxy for a host NO_PROXY covers, and every call still arrives', async () => {
    process.env.HTTPS_PROXY = proxy.url;
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = 'localhost,127.0.0.1';
    const transport = await transportWithAuth();

    await deliver(transport);

    expect(seen()).toEqual([]);
    expect(entra?.tokenRequests).toHaveLength(1);
    expect(connector.calls.map((call) => call.kind)).toEqual([
      'createConversation',
      'send',
      'update',
      'getMember',
    ]);
  });

  it('NO_PROXY is read per call and per host: a port it names goes direct, the rest through the proxy', async () => {
    process.env.HTTP_PROXY = proxy.url;
    const transport = await transportWithAuth();
    process.env.NO_PROXY = new URL(connector.url).host;

    await deliver(transport);

    expect(seen().map((call) => call.replace(entra?.url ?? '', 'entra'))).toEqual([
      'POST entra/botframework.com/oauth2/v2.0/token',
    ]);
    expect(connector.calls).toHaveLength(4);
  });

  it("a token request to Microsoft's login host opens a tunnel through HTTPS_PROXY, and nothing reaches Teams without it", async () => {
    process.env.HTTPS_PROXY = proxy.url;
    const appId = nextAppId();
    // gapdesk's own MSAL network, unredirected: this proxy refuses to reach the internet (502).
    const transport = new BotbuilderTransport(
      { auth: 'on', appId, appType: 'MultiTenant', appPassword: 's3cret', allowedTenants: [TENANT_ID] },
      silentLogger,
    );

    const failure = await transport
      .send(
        { serviceUrl: connector.url, tenantId: TENANT_ID, botId: BOT.id, conversationId: TRIAGE_CHANNEL },
        { text: 'FAC-1 filed' },
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      );

    expect(failure).toBeInstanceOf(Error);
    expect(toJobError(failure, 'a triage card')).not.toBeInstanceOf(PermanentJobError);
    expect(seen()).toContain('CONNECT login.microsoftonline.com:443');
    expect(seen().every((call) => call === 'CONNECT login.microsoftonline.com:443')).toBe(true);
    expect(connector.calls).toEqual([]);
  });

  it('replies within a turn and deliveries from the job queue go through the proxy, and go direct once NO_PROXY covers the host', async () => {
    process.env.HTTP_PROXY = proxy.url;
    app = await startTeamsApp();
    const t = app;

    await t.post(message(t.connector.url, users.riley, 'hello'));
    await fileFromChat(t, users.riley, { description: 'The lift is stuck on floor 3' });
    await t.app.worker.drain();

    const kinds = t.connector.calls.map((call) => call.kind);
    expect(kinds).toContain('reply');
    expect(kinds).toContain('createConversation');
    expect(proxy.calls.map((call) => call.method)).toEqual(t.connector.calls.map((call) => call.method));
    expect(proxy.calls.every((call) => call.target.startsWith(t.connector.url))).toBe(true);

    const proxied = proxy.calls.length;
    const before = t.connector.calls.length;
    process.env.NO_PROXY = '127.0.0.1';
    await t.post(message(t.connector.url, users.riley, 'hello again'));
    await fileFromChat(t, users.riley, { description: 'Bin store overflowing' });
    await t.app.worker.drain();

    expect(t.connector.calls.slice(before).map((call) => call.kind)).toEqual(
      expect.arrayContaining(['reply', 'createConversation']),
    );
    expect(proxy.calls).toHaveLength(proxied);
  });
});
