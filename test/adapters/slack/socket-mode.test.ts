import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../../src/sandbox/fake-slack.js';
import { SignedHttp } from '../../../src/sandbox/slack-requests.js';
import { startTestApp } from '../../support/app-harness.js';
import { countRows } from '../../support/databases.js';
import type { Envelope, FakeSocketMode } from '../../support/fake-socket-mode.js';
import { type ForwardProxy, startForwardProxy } from '../../support/forward-proxy.js';
import {
  ALEX,
  APP_TOKEN,
  BOT_TOKEN,
  currentCard,
  DANA,
  deliver,
  dmsTo,
  EVE,
  fileBySlash,
  handled,
  openedModal,
  requestIdOf,
  SIGNING_SECRET,
  type SlackTestbed,
  startSlackTestbed,
  submitModal,
  TRIAGE_CHANNEL,
} from './slack-harness.js';

/** The client waits its ping timeout (5 s) before a reconnect, as Slack's SDK does. */
const RECONNECT_TEST_MS = 30_000;

describe('Slack in Socket Mode', () => {
  let bed: SlackTestbed;
  let socket: FakeSocketMode;
  beforeEach(async () => {
    bed = await startSlackTestbed({ transport: 'socket mode' });
    socket = bed.socket as FakeSocketMode;
  });
  afterEach(async () => {
    await bed.closeAll();
  });

  const connectionsOpened = () => bed.fake.callsTo('apps.connections.open');
  const eventsWithId = (eventId: string) =>
    socket.sent.filter((envelope) => envelope.payload.event_id === eventId);

  it('connects out with the app token through the configured Web API, and takes nothing over HTTP', async () => {
    expect(connectionsOpened().map((call) => call.token)).toEqual([APP_TOKEN]);
    expect(socket.connections).toBe(1);
    // Everything else the bot calls, it calls with the bot token.
    await fileBySlash(bed, DANA, 'Door handle loose', {
      category: 'Furniture',
      description: 'Door handle loose on room 2B',
      needed_by: 'this_week',
    });
    await deliver(bed);
    const others = bed.fake.calls.filter((call) => call.method !== 'apps.connections.open');
    expect(new Set(others.map((call) => call.token))).toEqual(new Set([BOT_TOKEN]));
    // No Slack route on the HTTP server: even a correctly signed request finds nothing there.
    const http = new SignedHttp(bed.baseUrl, SIGNING_SECRET);
    const before = bed.fake.calls.length;
    expect((await http.command({ command: '/request', text: 'help', user_id: DANA })).status).toBe(404);
    expect(bed.fake.calls.length).toBe(before);
  });

  it('acknowledges every envelope by its envelope_id, with the response payload where one is due', async () => {
    const since = bed.fake.mark();
    const help = await bed.slack.command({ user: DANA, text: 'help' });
    expect(help.json()).toMatchObject({ response_type: 'ephemeral' });
    await bed.slack.command({ user: DANA, text: 'Bulb out in the stairwell' });
    const modal = await openedModal(bed, since);
    const invalid = await submitModal(bed, DANA, modal, { category: 'Electrical', description: 'no' });
    expect(invalid.json()).toEqual({
      response_action: 'errors',
      errors: {
        description: 'Tell us a little more (at least 3 characters).',
        needed_by: 'Say when you need it.',
      },
    });
    const filed = await submitModal(bed, DANA, modal, {
      category: 'Electrical',
      description: 'Bulb out in the stairwell',
      needed_by: 'today',
    });
    expect(filed.json()).toMatchObject({ response_action: 'update' });
    const ref = /\*([A-Z]+-\d+)\*/.exec(filed.text)?.[1] ?? '';
    const take = await bed.slack.blockAction({
      user: ALEX,
      actionId: 'triage_take',
      value: await requestIdOf(bed, ref),
      channel: TRIAGE_CHANNEL,
      messageTs: '1.0',
    });
    expect(take.text).toBe('');
    const home = { type: 'app_home_opened', user: DANA, tab: 'home' };
    await bed.slack.event(home, { eventId: 'Ev0HOME' });
    await bed.slack.event(home, { eventId: 'Ev0HOME', retryNum: 1 });
    await deliver(bed);

    // What went over the socket was Slack's envelope shape…
    const shape = (envelope: Envelope) => [
      envelope.type,
      envelope.accepts_response_payload,
      envelope.retry_attempt,
      envelope.retry_reason,
    ];
    expect(socket.sent.map(shape)).toEqual([
      ['slash_commands', true, undefined, undefined],
      ['slash_commands', true, undefined, undefined],
      ['interactive', true, undefined, undefined],
      ['interactive', true, undefined, undefined],
      ['interactive', false, undefined, undefined],
      ['events_api', false, 0, ''],
      ['events_api', false, 1, 'timeout'],
    ]);
    // …and each was acknowledged once, by its own id, in order; none is left waiting.
    expect(socket.acks.map((ack) => ack.envelope_id)).toEqual(socket.sent.map((e) => e.envelope_id));
    expect(socket.unacknowledged()).toEqual([]);
    expect(socket.acks.map((ack) => Object.keys(ack.payload ?? {}).sort())).toEqual([
      ['blocks', 'response_type', 'text'],
      [],
      ['errors', 'response_action'],
      ['response_action', 'view'],
      [],
      [],
      [],
    ]);
    // The user-visible outcome is the HTTP flow's: filed, carded, taken, the Home tab drawn.
    expect(JSON.stringify(currentCard(bed, ref)?.params.blocks)).toContain('u0alex');
    expect(dmsTo(bed, DANA).at(-1)?.params.text).toBe(
      `*${ref}* · Electrical\nu0alex from the Facilities team is on it.`,
    );
    expect(bed.fake.callsTo('views.publish').length).toBeGreaterThan(0);
  });

  it(
    'reconnects after the connection drops: an event whose ack was lost is redelivered and handled once, an event sent meanwhile arrives',
    async () => {
      bed.fake.addMessage('C0GENERAL', {
        ts: '1763000000.000300',
        user: DANA,
        text: 'The blinds in room 4 are broken',
      });
      const reaction = {
        type: 'reaction_added',
        user: EVE,
        reaction: 'ticket',
        item_user: DANA,
        item: { type: 'message', channel: 'C0GENERAL', ts: '1763000000.000300' },
        event_ts: '1763000001.000100',
      };
      // The app handles the reaction and acknowledges it; the connection dies before Slack hears.
      const dropped = socket.loseAckOf((envelope) => envelope.payload.event_id === 'Ev0LOST');
      const lost = bed.slack.event(reaction, { eventId: 'Ev0LOST' });
      await dropped;
      // While it is down, Dana writes to the bot: Slack holds the event for the next connection.
      const dm = {
        type: 'message',
        channel: 'D0DANA',
        channel_type: 'im',
        user: DANA,
        text: 'Printer jammed',
        ts: '1763000000.000400',
      };
      const held = bed.slack.event(dm, { eventId: 'Ev0HELD' });

      await socket.waitForConnections(2);
      await Promise.all([lost, held]);
      await deliver(bed);

      // A fresh URL from apps.connections.open for the new connection.
      expect(connectionsOpened().map((call) => call.token)).toEqual([APP_TOKEN, APP_TOKEN]);
      expect(eventsWithId('Ev0LOST').map((e) => e.retry_attempt)).toEqual([0, 1]);
      expect(eventsWithId('Ev0HELD').map((e) => e.retry_attempt)).toEqual([0]);
      expect(socket.unacknowledged()).toEqual([]);
      // Handled once: one request, one DM about it; the DM offer posted once.
      expect(await countRows(bed.app.database.db, 'requests')).toBe(1);
      const ref = /\*([A-Z]+-\d+)\*/.exec(String(dmsTo(bed, DANA)[0]?.params.text))?.[1] ?? '';
      expect(ref).toMatch(/^FAC-\d+$/);
      expect(dmsTo(bed, DANA)).toHaveLength(1);
      expect(bed.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'D0DANA')).toHaveLength(
        1,
      );
      // The new connection carries clicks as the first did.
      await bed.slack.blockAction({
        user: ALEX,
        actionId: 'triage_take',
        value: await requestIdOf(bed, ref),
        channel: TRIAGE_CHANNEL,
        messageTs: '1.0',
      });
      await deliver(bed);
      expect(JSON.stringify(currentCard(bed, ref)?.params.blocks)).toContain('u0alex');
    },
    RECONNECT_TEST_MS,
  );

  it(
    'reconnects when Slack refreshes the connection (a disconnect message), and goes on as before',
    async () => {
      socket.refresh();
      await socket.waitForConnections(2);
      expect(connectionsOpened()).toHaveLength(2);
      const { ref } = await fileBySlash(bed, DANA, 'Coffee machine leaking', {
        category: 'Plumbing',
        description: 'Coffee machine leaking',
        needed_by: 'today',
      });
      await handled(bed);
      await deliver(bed);
      expect(currentCard(bed, ref)?.params.channel).toBe(TRIAGE_CHANNEL);
      expect(socket.unacknowledged()).toEqual([]);
    },
    RECONNECT_TEST_MS,
  );

  const stopSlack = () => bed.app.adapters.find((adapter) => adapter.platform === 'slack')?.stop?.();

  it('closes the connection with a close handshake when the app stops', async () => {
    await stopSlack();
    await socket.waitForCloses(1);
    expect(socket.closes).toEqual([{ connection: 1, code: 1000 }]);
    await expect(bed.slack.command({ user: DANA, text: 'help' })).rejects.toThrow(
      /no Socket Mode connection/,
    );
  });

  it(
    "stops cleanly while a reconnect still waits for Slack's hello (no unhandled rejection from the SDK)",
    async () => {
      const rejections: unknown[] = [];
      const record = (reason: unknown) => rejections.push(reason);
      process.on('unhandledRejection', record);
      try {
        socket.withholdHello();
        socket.drop();
        await socket.waitForConnections(2);
        await stopSlack();
        // Node reports a rejection nobody handled at the end of the turn it happened in.
        await new Promise((resolve) => setImmediate(resolve));
        expect(rejections).toEqual([]);
        await socket.waitForCloses(2);
        expect(socket.closes.map((close) => close.connection).sort()).toEqual([1, 2]);
      } finally {
        process.off('unhandledRejection', record);
      }
    },
    RECONNECT_TEST_MS,
  );
});

