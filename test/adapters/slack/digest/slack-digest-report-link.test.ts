import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackCall } from '../../../../src/sandbox/fake-slack.js';
import { buttonsIn } from '../../../../src/sandbox/slack-person.js';
import { verifyReportToken } from '../../../../src/services/report/report-link.js';
import { seedDigestWeek } from '../../../services/digest/digest-seed.js';
import { handled, SAM, type SlackTestbed, startSlackTestbed } from '../slack-harness.js';

const SECRET = 'report-secret-for-the-slack-tests-0123456789';
const PUBLIC_URL = 'https://gapdesk.example.com';
const DAY = 86_400_000;

/** The digest message in the leaders' channel and its "Open the report" button, if any. */
function digestPost(bed: SlackTestbed, week: string): SlackCall {
  const post = bed.fake
    .callsTo('chat.postMessage')
    .find((call) => call.params.channel === 'C0LEADERS' && String(call.params.text).includes(week));
  if (!post) throw new Error(`no digest posted for ${week}`);
  return post;
}
const reportButton = (post: SlackCall) =>
  buttonsIn(post.params.blocks).find((b) => b.text?.text === 'Open the report');

describe('the Slack digest with GAPDESK_PUBLIC_URL and GAPDESK_REPORT_SECRET set', () => {
  let bed: SlackTestbed;
  beforeAll(async () => {
    bed = await startSlackTestbed({ publicUrl: PUBLIC_URL, reportSecret: SECRET, reportLinkDays: 7 });
    await seedDigestWeek(bed.app.database.db);
    bed.clock.set('2026-11-23T09:00:00Z');
    await bed.app.digestScheduler.enqueueDue();
    await bed.app.worker.drain();
  });
  afterAll(async () => {
    await bed.closeAll();
  });

  it('carries an "Open the report" button whose link opens this team’s report for the configured days', () => {
    const button = reportButton(digestPost(bed, '2026-W47')) as { url?: string } | undefined;
    expect(button?.url).toMatch(/^https:\/\/gapdesk\.example\.com\/report\/facilities\?key=[\w-]+\.[\w-]+$/);
    const key = new URL(button?.url ?? '').searchParams.get('key') ?? '';
    const postedAt = bed.clock.now();
    expect(verifyReportToken(SECRET, key, postedAt)).toEqual({
      ok: true,
      grant: { teamId: 'facilities', expiresAt: new Date(postedAt.getTime() + 7 * DAY) },
    });
    expect(verifyReportToken(SECRET, key, new Date(postedAt.getTime() + 7 * DAY)).ok).toBe(false);
    expect(verifyReportToken('another-secret-of-at-least-32-characters', key, postedAt).ok).toBe(false);
  });

  it('acknowledges the click Slack reports for the link button, at once', async () => {
    const post = digestPost(bed, '2026-W47');
    const button = reportButton(post);
    const started = Date.now();
    const answer = await bed.slack.blockAction({
      user: SAM,
      actionId: button?.action_id ?? '',
      channel: 'C0LEADERS',
      messageTs: String(post.response.ts),
    });
    await handled(bed);
    // Unacknowledged, Bolt answers 404 after 3 s and Slack puts a warning on the button.
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('the Slack digest without the report settings', () => {
  it('has no report button with only GAPDESK_PUBLIC_URL, nor with only GAPDESK_REPORT_SECRET', async () => {
    for (const settings of [{ publicUrl: PUBLIC_URL }, { reportSecret: SECRET }]) {
      const bed = await startSlackTestbed(settings);
      try {
        await seedDigestWeek(bed.app.database.db);
        bed.clock.set('2026-11-23T09:00:00Z');
        await bed.app.digestScheduler.enqueueDue();
        await bed.app.worker.drain();
        const post = digestPost(bed, '2026-W47');
        expect(reportButton(post), JSON.stringify(settings)).toBeUndefined();
        expect(JSON.stringify(post.params.blocks)).not.toContain('/report/');
      } finally {
        await bed.closeAll();
      }
    }
  });
});
