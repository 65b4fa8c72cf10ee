import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { digestCard } from '../../../../adapters/teams/digest/digest-card.js';
import { digestSchema } from '../../../../src/domain/digest/digest-schema.js';
import { cardOf } from '../../../../src/sandbox/adaptive-cards.js';
import { FakeBotConnector } from '../../../../src/sandbox/fake-bot-connector.js';
import { botAddedToTeam, users } from '../../../../src/sandbox/teams-activities.js';
import { verifyReportToken } from '../../../../src/services/report/report-link.js';
import { seedDigestWeek } from '../../../services/digest/digest-seed.js';
import { startTestApp, type TestApp } from '../../../support/app-harness.js';

const SECRET = 'report-secret-for-the-teams-tests-0123456789';
const PUBLIC_URL = 'https://gapdesk.example.com';
const LEADERS = '19:leaders@thread.tacv2';
const DAY = 86_400_000;
const FIXTURE = new URL(
  '../../../services/digest/__snapshots__/facilities-2026-W47.json.snap',
  import.meta.url,
);

type Action = { type: string; title?: string; url?: string };
const openReport = (card: { actions?: unknown }) =>
  ((card.actions ?? []) as Action[]).find(
    (a) => a.type === 'Action.OpenUrl' && a.title === 'Open the report',
  );

const AdaptiveCards = createRequire(import.meta.url)(
  'adaptivecards/dist/adaptivecards.js',
) as typeof import('adaptivecards');

/** The real app on Teams (auth off), the week seeded, the digest of 2026-W47 posted to the leaders. */
async function postedDigest(settings: { publicUrl?: string; reportSecret?: string }) {
  const connector = await FakeBotConnector.start();
  const test: TestApp = await startTestApp({ msteams: { auth: 'off' }, ...settings });
  cleanups.push(async () => {
    await test.close();
    await connector.close();
  });
  await seedDigestWeek(test.app.database.db);
  await fetch(`${test.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(botAddedToTeam(connector.url, users.sam)),
  });
  test.clock.set('2026-11-23T09:00:00Z');
  await test.app.digestScheduler.enqueueDue();
  await test.app.worker.drain();
  const posts = connector
    .delivered()
    .filter((call) => call.kind === 'createConversation' && JSON.stringify(call.body).includes(LEADERS));
  expect(posts).toHaveLength(1);
  return { card: cardOf(posts[0]), postedAt: test.clock.now() };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('the Teams digest card’s "Open the report" button', () => {
  it('opens a signed link to this team’s report, valid for 30 days by default', async () => {
    const { card, postedAt } = await postedDigest({ publicUrl: PUBLIC_URL, reportSecret: SECRET });
    const action = openReport(card);
    expect(action?.url).toMatch(/^https:\/\/gapdesk\.example\.com\/report\/facilities\?key=[\w-]+\.[\w-]+$/);
    const key = new URL(action?.url ?? '').searchParams.get('key') ?? '';
    expect(verifyReportToken(SECRET, key, postedAt)).toEqual({
      ok: true,
      grant: { teamId: 'facilities', expiresAt: new Date(postedAt.getTime() + 30 * DAY) },
    });
    expect(verifyReportToken('another-secret-of-at-least-32-characters', key, postedAt).ok).toBe(false);
  });

  it('is absent with only GAPDESK_PUBLIC_URL, and with only GAPDESK_REPORT_SECRET', async () => {
    for (const settings of [{ publicUrl: PUBLIC_URL }, { reportSecret: SECRET }]) {
      const { card } = await postedDigest(settings);
      expect(openReport(card), JSON.stringify(settings)).toBeUndefined();
      expect(JSON.stringify(card)).not.toContain('/report/');
    }
  });

  it('keeps the card valid for the adaptivecards library', () => {
    const digest = digestSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));
    const json = digestCard(digest, null, { reportUrl: `${PUBLIC_URL}/report/facilities?key=a.b` });
    const card = new AdaptiveCards.AdaptiveCard();
    const context = new AdaptiveCards.SerializationContext();
    card.parse(json, context);
    expect(context.eventCount).toBe(0);
    expect(card.validateProperties().validationEvents.map((event) => event.message)).toEqual([]);
    expect(card.getActionCount()).toBe(1);
  });
});