describe('Slack in Socket Mode, when Slack refuses the app token', () => {
  let fake: FakeSlack;
  afterEach(async () => {
    await fake.close();
  });

  it('the start fails with a message naming SLACK_APP_TOKEN, and nothing is left running', async () => {
    fake = await FakeSlack.start();
    fake.fail('apps.connections.open', { error: 'invalid_auth' });
    await expect(
      startTestApp({ slack: { botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: fake.url } }),
    ).rejects.toThrow(/apps\.connections\.open answered invalid_auth: check SLACK_APP_TOKEN/);
    expect(fake.rejected.map((r) => r.method)).toEqual(['apps.connections.open']);
  });
});

describe("Slack in Socket Mode through the company's forward proxy", () => {
  const PROXY_VARIABLES = ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy'];
  let saved: Record<string, string | undefined>;
  let proxy: ForwardProxy;
  let bed: SlackTestbed | undefined;

  beforeEach(async () => {
    saved = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
    for (const name of PROXY_VARIABLES) delete process.env[name];
    proxy = await startForwardProxy();
  });
  afterEach(async () => {
    await bed?.closeAll();
    await proxy.close();
    for (const name of PROXY_VARIABLES) {
      const value = saved[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('opens the connection (apps.connections.open and the WebSocket) through the proxy set at start', async () => {
    process.env.HTTPS_PROXY = proxy.url;
    process.env.HTTP_PROXY = proxy.url;
    bed = await startSlackTestbed({ transport: 'socket mode' });
    const help = await bed.slack.command({ user: DANA, text: 'help' });
    expect(help.json()).toMatchObject({ response_type: 'ephemeral' });

    const proxied = proxy.calls.map((call) => `${call.method} ${call.target}`);
    expect(proxied).toContain(`POST ${bed.fake.url}apps.connections.open`);
    // The WebSocket's upgrade request, inside the tunnel the proxy opened for it.
    expect(
      proxied.filter((call) => /^GET http:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=/.test(call)),
    ).toHaveLength(1);
  });
});
