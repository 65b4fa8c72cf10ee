// Scenario 3, rate limits: a day's survey DMs all due at once, half to Slack people and half to
// Teams people (a few of them owed several), against sandbox platforms that enforce the limits
// Slack and Teams document and answer 429 with Retry-After past them. Checks: every survey
// delivered once, nothing parked, and each platform's delivered rate at least 90 % of the rate
// its limits allow (the time the best-behaved client would need, over the time gapdesk took).
import { FakeBotConnector, TEAMS_LIMITS } from '../src/sandbox/fake-bot-connector.js';
import { FakeSlack, SLACK_POST_LIMITS } from '../src/sandbox/fake-slack.js';
import { openDatabase } from '../src/store/database.js';
import { startGapdesk, stopGently } from './support/gapdesk-process.js';
import { type SeededSurvey, seedDueSurveys } from './support/seed-surveys.js';
import type { ScenarioResult } from './support/table.js';
import { jobStatuses, makeTwoPlatformSandbox, waitForDrain } from './support/two-platforms.js';

export type RateLimitOptions = {
  surveys: number;
  /** People owed several surveys each, per platform (their chat's own limit applies too). */
  busyPeople: number;
  surveysEach: number;
};

const REQUIRED_SHARE = 0.9;

/** When each seeded survey reached its person (the fakes' clock), by survey id; twice counts twice. */
type Deliveries = Map<string, number[]>;

function deliveredSurveys(texts: { at: number; text: string }[]): Deliveries {
  const found: Deliveries = new Map();
  for (const { at, text } of texts) {
    for (const id of new Set(text.match(/chaos-survey-\d+/g) ?? []))
      found.set(id, [...(found.get(id) ?? []), at]);
  }
  return found;
}

/** The least time the Slack limits allow for `perChannel` posts (counts per channel) in all. */
function slackLeastMs(perChannel: number[]): number {
  const { workspace, perChannel: channel } = SLACK_POST_LIMITS;
  const total = perChannel.reduce((sum, n) => sum + n, 0);
  const busiest = Math.max(0, ...perChannel);
  return Math.max(
    (Math.max(0, total - workspace.burst) / workspace.perSecond) * 1000,
    (Math.max(0, busiest - channel.burst) / channel.perSecond) * 1000,
  );
}

/** The least time Teams' windows allow for `perChat` messages (counts per conversation). */
function teamsLeastMs(perChat: number[]): number {
  const windowsLeast = (limits: typeof TEAMS_LIMITS.perTenant, n: number) =>
    Math.max(0, ...limits.map(({ max, windowMs }) => (Math.ceil(n / max) - 1) * windowMs));
  const total = perChat.reduce((sum, n) => sum + n, 0);
  return Math.max(
    windowsLeast(TEAMS_LIMITS.perTenant, total),
    ...perChat.map((n) => windowsLeast(TEAMS_LIMITS.perConversation, n)),
  );
}

async function sentSurveys(databaseUrl: string): Promise<number> {
  const database = await openDatabase(databaseUrl);
  try {
    const rows = await database.db.selectFrom('surveys').select('id').where('status', '=', 'sent').execute();
    return rows.length;
  } finally {
    await database.close();
  }
}

