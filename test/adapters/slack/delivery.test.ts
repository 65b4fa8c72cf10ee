import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ALEX,
  DANA,
  deliver,
  dmsTo,
  fileBySlash,
  requestIdOf,
  type SlackTestbed,
  startSlackTestbed,
  TRIAGE_CHANNEL,
  threadReplies,
} from './slack-harness.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

describe('delivering messages through Slack outages and rate limits', () => {
  let bed: SlackTestbed;
  beforeEach(async () => {
    bed = await startSlackTestbed();
  });
  afterEach(async () => {
    await bed.closeAll();
  });

  const cardPosts = () =>
    bed.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.params.channel === TRIAGE_CHANNEL && !c.params.thread_ts);

  it('waits out a 429 for its Retry-After, then delivers each message once', async () => {
    bed.fake.fail('chat.postMessage', { status: 429, retryAfter: 30 }, { times: 2 });
    await fileBySlash(bed, DANA, 'Light flickering', {
      category: 'Electrical',
      description: 'Light flickering',
      needed_by: 'today',
    });
    await deliver(bed);
    expect(bed.fake.rejected.filter((r) => r.method === 'chat.postMessage')).toHaveLength(2);
    expect(bed.fake.callsTo('chat.postMessage')).toHaveLength(0);

    bed.clock.advance(29 * SECOND);
    await deliver(bed);
    expect(bed.fake.callsTo('chat.postMessage')).toHaveLength(0);

    bed.clock.advance(2 * SECOND);
    await deliver(bed);
    expect(dmsTo(bed, DANA)).toHaveLength(1);
    expect(cardPosts()).toHaveLength(1);
  });

  it('a 429 with Retry-After is retried after that delay and does not count toward parking', async () => {
    // More 429s than a job has attempts (20): each wait is Slack's to ask for, not a failure.
    bed.fake.fail('chat.postMessage', { status: 429, retryAfter: 1 }, { times: 50 });
    await fileBySlash(bed, DANA, 'Radiator cold', {
      category: 'HVAC',
      description: 'Radiator cold',
      needed_by: 'today',
    });
    await deliver(bed);
    const seen: { at: number; rejected: number }[] = [];
    for (let step = 0; step < 1_000 && cardPosts().length + dmsTo(bed, DANA).length < 2; step++) {
      bed.clock.advance(100);
      await deliver(bed);
      seen.push({ at: bed.clock.now().getTime(), rejected: bed.fake.rejected.length });
    }
    // Two jobs (the DM and the card) share the 50, each at most once in any second.
    for (const { at, rejected } of seen) {
      const secondBefore = seen.find((s) => s.at >= at - 1_000);
      expect(rejected - (secondBefore?.rejected ?? 0)).toBeLessThanOrEqual(2);
    }
    expect(bed.fake.rejected).toHaveLength(50);
    expect(dmsTo(bed, DANA)).toHaveLength(1);
    expect(cardPosts()).toHaveLength(1);
    expect((await bed.app.deps.queue.counts()).failed).toBe(0);
  });

  it('rides out a two-minute 500 outage and then delivers with no duplicates', async () => {
    const outageEnds = new Date(bed.clock.now().getTime() + 2 * MINUTE);
    for (const method of ['chat.postMessage', 'chat.update'])
      bed.fake.fail(method, { status: 500 }, { until: outageEnds });
    const { ref } = await fileBySlash(bed, DANA, 'Door stuck', {
      category: 'Access',
      description: 'Front door stuck',
      needed_by: 'today',
    });
    await deliver(bed);
    await bed.slack.blockAction({
      user: ALEX,
      actionId: 'triage_take',
      value: await requestIdOf(bed, ref),
      channel: TRIAGE_CHANNEL,
    });
    for (let elapsed = 0; elapsed < 5 * MINUTE; elapsed += 10 * SECOND) {
      bed.clock.advance(10 * SECOND);
      await deliver(bed);
      if (bed.clock.now() < outageEnds) expect(bed.fake.callsTo('chat.postMessage')).toHaveLength(0);
    }
    expect(bed.fake.rejected.length).toBeGreaterThan(4);
    expect(dmsTo(bed, DANA).map((c) => /filed as|is on it/.exec(String(c.params.text))?.[0])).toEqual([
      'filed as',
      'is on it',
    ]);
    expect(cardPosts()).toHaveLength(1);
    expect(threadReplies(bed).map((c) => c.params.text)).toEqual([`u0alex took *${ref}*.`]);
    expect(await bed.app.deps.queue.counts()).toMatchObject({ pending: expect.any(Number), failed: 0 });
  });

  it('parks a message Slack will never accept (channel_not_found) instead of retrying it', async () => {
    bed.fake.fail('chat.postMessage', { error: 'channel_not_found' }, { times: 1 });
    await fileBySlash(bed, DANA, 'Chair broken', {
      category: 'Furniture',
      description: 'Chair broken',
      needed_by: 'no_rush',
    });
    await deliver(bed);
    expect((await bed.app.deps.queue.counts()).failed).toBe(1);
    bed.clock.advance(10 * MINUTE);
    await deliver(bed);
    expect(bed.fake.rejected).toHaveLength(1);
  });
});

describe('SLA alerts in the card thread', () => {
  let bed: SlackTestbed;
  beforeEach(async () => {
    bed = await startSlackTestbed();
  });
  afterEach(async () => {
    await bed.closeAll();
  });

  it('mentions the leads at 80 % of the acknowledge target and at the breach while nobody has it', async () => {
    const { ref } = await fileBySlash(bed, DANA, 'Water on the floor', {
      category: 'Plumbing',
      description: 'Water on the floor',
      needed_by: 'within_hour',
    });
    await deliver(bed);
    bed.clock.advance(12 * MINUTE);
    await deliver(bed);
    const warning = threadReplies(bed).at(-1);
    expect(warning?.params.text).toBe(
      `:warning: <@U0SAM> ${ref} has used 80 % of its acknowledge target of 15 min: due Mon 23 Nov, 09:15.`,
    );
    bed.clock.advance(3 * MINUTE);
    await deliver(bed);
    expect(threadReplies(bed).at(-1)?.params.text).toBe(
      `:rotating_light: <@U0SAM> ${ref} missed its acknowledge target of 15 min (due Mon 23 Nov, 09:15).`,
    );
    bed.clock.advance(MINUTE);
    await deliver(bed);
    expect(threadReplies(bed)).toHaveLength(2);
  });

  it('mentions the assignee for the resolve target once someone has it', async () => {
    const { ref } = await fileBySlash(bed, DANA, 'Water on the floor', {
      category: 'Plumbing',
      description: 'Water on the floor',
      needed_by: 'within_hour',
    });
    const requestId = await requestIdOf(bed, ref);
    await bed.slack.blockAction({
      user: ALEX,
      actionId: 'triage_take',
      value: requestId,
      channel: TRIAGE_CHANNEL,
    });
    await deliver(bed);
    bed.clock.advance(3 * 60 * MINUTE + 12 * MINUTE);
    await deliver(bed);
    expect(threadReplies(bed).at(-1)?.params.text).toBe(
      `:warning: <@U0ALEX> ${ref} has used 80 % of its resolve target of 4 h: due Mon 23 Nov, 13:00.`,
    );
  });
});
