// Scenario 4, replicas: three gapdesk processes on one PostgreSQL database (a scratch database on
// the shared server) behind a round-robin HTTP forwarder, each with its job worker and digest
// scheduler. Requesters file, the team takes and resolves (each resolution plans a survey, sent at
// once), half of them on Slack and half on Teams (the team is on both), and the leaders' weekly
// digest (two Slack and two Teams channels) is due at start, so all three replicas queue it
// together. One replica is killed with SIGKILL mid-run while Slack is slow to answer posts (so it
// dies holding leased jobs whose posts Slack accepts after), and the forwarder takes it out of
// rotation. At the end, once the queue is drained: every acknowledged step is in the database,
// every job ran, and the sandbox Slack and Bot Connector got each triage card, requester
// message, survey and digest exactly once.
import { sql } from 'kysely';
import { seededRandom } from '../src/cli/demo/random.js';
import { type ConnectorCall, FakeBotConnector } from '../src/sandbox/fake-bot-connector.js';
import { FakeSlack, type SlackCall } from '../src/sandbox/fake-slack.js';
import { buttonsIn } from '../src/sandbox/slack-person.js';
import { fillView, SlackRequests, type SlackResponse } from '../src/sandbox/slack-requests.js';
import { openDatabase } from '../src/store/database.js';
import { Forwarder } from './support/forwarder.js';
import {
  AGENT,
  type GapdeskProcess,
  isAlive,
  killHard,
  SIGNING_SECRET,
  startGapdesk,
  stopGently,
  TRIAGE_CHANNEL,
} from './support/gapdesk-process.js';
import { jobStatuses } from './support/job-statuses.js';
import { createScratchDatabase } from './support/postgres.js';
import {
  duplicatePosts,
  names,
  postsToChannel,
  surveyPostsById,
  triageCardOf,
} from './support/slack-records.js';
import type { ScenarioResult } from './support/table.js';
import {
  makeTwoPlatformSandbox,
  personalChatOf,
  splitAtKills,
  TeamsDriver,
  teamsMessagesNaming,
  teamsRepeats,
  teamsRequester,
  teamsTriageCard,
} from './support/two-platforms.js';

export type ReplicasOptions = { requests: number; ratePerSecond: number; seed: number };

const LEADERS = ['C0LEADERS', 'C0DIRECTORS'];
const TEAMS_LEADERS = ['19:leaders@thread.tacv2', '19:directors@thread.tacv2'];

const REPLICAS = 3;
const REQUESTERS = Array.from({ length: 12 }, (_, i) => `U0REQ${i}`);
const TEAMS_REQUESTERS = Array.from({ length: 12 }, (_, i) => teamsRequester(i));
/** A person presses again when Slack shows an error; this many tries per step. */
const TRIES = 3;
const LEASE_SECONDS = 5;
const KILL_AMID_POSTS_MS = 500;

// Surveys go out as soon as a request is resolved, any day and hour, to anyone, so the run sees
// them; the digest is due at start (its latest fire is always in the past).
const SURVEYS_AND_DIGEST = `    survey:
      delay: 0m
      maxPerPersonPerWeek: 100
      sendWindow: { days: [mon, tue, wed, thu, fri, sat, sun], start: "00:00", end: "23:59" }
    digest:
      schedule: "mon 09:00"
      slackChannels: [${LEADERS.join(', ')}]
      teamsChannels: [${TEAMS_LEADERS.map((channel) => `"${channel}"`).join(', ')}]
`;

type ModalView = { callback_id?: string; private_metadata?: string; blocks?: unknown[] };
type Outcome = { ref?: string; filed: boolean; taken: boolean; resolved: boolean };

