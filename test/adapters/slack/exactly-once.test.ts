import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DELIVERY_EVENT } from '../../../adapters/slack/deliveries.js';
import type { SlackCall } from '../../../src/sandbox/fake-slack.js';
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

const READS = ['conversations.open', 'conversations.history', 'conversations.replies'];
const FILING = { category: 'HVAC', description: 'Too hot in room 4', needed_by: 'today' };

// Slack posts the message, and its answer never arrives: what a process killed between Slack's
// answer and recording it leaves behind. The job fails and runs again.
describe('a retried delivery whose first post reached Slack', () => {
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
  const recorded = async (purpose: string) =>
    bed.app.database.db
      .selectFrom('messageRefs')
      .select(['channel', 'messageId'])
      .where('purpose', '=', purpose)
      .execute();
  /** The job's next attempt, after its backoff (at most a second after the first). */
  const retry = async () => {
    await deliver(bed);
    bed.clock.advance(2_000);
    await deliver(bed);
  };
  const tsOf = (call: SlackCall | undefined) => String(call?.response.ts);

  it('posts nothing again to the requester: it finds its DM by the metadata and records that ts', async () => {
    bed.fake.fail('chat.postMessage', { answer: 'lost' }, { match: (p) => p.channel === DANA });
    await fileBySlash(bed, DANA, 'Too hot', FILING);
    await retry();
    expect(dmsTo(bed, DANA)).toHaveLength(1);
    const history = bed.fake.callsTo('conversations.history');
    expect(history.map((c) => [c.params.channel, c.params.include_all_metadata])).toEqual([
      ['D0DANA', 'true'],
    ]);
    expect(await recorded('requester_dm')).toEqual([
      { channel: 'D0DANA', messageId: tsOf(dmsTo(bed, DANA)[0]) },
    ]);
  });

  it('posts no second triage card: it finds the card in the channel, records it and updates it in place', async () => {
    bed.fake.fail('chat.postMessage', { answer: 'lost' }, { match: (p) => p.channel === TRIAGE_CHANNEL });
    await fileBySlash(bed, DANA, 'Too hot', FILING);
    await retry();
    expect(cardPosts()).toHaveLength(1);
    const ts = tsOf(cardPosts()[0]);
    expect(await recorded('triage_card')).toEqual([{ channel: TRIAGE_CHANNEL, messageId: ts }]);
    expect(bed.fake.callsTo('chat.update').map((c) => c.params.ts)).toEqual([ts]);
  });

  it("posts no second line in the card's thread: it finds its reply there", async () => {
    const { ref } = await fileBySlash(bed, DANA, 'Too hot', FILING);
    await deliver(bed);
    const cardTs = tsOf(cardPosts()[0]);
    bed.fake.fail('chat.postMessage', { answer: 'lost' }, { match: (p) => p.thread_ts === cardTs });
    await bed.slack.blockAction({
      user: ALEX,
      actionId: 'triage_take',
      value: await requestIdOf(bed, ref),
      channel: TRIAGE_CHANNEL,
      messageTs: cardTs,
    });
    await retry();
    expect(threadReplies(bed).map((c) => c.params.text)).toEqual([`u0alex took *${ref}*.`]);
    expect(bed.fake.callsTo('conversations.replies').map((c) => c.params.ts)).toEqual([cardTs]);
    expect(await recorded('thread_note')).toEqual([
      { channel: TRIAGE_CHANNEL, messageId: tsOf(threadReplies(bed)[0]) },
    ]);
  });

  it('posts again, as before, where Slack refuses the read for a scope the app was not granted', async () => {
    bed.fake.fail('chat.postMessage', { answer: 'lost' }, { match: (p) => p.channel === DANA });
    bed.fake.fail('conversations.open', { error: 'missing_scope' });
    await fileBySlash(bed, DANA, 'Too hot', FILING);
    await retry();
    expect(dmsTo(bed, DANA)).toHaveLength(2);
    expect(await recorded('requester_dm')).toEqual([
      { channel: 'D0DANA', messageId: tsOf(dmsTo(bed, DANA)[1]) },
    ]);
  });
});

describe('a first delivery', () => {
  let bed: SlackTestbed;
  beforeEach(async () => {
    bed = await startSlackTestbed();
  });
  afterEach(async () => {
    await bed.closeAll();
  });

  it('reads no history and names itself in every post', async () => {
    const { ref } = await fileBySlash(bed, DANA, 'Too hot', FILING);
    await deliver(bed);
    await bed.slack.blockAction({
      user: ALEX,
      actionId: 'triage_take',
      value: await requestIdOf(bed, ref),
      channel: TRIAGE_CHANNEL,
    });
    await deliver(bed);
    const posts = bed.fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(4); // card, DM "filed", thread line, DM "taken"
    expect(bed.fake.calls.filter((c) => READS.includes(c.method))).toEqual([]);
    const keys = posts.map((c) => {
      const metadata = c.params.metadata as { event_type: string; event_payload: { key: string } };
      expect(metadata.event_type).toBe(DELIVERY_EVENT);
      return metadata.event_payload.key;
    });
    expect(new Set(keys).size).toBe(4);
  });
});