export async function rateLimits(options: RateLimitOptions): Promise<ScenarioResult> {
  const slack = await FakeSlack.start();
  const connector = await FakeBotConnector.start();
  const sandbox = makeTwoPlatformSandbox(slack, connector);
  const notes: string[] = [];
  const note = (text: string) => {
    if (notes.length < 12) notes.push(text);
  };
  const owed = Array.from({ length: options.surveys }, (_, i) => {
    const platform = i % 2 === 0 ? ('slack' as const) : ('teams' as const);
    const n = Math.floor(i / 2);
    const busy = n < options.busyPeople * options.surveysEach;
    const person = busy ? `busy${n % options.busyPeople}` : `p${n}`;
    return { platform, userId: platform === 'slack' ? `U0${person.toUpperCase()}` : `aad-${person}` };
  });
  const seeded: SeededSurvey[] = await seedDueSurveys(sandbox, owed, connector.url);
  slack.limitRates();
  connector.limitRates();
  const server = await startGapdesk(sandbox);
  try {
    const started = Date.now();
    const jobs = await waitForDrain(sandbox.databaseUrl, 30 * 60_000);
    notes.push(`drained in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const slackPosts = slack.callsTo('chat.postMessage');
    const onSlack = deliveredSurveys(slackPosts.map((c) => ({ at: c.at, text: JSON.stringify(c.params) })));
    const onTeams = deliveredSurveys(
      connector
        .delivered()
        .filter((c) => c.kind === 'send')
        .map((c) => ({ at: c.at, text: JSON.stringify(c.body) })),
    );
    let lost = 0;
    let duplicated = 0;
    let wrong = 0;
    for (const survey of seeded) {
      const times = (survey.platform === 'slack' ? onSlack : onTeams).get(survey.surveyId) ?? [];
      if (times.length === 0) {
        lost += 1;
        note(`${survey.ref}: the survey never reached ${survey.userId} on ${survey.platform}`);
      }
      if (times.length > 1) {
        duplicated += times.length - 1;
        note(`${survey.ref}: the survey reached ${survey.userId} ${times.length} times`);
      }
    }
    const sent = await sentSurveys(sandbox.databaseUrl);
    if (sent !== seeded.length) {
      wrong += 1;
      note(`${sent} of ${seeded.length} surveys recorded as sent`);
    }

    for (const platform of ['slack', 'teams'] as const) {
      const ours = seeded.filter((s) => s.platform === platform);
      const times = ours.flatMap((s) => (platform === 'slack' ? onSlack : onTeams).get(s.surveyId) ?? []);
      if (times.length < 2) continue;
      const tookMs = Math.max(...times) - Math.min(...times);
      const counts = new Map<string, number>();
      for (const s of ours) counts.set(s.userId, (counts.get(s.userId) ?? 0) + 1);
      const perPerson = [...counts.values()];
      const leastMs = platform === 'slack' ? slackLeastMs(perPerson) : teamsLeastMs(perPerson);
      const share = tookMs > 0 ? Math.min(1, leastMs / tookMs) : 1;
      const limits =
        platform === 'slack'
          ? `${SLACK_POST_LIMITS.workspace.perSecond}/s workspace-wide after a burst of ${SLACK_POST_LIMITS.workspace.burst}, 1/s per channel`
          : `${TEAMS_LIMITS.perTenant[0]?.max}/s per tenant, 7/s and 8/2 s per chat`;
      notes.push(
        `${platform}: ${times.length} surveys in ${(tookMs / 1000).toFixed(1)} s (${((times.length / tookMs) * 1000).toFixed(1)}/s); the limits (${limits}) allow them in ${(leastMs / 1000).toFixed(1)} s at best: delivered at ${(share * 100).toFixed(1)} % of the allowed rate`,
      );
      if (share < REQUIRED_SHARE) {
        wrong += 1;
        note(`${platform}: delivered rate under ${REQUIRED_SHARE * 100} % of the allowed rate`);
      }
    }
    const throttled = slack.rejected.length + connector.calls.filter((c) => c.status === 429).length;
    const final = await jobStatuses(sandbox.databaseUrl);
    if ((jobs.owed ?? 0) > 0) {
      wrong += 1;
      note(`queue not drained: ${JSON.stringify(jobs)}`);
    }
    if ((final.failed ?? 0) > 0) {
      wrong += 1;
      note(`${final.failed} jobs parked`);
    }
    notes.push(
      `429s: Slack ${slack.rejected.length}, Teams ${throttled - slack.rejected.length}; jobs ${JSON.stringify(final)}`,
    );
    return {
      scenario: 'rate limits (Slack + Teams)',
      sent: seeded.length,
      acknowledged: seeded.length,
      faults: throttled,
      lost,
      duplicated,
      wrong,
      notes,
    };
  } finally {
    await stopGently(server);
    await slack.close();
    await connector.close();
    sandbox.remove();
  }
}