const tokenOf = (replica: number) => `xoxb-chaos-replica-${replica}`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function replicas(options: ReplicasOptions): Promise<ScenarioResult> {
  const random = seededRandom(options.seed).next;
  const fake = await FakeSlack.start();
  for (const id of [...REQUESTERS, AGENT]) fake.addUser({ id, name: id.toLowerCase(), tz: 'Europe/London' });
  const connector = await FakeBotConnector.start();
  const database = await createScratchDatabase();
  const sandbox = makeTwoPlatformSandbox(
    fake,
    connector,
    { DATABASE_URL: database.url, GAPDESK_JOB_LEASE_SECONDS: String(LEASE_SECONDS) },
    SURVEYS_AND_DIGEST,
  );
  const notes: string[] = [];
  const note = (text: string) => {
    if (notes.length < 12) notes.push(text);
  };
  const servers: GapdeskProcess[] = [];
  let forwarder: Forwarder | undefined;
  const booting = Date.now();
  try {
    servers.push(
      ...(await Promise.all(
        Array.from({ length: REPLICAS }, (_, i) =>
          startGapdesk(sandbox, undefined, { SLACK_BOT_TOKEN: tokenOf(i) }),
        ),
      )),
    );
    forwarder = await Forwarder.start(servers.map((s) => s.port));
    const slack = new SlackRequests(forwarder.url, SIGNING_SECRET);
    let sent = 0;
    let acknowledged = 0;
    /** One press or submit as Slack sends it; 2xx without field errors is an acknowledgement. */
    const send = async (request: () => Promise<SlackResponse>): Promise<SlackResponse | undefined> => {
      sent += 1;
      const answer = await request().catch(() => undefined);
      const ok = answer?.status === 200 && !answer.text.includes('"errors"');
      if (ok) acknowledged += 1;
      return ok ? answer : undefined;
    };

    const since = fake.mark();
    await send(() => slack.command({ user: REQUESTERS[0] ?? '', text: 'warm-up' }));
    const opened = await fake.waitFor((c) => c.method === 'views.open', { since, timeoutMs: 15_000 });
    const filingModal = opened.params.view as ModalView;
    // Teams: the forms gapdesk answers a chat message with, opened before the load (one per filing).
    const teams = new TeamsDriver(() => forwarder?.url ?? '', connector);
    const teamsLives = Math.ceil(options.requests / 2);
    await Promise.all(
      TEAMS_REQUESTERS.map(async (user, n) => {
        for (let i = n; i < teamsLives; i += TEAMS_REQUESTERS.length) await teams.openForm(user);
      }),
    );
    /** One Teams invoke; a 200 is an acknowledgement (counted as Slack's are). */
    const sendTeams = async (request: () => Promise<boolean>): Promise<boolean> => {
      sent += 1;
      const ok = await request().catch(() => false);
      if (ok) acknowledged += 1;
      return ok;
    };
    /** The same life on Teams: the chat's form filed, Take and Resolve on the channel's card. */
    const teamsLife = async (i: number): Promise<Outcome> => {
      const outcome: Outcome = { filed: false, taken: false, resolved: false };
      const user = TEAMS_REQUESTERS[Math.floor(i / 2) % TEAMS_REQUESTERS.length] ?? teamsRequester(0);
      // Each submit of the one form counts as sent (the same form files once).
      outcome.ref = await teams
        .file(user, `replica filing ${i}`, TRIES, () => {
          sent += 1;
        })
        .catch(() => undefined);
      outcome.filed = outcome.ref !== undefined;
      if (outcome.filed) acknowledged += 1;
      const ref = outcome.ref;
      const card = ref
        ? await poll(() => teamsTriageCard(connector, ref), 30_000).catch(() => undefined)
        : undefined;
      if (!card) return outcome;
      await pause(random() * 500);
      for (let attempt = 0; attempt < TRIES && !outcome.taken; attempt++)
        outcome.taken = await sendTeams(() => teams.take(card));
      await pause(random() * 500);
      for (let attempt = 0; attempt < TRIES && !outcome.resolved; attempt++)
        outcome.resolved = await sendTeams(() => teams.act(card, 'resolve', { resolution: `fixed ${ref}` }));
      return outcome;
    };

    const waitForCard = (ref: string) =>
      poll(() => triageCardOf(fake, TRIAGE_CHANNEL, ref), 30_000).catch(() => undefined);
    const press = (card: SlackCall, label: string) => {
      const button = buttonsIn(card.params.blocks).find((b) => b.text?.text === label);
      return send(() =>
        slack.blockAction({
          user: AGENT,
          actionId: button?.action_id ?? '',
          value: button?.value ?? '',
          channel: TRIAGE_CHANNEL,
          messageTs: String(card.response.ts ?? ''),
        }),
      );
    };

    /** One request's life: filed, taken, resolved, each step tried again when Slack shows an error. */
    const life = async (i: number): Promise<Outcome> => {
      const outcome: Outcome = { filed: false, taken: false, resolved: false };
      for (let attempt = 0; attempt < TRIES && !outcome.filed; attempt++) {
        const answer = await send(() =>
          slack.viewSubmission({
            user: REQUESTERS[i % REQUESTERS.length] ?? '',
            view: {
              id: `VREPLICA${i}`,
              callback_id: filingModal.callback_id ?? '',
              private_metadata: filingModal.private_metadata ?? '',
              values: fillView(filingModal, {
                category: 'HVAC',
                description: `replica filing ${i}`,
                needed_by: 'today',
              }),
            },
          }),
        );
        outcome.ref = answer ? /Filed as \*([A-Z]+-\d+)\*/.exec(answer.text)?.[1] : undefined;
        outcome.filed = outcome.ref !== undefined;
      }
      const card = outcome.ref ? await waitForCard(outcome.ref) : undefined;
      if (!card) return outcome;
      await pause(random() * 500);
      for (let attempt = 0; attempt < TRIES && !outcome.taken; attempt++)
        outcome.taken = (await press(card, 'Take')) !== undefined;
      await pause(random() * 500);
      const requestId = buttonsIn(card.params.blocks).find((b) => b.text?.text === 'Resolve…')?.value ?? '';
      for (let attempt = 0; attempt < TRIES && !outcome.resolved; attempt++) {
        const mark = fake.mark();
        if (!(await press(card, 'Resolve…'))) continue;
        const modal = await fake
          .waitFor(
            (c) =>
              c.method === 'views.open' &&
              String((c.params.view as ModalView | undefined)?.private_metadata ?? '').includes(requestId),
            { since: mark, timeoutMs: 5_000 },
          )
          .catch(() => undefined);
        if (!modal) continue;
        const view = modal.params.view as ModalView;
        const answer = await send(() =>
          slack.viewSubmission({
            user: AGENT,
            view: {
              id: String((modal.response.view as { id?: string } | undefined)?.id ?? ''),
              callback_id: view.callback_id ?? '',
              private_metadata: view.private_metadata ?? '',
              values: fillView(view, { resolution: `fixed ${outcome.ref}` }),
            },
          }),
        );
        outcome.resolved = answer !== undefined;
      }
      return outcome;
    };

    const started = Date.now();
    const bootMs = started - booting;
    const durationMs = (options.requests / options.ratePerSecond) * 1000;
    const killAt = durationMs * (0.3 + random() * 0.4);
    let killed: number | undefined;
    let killTime: number | undefined;
    const victim = Math.floor(random() * REPLICAS);
    const killer = (async () => {
      // Slack answers the next posts late, so the victim dies with deliveries in flight: leased
      // jobs whose posts Slack then accepts, and which another replica must run without posting
      // them again.
      await pause(killAt - KILL_AMID_POSTS_MS);
      fake.delay('chat.postMessage', 2 * KILL_AMID_POSTS_MS, { times: 3 * REPLICAS });
      // The Bot Connector holds every call for that second and then drops it, acting on none
      // (it cannot be told after the fact whether it did: see splitAtKills), so the victim also
      // dies holding Teams jobs, which another replica must deliver once.
      connector.faults.set({ mode: 'timeout', until: new Date(Date.now() + 2 * KILL_AMID_POSTS_MS) });
      await pause(KILL_AMID_POSTS_MS);
      killed = victim;
      killTime = Date.now();
      const server = servers[victim];
      if (server) await killHard(server);
    })();
    const lives: Promise<Outcome>[] = [];
    for (let i = 0; i < options.requests; i++) {
      await pause(Math.max(0, started + (i * 1000) / options.ratePerSecond - Date.now()));
      lives.push(i % 2 === 0 ? life(i) : teamsLife(i));
    }
    const outcomes = await Promise.all(lives);
    await killer;
    const loadMs = Date.now() - started;

    const drainStarted = Date.now();
    let jobs = await jobStatuses(database.url);
    while ((jobs.owed ?? 0) > 0 && Date.now() - drainStarted < 60_000) {
      await pause(250);
      jobs = await jobStatuses(database.url);
    }
    notes.push(
      `start ${(bootMs / 1000).toFixed(1)} s, load ${(loadMs / 1000).toFixed(1)} s, drain ${((Date.now() - drainStarted) / 1000).toFixed(1)} s; replica ${killed} killed at ${(killAt / 1000).toFixed(1)} s (${connector.faults.injected.timeout} Teams calls held around it); retried deliveries read Slack ${fake.callsTo('conversations.history').length + fake.callsTo('conversations.replies').length} times; requests per replica ${forwarder.sentTo.join('/')}; Slack calls per replica ${Array.from({ length: REPLICAS }, (_, r) => fake.calls.filter((c) => c.token === tokenOf(r)).length).join('/')}`,
    );

    const rows = await persisted(database.url);
    const byRef = new Map(rows.requests.map((row) => [row.ref, row]));
    let lost = 0;
    let wrong = 0;
    const lose = (text: string) => {
      lost += 1;
      note(text);
    };
    for (const outcome of outcomes) {
      if (!outcome.ref) continue;
      const row = byRef.get(outcome.ref);
      if (!row) lose(`filing ${outcome.ref} acknowledged, not in the database`);
      else if (outcome.taken && !row.assigned) lose(`Take on ${outcome.ref} acknowledged, not persisted`);
      else if (outcome.resolved && row.status !== 'resolved')
        lose(`Resolve on ${outcome.ref} acknowledged, status ${row.status}`);
    }
    const surveyPosts = surveyPostsById(fake);
    for (const [id, posts] of teamsSurveyPosts(connector))
      surveyPosts.set(id, (surveyPosts.get(id) ?? 0) + posts);
    const dms = fake.callsTo('chat.postMessage').filter((c) => /^[UD]/.test(String(c.params.channel)));
    for (const row of rows.requests) {
      if (!triageCardOf(fake, TRIAGE_CHANNEL, row.ref)) lose(`${row.ref}: no Slack triage card posted`);
      if (!teamsTriageCard(connector, row.ref)) lose(`${row.ref}: no Teams triage card posted`);
      // Filed from the Teams chat, the form itself became the confirmation: the Take is the first news.
      if (row.platform === 'slack' && !dms.some((c) => names(fake, c, row.ref)))
        lose(`${row.ref}: the requester was never told`);
      if (
        row.platform === 'teams' &&
        row.assigned &&
        !teamsMessagesNaming(connector, row.ref).some(
          (c) => c.conversationId === personalChatOf({ id: '', name: '', aadObjectId: row.uid }),
        )
      )
        lose(`${row.ref} (Teams): the requester was never told`);
      if (row.status === 'resolved' && !rows.surveys.some((s) => s.requestId === row.id))
        lose(`${row.ref}: resolved, no survey planned`);
    }
    let duplicated = 0;
    for (const survey of rows.surveys) {
      const posts = surveyPosts.get(survey.id) ?? 0;
      if (survey.status === 'sent' && posts === 0) lose(`survey ${survey.id} marked sent, never posted`);
      if (survey.status !== 'sent' && survey.status !== 'skipped') {
        wrong += 1;
        note(`survey ${survey.id} still ${survey.status}`);
      }
      // Counted as duplicated with the other posts below (the same message twice).
      if (posts > 1) note(`survey ${survey.id} posted ${posts} times`);
    }
    for (const channel of LEADERS) {
      const digests = postsToChannel(fake, channel).length;
      const charts = fake
        .callsTo('files.completeUploadExternal')
        .filter((c) => c.params.channel_id === channel).length;
      if (digests === 0) lose(`${channel}: no weekly digest posted`);
      if (digests > 1 || charts > 1) {
        duplicated += Math.max(digests, charts) - 1;
        note(`${channel}: digest posted ${digests} times, chart uploaded ${charts} times`);
      }
    }
    for (const channel of TEAMS_LEADERS) {
      const digests = teamsDigests(connector, channel).length;
      if (digests === 0) lose(`${channel}: no weekly digest posted in Teams`);
      if (digests > 1) {
        duplicated += digests - 1;
        note(`${channel}: Teams digest posted ${digests} times`);
      }
    }
    // Digests and survey posts were counted above; the rest of the posts by their content. A
    // Teams message the killed replica had sent and not yet recorded is the known residual
    // window (splitAtKills): reported apart.
    const { inWindow, others } = await splitAtKills(
      database.url,
      teamsRepeats(connector).filter(({ again }) => !TEAMS_LEADERS.includes(digestChannelOf(again) ?? '')),
      killTime === undefined ? [] : [killTime],
    );
    if (inWindow.length > 0)
      notes.push(
        `Teams residual window: ${inWindow.length} message(s) sent again (not counted as duplicated): ${inWindow
          .slice(0, 3)
          .map(
            ({ text, beforeKillMs }) =>
              `${text.slice(0, 60)} (first accepted ${beforeKillMs} ms before the kill)`,
          )
          .join('; ')}`,
      );
    const twice = [
      ...duplicatePosts(fake, TRIAGE_CHANNEL).filter(
        (text) => !LEADERS.some((channel) => text.startsWith(`${channel}:`)),
      ),
      ...others.map((repeat) => repeat.text),
    ];
    duplicated += twice.length;
    for (const text of twice.slice(0, 5)) note(`delivered twice: ${text}`);
    if ((jobs.owed ?? 0) > 0) {
      wrong += 1;
      note(`queue not drained: ${JSON.stringify(jobs)}`);
    }
    if ((jobs.failed ?? 0) > 0) {
      wrong += 1;
      note(`${jobs.failed} jobs parked`);
    }
    servers.forEach((server, i) => {
      if (i !== killed && !isAlive(server)) {
        wrong += 1;
        note(`replica ${i} died without being killed`);
      }
    });
    const steps = outcomes.reduce((n, o) => n + Number(o.filed) + Number(o.taken) + Number(o.resolved), 0);
    notes.push(
      `${rows.requests.length} requests, ${steps} steps of ${options.requests * 3} acknowledged, ${rows.surveys.filter((s) => s.status === 'sent').length} surveys sent (${rows.requests.filter((r) => r.platform === 'teams').length} requests and ${[...teamsSurveyPosts(connector).values()].reduce((n, posts) => n + posts, 0)} survey posts on Teams, Teams digests ${TEAMS_LEADERS.map((channel) => teamsDigests(connector, channel).length).join('/')}); jobs ${JSON.stringify(jobs)}`,
    );
    return {
      scenario: 'replicas (3 on PostgreSQL, 1 killed)',
      sent,
      acknowledged,
      faults: killed === undefined ? 0 : 1,
      lost,
      duplicated,
      wrong,
      notes,
    };
  } finally {
    await forwarder?.close();
    await Promise.all(servers.map((server) => stopGently(server)));
    await fake.close();
    await connector.close();
    sandbox.remove();
    await database.drop();
  }
}

