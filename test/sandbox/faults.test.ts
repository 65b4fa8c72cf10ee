import { afterEach, describe, expect, it } from 'vitest';
import { FakeBotConnector } from '../../src/sandbox/fake-bot-connector.js';
import { FakeSlack } from '../../src/sandbox/fake-slack.js';

describe('an outage switched on in the sandbox platforms', () => {
  let slack: FakeSlack | undefined;
  let connector: FakeBotConnector | undefined;
  afterEach(async () => {
    await slack?.close();
    await connector?.close();
  });

  const post = (url: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C1', text: 'hi' }),
      signal: AbortSignal.timeout(2_000),
    });

  it('answers 500 until it ends, records nothing meanwhile, then answers as before', async () => {
    slack = await FakeSlack.start();
    slack.faults.set({ mode: '500', until: new Date(Date.now() + 300) });
    expect((await post(`${slack.url}chat.postMessage`)).status).toBe(500);
    expect(slack.calls).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await post(`${slack.url}chat.postMessage`)).status).toBe(200);
    expect(slack.faults.injected['500']).toBe(1);
  });

  it('drops the connection without an answer in reset mode', async () => {
    connector = await FakeBotConnector.start();
    connector.faults.set({ mode: 'reset', until: new Date(Date.now() + 60_000) });
    await expect(post(`${connector.url}v3/conversations/a%3A1chat/activities`)).rejects.toThrow();
    expect(connector.calls).toHaveLength(0);
    expect(connector.faults.total()).toBe(1);
  });

  it('holds a call unanswered in timeout mode and drops it, never acted on, when the outage ends', async () => {
    slack = await FakeSlack.start();
    slack.faults.set({ mode: 'timeout', until: new Date(Date.now() + 300) });
    const started = Date.now();
    await expect(post(`${slack.url}chat.postMessage`)).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(slack.calls).toHaveLength(0);
    expect((await post(`${slack.url}chat.postMessage`)).status).toBe(200);
  });
});
