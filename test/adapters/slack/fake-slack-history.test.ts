import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boltLogger } from '../../../adapters/slack/bolt-logger.js';
import { webClientOptions } from '../../../adapters/slack/web-client-options.js';
import { silentLogger } from '../../../src/logger.js';
import { FakeSlack } from '../../../src/sandbox/fake-slack.js';

const CHANNEL = 'C0HISTORY';
const metadata = (key: string) => ({ event_type: 'test_event', event_payload: { key } });
const keyOf = (message: { metadata?: unknown }) =>
  (message.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;

// The chaos suite and the retry tests trust the sandbox Slack to read history back as Slack does.
describe('the sandbox Slack reads history back as Slack does', () => {
  let fake: FakeSlack;
  let now = new Date('2026-11-23T09:00:00Z');
  let client: webApi.WebClient;
  let card = '';
  beforeAll(async () => {
    fake = await FakeSlack.start({ now: () => now });
    client = new webApi.WebClient(
      'xoxb-test',
      webClientOptions({ apiUrl: fake.url, logger: boltLogger(silentLogger) }),
    );
    card =
      (await client.chat.postMessage({ channel: CHANNEL, text: 'card', metadata: metadata('card') })).ts ??
      '';
    now = new Date('2026-11-23T09:01:00Z');
    for (const n of [1, 2, 3])
      await client.chat.postMessage({ channel: CHANNEL, text: `top ${n}`, metadata: metadata(`top${n}`) });
    await client.chat.postMessage({
      channel: CHANNEL,
      thread_ts: card,
      text: 'reply',
      metadata: metadata('reply'),
    });
  });
  afterAll(() => fake.close());

  it("stamps each message with the fake's clock, in order", () => {
    const stamps = fake.callsTo('chat.postMessage').map((c) => Number(c.response.ts));
    expect(Math.floor(stamps[0] ?? 0)).toBe(Date.parse('2026-11-23T09:00:00Z') / 1000);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('gives metadata only to a reader that asks for it with include_all_metadata', async () => {
    const without = await client.conversations.history({ channel: CHANNEL });
    expect(without.messages?.map((m) => m.metadata)).toEqual([undefined, undefined, undefined, undefined]);
    const asked = await client.conversations.history({ channel: CHANNEL, include_all_metadata: true });
    expect(asked.messages?.map((m) => keyOf(m))).toEqual(['top3', 'top2', 'top1', 'card']);
  });

  it('keeps replies out of the history and in their thread, parent first', async () => {
    const thread = await client.conversations.replies({
      channel: CHANNEL,
      ts: card,
      include_all_metadata: true,
    });
    expect(thread.messages?.map((m) => m.text)).toEqual(['card', 'reply']);
    expect(keyOf(thread.messages?.[1] ?? {})).toBe('reply');
  });

  it('leaves out what is older than `oldest` and pages with a cursor', async () => {
    const oldest = String(Date.parse('2026-11-23T09:00:30Z') / 1000);
    const first = await client.conversations.history({ channel: CHANNEL, oldest, limit: 2 });
    expect(first.messages?.map((m) => m.text)).toEqual(['top 3', 'top 2']);
    expect(first.has_more).toBe(true);
    const cursor = first.response_metadata?.next_cursor ?? '';
    const second = await client.conversations.history({ channel: CHANNEL, oldest, limit: 2, cursor });
    expect(second.messages?.map((m) => m.text)).toEqual(['top 1']);
    expect(second.response_metadata?.next_cursor).toBe('');
  });
});
