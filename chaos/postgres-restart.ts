// Scenario 5a, PostgreSQL restarted mid-run: filings and Take clicks at a steady rate against a
// gapdesk process on a PostgreSQL server of the scenario's own, which is crashed (pg_ctl stop -m
// immediate: every session cut, no checkpoint) and started again while they flow. During the
// outage every request must get an answer Slack shows (the modal's error, an ephemeral apology),
// not a 5xx, a timeout or a crash; afterwards gapdesk works again on its own. Half the requests
// come from Teams (the chat's form, Take on the channel's card; the team is on both platforms),
// whose apologies are the invoke's answer. At the end: every acknowledged filing and Take is
// persisted, every request's triage cards and requester messages were delivered once.
import { seededRandom } from '../src/cli/demo/random.js';
import { FakeBotConnector } from '../src/sandbox/fake-bot-connector.js';
import { FakeSlack } from '../src/sandbox/fake-slack.js';
import { buttonsIn } from '../src/sandbox/slack-person.js';
import { fillView, SlackRequests } from '../src/sandbox/slack-requests.js';
import { openDatabase } from '../src/store/database.js';
import {
  AGENT,
  type GapdeskProcess,
  isAlive,
  SIGNING_SECRET,
  startGapdesk,
  stopGently,
  TRIAGE_CHANNEL,
} from './support/gapdesk-process.js';
import { jobStatuses } from './support/job-statuses.js';
import { PrivatePostgres } from './support/postgres.js';
import { duplicatePosts, names, triageCardOf } from './support/slack-records.js';
import type { ScenarioResult } from './support/table.js';
import {
  makeTwoPlatformSandbox,
  type OpenForm,
  personalChatOf,
  TeamsDriver,
  teamsDuplicates,
  teamsMessagesNaming,
  teamsRequester,
  teamsTriageCard,
} from './support/two-platforms.js';

export type PostgresRestartOptions = {
  operations: number;
  ratePerSecond: number;
  restarts: number;
  outageMs: number;
  seed: number;
};

