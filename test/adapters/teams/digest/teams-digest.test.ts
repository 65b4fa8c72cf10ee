import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestCard } from '../../../../adapters/teams/digest/digest-card.js';
import { digestSchema } from '../../../../src/domain/digest/digest-schema.js';
import { FakeBotConnector } from '../../../../src/sandbox/fake-bot-connector.js';
import { botAddedToTeam, users } from '../../../../src/sandbox/teams-activities.js';
import { seedDigestWeek } from '../../../services/digest/digest-seed.js';
import { startTestApp, type TestApp } from '../../../support/app-harness.js';
import { cardOf, cardTextOf } from '../teams-harness.js';

const FIXTURE = new URL(
  '../../../services/digest/__snapshots__/facilities-2026-W47.json.snap',
  import.meta.url,
);
const digest = digestSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));
const CHART = {
  url: 'https://gapdesk.example.com/digest/chart/facilities/2026-W47/0123.png',
  altText: 'chart',
};
const LEADERS = '19:leaders@thread.tacv2';

// Microsoft's own Adaptive Cards library (CommonJS build) is the judge of what a valid card is.
const AdaptiveCards = createRequire(import.meta.url)(
  'adaptivecards/dist/adaptivecards.js',
) as typeof import('adaptivecards');

function problems(json: object): string[] {
  const card = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  card.parse(json, context);
  const parseEvents = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  return [...parseEvents, ...card.validateProperties().validationEvents.map((event) => event.message)];
}

describe('the digest as a Teams Adaptive Card', () => {
  it('keeps a readable snapshot of the fixed week', async () => {
    await expect(JSON.stringify(digestCard(digest, CHART), null, 2)).toMatchFileSnapshot(
      '__snapshots__/digest-card.json.snap',
    );
  });

  it('is valid for the adaptivecards library and well under Teams’ 28 KB message limit', () => {
    const card = digestCard(digest, CHART);
    expect(problems(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(20_000);
  });

  it('escapes requester comments and never shows a number for too few answers', () => {
    const text = cardTextOf(digestCard(digest, null));
    expect(text).toContain('“Slow reply <!channel> *again*”');
    expect(JSON.stringify(digestCard(digest, null))).toContain(
      JSON.stringify('“Slow reply \\<\\!channel\\> \\*again\\*”'),
    );
    expect(text).toContain('too few answers (2)');
    expect(text).toContain('set GAPDESK_PUBLIC_URL');
  });
});

describe('posting the weekly digest to Teams', () => {
  let connector: FakeBotConnector;
  let test: TestApp;
  beforeAll(async () => {
    connector = await FakeBotConnector.start();
    test = await startTestApp({ msteams: { auth: 'off' }, publicUrl: 'https://gapdesk.example.com' });
    await seedDigestWeek(test.app.database.db);
    await fetch(`${test.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(botAddedToTeam(connector.url, users.sam)),
    });
  });
  afterAll(async () => {
    await test.close();
    await connector.close();
  });

  it('starts a thread in the leaders channel with the card and its chart, once', async () => {
    test.clock.set('2026-11-23T09:00:00Z');
    await test.app.digestScheduler.enqueueDue();
    await test.app.worker.drain();
    const posts = connector
      .delivered()
      .filter((call) => call.kind === 'createConversation' && JSON.stringify(call.body).includes(LEADERS));
    expect(posts).toHaveLength(1);
    const card = cardOf(posts[0]);
    expect(cardTextOf(card)).toContain('Facilities: weekly gap digest, 2026-W47');
    const image = (card.body ?? []).find((el) => (el as { type: string }).type === 'Image') as {
      url: string;
    };
    expect(image.url).toMatch(
      /^https:\/\/gapdesk\.example\.com\/digest\/chart\/facilities\/2026-W47\/[0-9a-f]{32}\.png$/,
    );

    const served = await fetch(`${test.baseUrl}${new URL(image.url).pathname}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await served.arrayBuffer());
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const guessed = await fetch(`${test.baseUrl}/digest/chart/facilities/2026-W47/${'0'.repeat(32)}.png`);
    expect(guessed.status).toBe(404);

    await test.app.digestScheduler.enqueueDue();
    await test.app.worker.drain();
    expect(
      connector
        .delivered()
        .filter((call) => call.kind === 'createConversation' && JSON.stringify(call.body).includes(LEADERS)),
    ).toHaveLength(1);
  });
});
