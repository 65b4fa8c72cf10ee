import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMIT } from '../../../../adapters/slack/blocks/limits.js';
import { digestBlocks } from '../../../../adapters/slack/digest/digest-blocks.js';
import { digestSchema } from '../../../../src/domain/digest/digest-schema.js';
import { seedDigestWeek } from '../../../services/digest/digest-seed.js';
import { type SlackTestbed, startSlackTestbed } from '../slack-harness.js';

const FIXTURE = new URL(
  '../../../services/digest/__snapshots__/facilities-2026-W47.json.snap',
  import.meta.url,
);
const digest = digestSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));

describe('the digest as a Slack message', () => {
  it('keeps a readable snapshot of the fixed week', async () => {
    await expect(JSON.stringify(digestBlocks(digest), null, 2)).toMatchFileSnapshot(
      '__snapshots__/digest-blocks.json.snap',
    );
  });

  it('stays within Block Kit limits and escapes requester comments', () => {
    const { text, blocks } = digestBlocks(digest);
    expect(blocks.length).toBeLessThanOrEqual(LIMIT.messageBlocks);
    expect(text.length).toBeLessThanOrEqual(LIMIT.messageText);
    for (const block of blocks) {
      if (block.type === 'section') expect(block.text?.text.length).toBeLessThanOrEqual(LIMIT.sectionText);
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(LIMIT.headerText);
      if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(10);
    }
    const all = JSON.stringify(blocks);
    expect(all).not.toContain('<!channel>');
    expect(all).toContain('Slow reply &lt;!channel&gt; *again*');
  });

  it('never shows a number for a dimension with too few answers', () => {
    const all = JSON.stringify(digestBlocks(digest).blocks);
    expect(all).toContain('*Assurance*: _too few answers_ (2)');
  });
});

describe('posting the weekly digest to Slack', () => {
  let bed: SlackTestbed;
  beforeAll(async () => {
    bed = await startSlackTestbed();
    await seedDigestWeek(bed.app.database.db);
  });
  afterAll(async () => {
    await bed.closeAll();
  });

  it('posts the message and uploads the chart with files.uploadV2, once', async () => {
    bed.clock.set('2026-11-23T09:00:00Z');
    await bed.app.digestScheduler.enqueueDue();
    await bed.app.worker.drain();
    const posts = bed.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C0LEADERS');
    expect(posts).toHaveLength(1);
    expect(String(posts[0]?.params.text)).toContain('Facilities: weekly gap digest, 2026-W47');
    const [getUrl] = bed.fake.callsTo('files.getUploadURLExternal');
    const [complete] = bed.fake.callsTo('files.completeUploadExternal');
    expect(getUrl?.params.filename).toBe('gap-digest-facilities-2026-W47.png');
    expect(complete?.params.channel_id).toBe('C0LEADERS');
    const fileId = String(getUrl?.response.file_id);
    const uploaded = bed.fake.uploads.get(fileId) ?? Buffer.alloc(0);
    const start = uploaded.indexOf(Buffer.from('89504e470d0a1a0a', 'hex'));
    expect(start).toBeGreaterThanOrEqual(0);
    expect(uploaded.readUInt32BE(start + 16)).toBe(1440);
    expect(uploaded.indexOf(Buffer.from('IEND'))).toBeGreaterThan(start);

    await bed.app.digestScheduler.enqueueDue();
    await bed.app.worker.drain();
    expect(bed.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C0LEADERS')).toHaveLength(
      1,
    );
    expect(bed.fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
  });

  it('retries a rate-limited upload without posting the message again', async () => {
    bed.clock.set('2026-11-30T09:00:00Z');
    bed.fake.fail('files.getUploadURLExternal', { status: 429, retryAfter: 1 });
    await bed.app.digestScheduler.enqueueDue();
    await bed.app.worker.drain();
    bed.clock.advance(5_000);
    await bed.app.worker.drain();
    const w48 = bed.fake
      .callsTo('chat.postMessage')
      .filter((c) => String(c.params.text).includes('2026-W48'));
    expect(w48).toHaveLength(1);
    expect(bed.fake.callsTo('files.completeUploadExternal')).toHaveLength(2);
  });

  it('finds its message by its metadata when the answer to the post was lost, and posts it once', async () => {
    bed.clock.set('2026-12-07T09:00:00Z');
    bed.fake.fail('chat.postMessage', { answer: 'lost' }, { match: (p) => p.channel === 'C0LEADERS' });
    await bed.app.digestScheduler.enqueueDue();
    await bed.app.worker.drain();
    bed.clock.advance(5_000);
    await bed.app.worker.drain();
    const w49 = bed.fake
      .callsTo('chat.postMessage')
      .filter((c) => String(c.params.text).includes('2026-W49'));
    expect(w49).toHaveLength(1);
    // The retry reads the channel's history for the message, then for the chart (not yet uploaded).
    expect(bed.fake.callsTo('conversations.history').map((c) => c.params.channel)).toEqual([
      'C0LEADERS',
      'C0LEADERS',
    ]);
    expect(bed.fake.callsTo('files.completeUploadExternal')).toHaveLength(3);
  });

  it('finds its chart by its file name when the answer to the upload was lost, and uploads it once', async () => {
    bed.clock.set('2026-12-14T09:00:00Z');
    bed.fake.fail('files.completeUploadExternal', { answer: 'lost' });
    await bed.app.digestScheduler.enqueueDue();
    await bed.app.worker.drain();
    bed.clock.advance(5_000);
    await bed.app.worker.drain();
    const w50 = bed.fake
      .callsTo('files.getUploadURLExternal')
      .filter((c) => c.params.filename === 'gap-digest-facilities-2026-W50.png');
    expect(w50).toHaveLength(1);
    expect(bed.fake.callsTo('files.completeUploadExternal')).toHaveLength(4);
    // The message was recorded on the first attempt; the retry looked for the chart, found it, and stopped.
    expect(bed.fake.callsTo('conversations.history').map((c) => c.params.channel)).toEqual([
      'C0LEADERS',
      'C0LEADERS',
      'C0LEADERS',
    ]);
    await bed.app.worker.drain();
    expect(bed.fake.callsTo('files.getUploadURLExternal')).toHaveLength(w50.length + 3);
  });
});