const REQUESTERS = Array.from({ length: 10 }, (_, i) => `U0REQ${i}`);
const TEAMS_REQUESTERS = Array.from({ length: 10 }, (_, i) => teamsRequester(i));
type Platform = 'slack' | 'teams';
/** Slack waits this long for an answer, then shows the person its own error and drops ours. */
const SLACK_DEADLINE_MS = 3_000;
type ModalView = { callback_id?: string; private_metadata?: string; blocks?: unknown[] };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function postgresRestart(options: PostgresRestartOptions): Promise<ScenarioResult> {
  const random = seededRandom(options.seed).next;
  const fake = await FakeSlack.start();
  for (const id of [...REQUESTERS, AGENT]) fake.addUser({ id, name: id.toLowerCase(), tz: 'Europe/London' });
  const connector = await FakeBotConnector.start();
  const postgres = await PrivatePostgres.start();
  const sandbox = makeTwoPlatformSandbox(fake, connector, {
    DATABASE_URL: postgres.url,
    GAPDESK_JOB_LEASE_SECONDS: '5',
  });
  const notes: string[] = [];
  const note = (text: string) => {
    if (notes.length < 12) notes.push(text);
  };
  let server: GapdeskProcess | undefined;
  try {
    server = await startGapdesk(sandbox);
    const slack = new SlackRequests(server.url, SIGNING_SECRET);
    const since = fake.mark();
    await slack.command({ user: REQUESTERS[0] ?? '', text: 'warm-up' });
    const opened = await fake.waitFor((c) => c.method === 'views.open', { since, timeoutMs: 15_000 });
    const modal = opened.params.view as ModalView;
    const teams = new TeamsDriver(() => server?.url ?? '', connector);
    // Half the operations are on Teams, and a Take that finds no card files instead: a margin.
    const formsEach = Math.ceil((options.operations * 0.55) / TEAMS_REQUESTERS.length) + 2;
    await Promise.all(
      TEAMS_REQUESTERS.map(async (user) => {
        for (let i = 0; i < formsEach; i++) await teams.openForm(user);
      }),
    );

    const ackedFilings: string[] = [];
    const refusedFilings: number[] = [];
    const refusedForms: { form: OpenForm; i: number }[] = [];
    const ackedTakes = new Set<string>();
    /** Teams Takes answered with the apology instead of the card: refused, and said so. */
    const refusedTeamsTakes = new Set<string>();
    const clickedOnTeams = new Set<string>();
    const clicked = new Set<string>();
    const problems: string[] = [];
    let sent = 0;
    /** A 5xx, no answer or a late one is what Slack shows as its own error: gapdesk did not answer. */
    const judge = (what: string, status: number | undefined, ms: number) => {
      if (status === undefined || status >= 500 || ms > SLACK_DEADLINE_MS)
        problems.push(`${what}: ${status ?? 'no answer'} after ${ms} ms`);
    };

    const file = async (i: number) => {
      const t0 = Date.now();
      const answer = await slack
        .viewSubmission({
          user: REQUESTERS[i % REQUESTERS.length] ?? '',
          view: {
            id: `VPGRESTART${i}`,
            callback_id: modal.callback_id ?? '',
            private_metadata: modal.private_metadata ?? '',
            values: fillView(modal, {
              category: 'HVAC',
              description: `restart filing ${i}`,
              needed_by: 'today',
            }),
          },
        })
        .catch(() => undefined);
      judge(`filing ${i}`, answer?.status, Date.now() - t0);
      const ref = answer ? /Filed as \*([A-Z]+-\d+)\*/.exec(answer.text)?.[1] : undefined;
      if (answer?.status === 200 && ref) ackedFilings.push(ref);
      else if (answer?.status === 200 && answer.text.includes('"errors"')) refusedFilings.push(i);
    };
    let teamsFilings = 0;
    const fileOnTeams = async (i: number, form?: OpenForm) => {
      const user = TEAMS_REQUESTERS[teamsFilings++ % TEAMS_REQUESTERS.length] ?? teamsRequester(0);
      const opened = form ?? teams.takeForm(user);
      const t0 = Date.now();
      const answer = await teams.submit(opened, `restart filing ${i}`).catch(() => undefined);
      judge(`Teams filing ${i}`, answer?.status, Date.now() - t0);
      if (answer?.status === 200 && answer.ref) ackedFilings.push(answer.ref);
      else if (answer?.status === 200 && answer.said?.includes('did not save'))
        refusedForms.push({ form: opened, i });
    };
    const takeOnTeams = async (i: number) => {
      const candidates = ackedFilings.filter((ref) => !clicked.has(ref));
      const ref = candidates[Math.floor(random() * candidates.length)];
      const card = ref ? teamsTriageCard(connector, ref) : undefined;
      if (!ref || !card) return fileOnTeams(i);
      clicked.add(ref);
      clickedOnTeams.add(ref);
      const t0 = Date.now();
      const answer = await teams.press(card, 'take').catch(() => undefined);
      judge(`Teams Take on ${ref}`, answer?.status, Date.now() - t0);
      if (answer?.carded) ackedTakes.add(ref);
      else if (answer?.status === 200 && /try again/i.test(answer.said ?? '')) refusedTeamsTakes.add(ref);
    };
    const take = async (i: number) => {
      const candidates = ackedFilings.filter((ref) => !clicked.has(ref));
      const ref = candidates[Math.floor(random() * candidates.length)];
      const card = ref ? triageCardOf(fake, TRIAGE_CHANNEL, ref) : undefined;
      const button = card ? buttonsIn(card.params.blocks).find((b) => b.text?.text === 'Take') : undefined;
      if (!ref || !card || !button?.action_id) return file(i);
      clicked.add(ref);
      const t0 = Date.now();
      const answer = await slack
        .blockAction({
          user: AGENT,
          actionId: button.action_id,
          value: button.value ?? '',
          channel: TRIAGE_CHANNEL,
          messageTs: String(card.response.ts ?? ''),
        })
        .catch(() => undefined);
      judge(`Take on ${ref}`, answer?.status, Date.now() - t0);
      if (answer?.status === 200) ackedTakes.add(ref);
    };

    const durationMs = (options.operations / options.ratePerSecond) * 1000;
    const restartAt = Array.from(
      { length: options.restarts },
      (_, k) => durationMs * ((k + 0.3 + random() * 0.4) / (options.restarts + 0.5)),
    );
    const started = Date.now();
    const outages = (async () => {
      for (const at of restartAt) {
        await pause(Math.max(0, started + at - Date.now()));
        await postgres.stopServer('immediate');
        await pause(options.outageMs);
        await postgres.startServer();
      }
    })();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < options.operations; i++) {
      await pause(Math.max(0, started + (i * 1000) / options.ratePerSecond - Date.now()));
      sent += 1;
      const platform: Platform = random() < 0.5 ? 'slack' : 'teams';
      const filing = random() < 0.6;
      inFlight.push(
        platform === 'slack' ? (filing ? file(i) : take(i)) : filing ? fileOnTeams(i) : takeOnTeams(i),
      );
    }
    await Promise.all(inFlight);
    await outages;
    // After the last outage: gapdesk serves again by itself, and a person's second Submit files.
    const retried = [...refusedFilings];
    for (const i of retried) {
      sent += 1;
      await file(i);
    }
    const retriedForms = [...refusedForms];
    for (const { form, i } of retriedForms) {
      sent += 1;
      await fileOnTeams(i, form);
    }

    const drainStarted = Date.now();
    let jobs = await jobStatuses(postgres.url);
    while ((jobs.owed ?? 0) > 0 && Date.now() - drainStarted < 60_000) {
      await pause(250);
      jobs = await jobStatuses(postgres.url);
    }
    const health = await fetch(`${server.url}/healthz`).catch(() => undefined);
    notes.push(
      `load ${((drainStarted - started) / 1000).toFixed(1)} s, drain ${((Date.now() - drainStarted) / 1000).toFixed(1)} s; ${options.restarts} × ${options.outageMs} ms outages at ${restartAt.map((t) => (t / 1000).toFixed(1)).join(', ')} s; ${retried.length} Slack filings refused with the modal's error and ${retriedForms.length} Teams filings with "did not save", submitted again after`,
    );

    const rows = await persisted(postgres.url);
    const byRef = new Map(rows.map((row) => [row.ref, row]));
    let lost = 0;
    let wrong = 0;
    const lose = (text: string) => {
      lost += 1;
      note(text);
    };
    const check = (ok: boolean, text: string) => {
      if (ok) return;
      wrong += 1;
      note(text);
    };
    check(
      problems.length === 0,
      `${problems.length} requests not answered in time: ${problems.slice(0, 3).join('; ')}`,
    );
    check(isAlive(server), `gapdesk died: ${lastError(server)}`);
    check(health?.status === 200, `/healthz after the outages: ${health?.status ?? 'no answer'}`);
    check((jobs.owed ?? 0) === 0, `queue not drained: ${JSON.stringify(jobs)}`);
    check((jobs.failed ?? 0) === 0, `${jobs.failed} jobs parked`);
    // A Take the database refused is acknowledged (a click has no other answer) and then said to be
    // refused in an ephemeral message; only a Take neither persisted nor refused is lost.
    const apologies = fake
      .callsTo('chat.postEphemeral')
      .filter((c) => c.params.user === AGENT && /try again/i.test(fake.visibleText(c))).length;
    // A Teams Take's apology is its answer, so it is never acknowledged: an acknowledged one unsaved is lost.
    const unsavedTakes = [...ackedTakes].filter((ref) => !byRef.get(ref)?.assigned);
    const [unsavedTeamsTakes, unsavedSlackTakes] = partition(unsavedTakes, (ref) => clickedOnTeams.has(ref));
    for (const ref of unsavedTeamsTakes) lose(`Teams Take on ${ref} answered with its card, not persisted`);
    for (const ref of new Set(ackedFilings))
      if (!byRef.has(ref)) lose(`filing ${ref} acknowledged, not in the database`);
    for (const ref of unsavedSlackTakes.slice(apologies))
      lose(`Take on ${ref} acknowledged, not persisted, no apology`);
    const dms = fake.callsTo('chat.postMessage').filter((c) => /^[UD]/.test(String(c.params.channel)));
    for (const row of rows) {
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
        lose(`${row.ref} (Teams): the requester was never told it was taken`);
    }
    for (const i of [...retried, ...retriedForms.map((r) => r.i)])
      if (!rows.some((row) => row.description === `restart filing ${i}`))
        lose(`filing ${i} refused during the outage, not filed on the second Submit`);
    const twice = [...duplicatePosts(fake, TRIAGE_CHANNEL), ...teamsDuplicates(connector)];
    for (const text of twice.slice(0, 5)) note(`posted twice: ${text}`);
    notes.push(
      `${rows.length} requests in the database (${rows.filter((r) => r.platform === 'teams').length} from Teams; ${ackedFilings.length} filings and ${ackedTakes.size} Takes acknowledged, ${unsavedSlackTakes.length} Slack Takes refused with ${apologies} apologies, ${refusedTeamsTakes.size} Teams Takes answered with one); jobs ${JSON.stringify(jobs)}`,
    );
    return {
      scenario: 'PostgreSQL restarted mid-run',
      sent,
      acknowledged: ackedFilings.length + ackedTakes.size - unsavedSlackTakes.length,
      faults: options.restarts,
      lost,
      duplicated: twice.length,
      wrong,
      notes,
    };
  } finally {
    if (server) await stopGently(server);
    await fake.close();
    await connector.close();
    sandbox.remove();
    await postgres.remove();
  }
}

async function persisted(databaseUrl: string) {
  const database = await openDatabase(databaseUrl);
  try {
    const rows = await database.db
      .selectFrom('requests')
      .innerJoin('people', 'people.id', 'requests.requesterId')
      .select([
        'requests.ref',
        'requests.description',
        'requests.assigneeId',
        'people.platform',
        'people.platformUserId',
      ])
      .execute();
    return rows.map((row) => ({
      ref: row.ref,
      description: row.description,
      assigned: row.assigneeId !== null,
      platform: row.platform as Platform,
      uid: row.platformUserId,
    }));
  } finally {
    await database.close();
  }
}

/** What gapdesk said last before it died: its stderr, else the last error it logged. */
function lastError(server: GapdeskProcess): string {
  const stderr = server.stderr.join('').trim();
  if (stderr) return stderr.slice(0, 600);
  const line = server.lines.filter((l) => Number(l.level) >= 50).at(-1);
  return line ? JSON.stringify(line).slice(0, 400) : 'nothing logged';
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}