async function poll<T>(find: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('not found in time');
    await pause(25);
  }
}

async function persisted(databaseUrl: string) {
  const database = await openDatabase(databaseUrl);
  try {
    const requests = await sql<{
      id: string;
      ref: string;
      status: string;
      assignee: string | null;
      platform: 'slack' | 'teams';
      uid: string;
    }>`
      SELECT r.id, r.ref, r.status, r.assignee_id AS assignee, p.platform, p.platform_user_id AS uid
      FROM requests r JOIN people p ON p.id = r.requester_id`.execute(database.db);
    const surveys = await database.db.selectFrom('surveys').select(['id', 'requestId', 'status']).execute();
    return {
      requests: requests.rows.map((row) => ({ ...row, assigned: row.assignee !== null })),
      surveys,
    };
  } finally {
    await database.close();
  }
}

/** The channel a Teams call started a thread in (a digest, in a leaders' channel). */
function digestChannelOf(call: ConnectorCall): string | undefined {
  if (call.kind !== 'createConversation') return undefined;
  return (call.body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
}

function teamsDigests(connector: FakeBotConnector, channel: string): ConnectorCall[] {
  return connector.delivered().filter((call) => digestChannelOf(call) === channel);
}

/** Survey cards delivered in Teams (new messages, not updates), by survey id. */
function teamsSurveyPosts(connector: FakeBotConnector): Map<string, number> {
  const posts = new Map<string, number>();
  for (const call of connector.delivered()) {
    if (call.kind === 'update') continue;
    const ids = new Set(
      [...JSON.stringify(call.body).matchAll(/"surveyId":"([^"]+)"/g)].map((m) => m[1] ?? ''),
    );
    for (const id of ids) posts.set(id, (posts.get(id) ?? 0) + 1);
  }
  return posts;
}
