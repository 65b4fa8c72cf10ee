import { afterEach, describe, expect, it } from 'vitest';
import { FakeBotConnector } from '../../src/sandbox/fake-bot-connector.js';
import { FakeSlack } from '../../src/sandbox/fake-slack.js';
import { admitAll, retryAfterSeconds, SlidingWindows, TokenBuckets } from '../../src/sandbox/rate-limits.js';

describe("the sandbox platforms' rate limiters", () => {
  it('a token bucket lets a burst through, then one call per refill, and says how long to wait', () => {
    const bucket = new TokenBuckets({ perSecond: 1, burst: 3 });
    const at = (ms: number) => bucket.check('C1', ms);
    for (let i = 0; i < 3; i++) {
      expect(at(0)).toEqual({ admitted: true });
      bucket.record('C1', 0);
    }
    expect(at(0)).toEqual({ admitted: false, retryAfterMs: 1_000 });
    expect(at(400)).toEqual({ admitted: false, retryAfterMs: 600 });
    expect(at(1_000)).toEqual({ admitted: true });
    expect(bucket.check('C2', 0)).toEqual({ admitted: true });
    expect(bucket.allowedIn(10_000)).toBe(13);
  });

  it('sliding windows admit a call only when every window has room', () => {
    const windows = new SlidingWindows([
      { max: 7, windowMs: 1_000 },
      { max: 8, windowMs: 2_000 },
    ]);
    for (let i = 0; i < 7; i++) windows.record('chat', i * 10);
    expect(windows.check('chat', 100)).toEqual({ admitted: false, retryAfterMs: 900 });
    expect(windows.check('chat', 1_000)).toEqual({ admitted: true });
    windows.record('chat', 1_000);
    // 8 in the last 2 s: the first leaves the window at 2 000.
    expect(windows.check('chat', 1_500)).toEqual({ admitted: false, retryAfterMs: 500 });
    expect(windows.allowedIn(1_000)).toBe(8);
    expect(windows.allowedIn(30_000)).toBe(128);
  });

  it('a call refused by one limit is counted by none', () => {
    const perChannel = new TokenBuckets({ perSecond: 1, burst: 1 });
    const workspace = new TokenBuckets({ perSecond: 10, burst: 2 });
    expect(
      admitAll(
        [
          [perChannel, 'C1'],
          [workspace, 'T'],
        ],
        0,
      ).admitted,
    ).toBe(true);
    const refused = admitAll(
      [
        [perChannel, 'C1'],
        [workspace, 'T'],
      ],
      0,
    );
    expect(retryAfterSeconds(refused)).toBe(1);
    expect(workspace.check('T', 0)).toEqual({ admitted: true });
  });
});

describe('the sandbox platforms enforce their limits over HTTP', () => {
  let slack: FakeSlack | undefined;
  let connector: FakeBotConnector | undefined;
  afterEach(async () => {
    await slack?.close();
    await connector?.close();
  });

  const post = (channel: string) =>
    fetch(`${slack?.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel, text: 'hi' }),
    });

  it('Slack answers a fourth post to one channel within a second with 429 and Retry-After: 1', async () => {
    let now = 0;
    slack = await FakeSlack.start({ now: () => new Date(now) });
    slack.limitRates();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post('C1')).status);
    const limited = await post('C1');
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await post('C2')).status).toBe(200);
    now = 1_000;
    expect((await post('C1')).status).toBe(200);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(5);
  });

  it('the Bot Connector answers an eighth message into one chat within a second with 429', async () => {
    connector = await FakeBotConnector.start();
    connector.limitRates();
    const send = () =>
      fetch(`${connector?.url}v3/conversations/a%3A1chat/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'hi' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await send()).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(7);
    expect(statuses.at(-1)).toBe(429);
    expect(connector.delivered()).toHaveLength(7);
  });
});
