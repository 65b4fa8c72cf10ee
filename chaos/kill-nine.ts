// Scenario 1, kill -9 under load: filings and Take clicks at a steady rate, half as Slack sends
// them (the filing modal submitted, the card's Take button) and half as Teams does (the chat's
// form filed, Action.Execute on the channel's card), against a real gapdesk process on a SQLite
// file whose team is on both platforms, while the process is killed with SIGKILL at random
// moments and started again on the same port. At the end, after a last restart and once the job
// queue is drained: every acknowledged filing is in the database, every acknowledged Take is
// persisted, every request's triage cards (Slack and Teams) and requester messages were
// delivered, and no message was delivered twice on either platform.
import { sql } from 'kysely';
import { seededRandom } from '../src/cli/demo/random.js';
import { FakeBotConnector } from '../src/sandbox/fake-bot-connector.js';
import { FakeSlack, type SlackCall } from '../src/sandbox/fake-slack.js';
import { buttonsIn } from '../src/sandbox/slack-person.js';
import { fillView, SlackRequests } from '../src/sandbox/slack-requests.js';
import { openDatabase } from '../src/store/database.js';
import {
  AGENT,
  type GapdeskProcess,
  killHard,
  SIGNING_SECRET,
  startGapdesk,
  stopGently,
  TRIAGE_CHANNEL,
} from './support/gapdesk-process.js';
import { duplicatePosts, names, triageCardOf } from './support/slack-records.js';
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

export type KillNineOptions = { operations: number; ratePerSecond: number; kills: number; seed: number };

const LEASE_SECONDS = 5;
const SLACK_REQUESTERS = Array.from({ length: 10 }, (_, i) => `U0REQ${i}`);
const TEAMS_REQUESTERS = Array.from({ length: 10 }, (_, i) => teamsRequester(i));
type ModalView = { callback_id?: string; private_metadata?: string; blocks?: unknown[] };
type Platform = 'slack' | 'teams';

/** Jobs by status; "owed" counts those due by now and not finished (running, or pending and due). */
async function jobStatuses(databaseUrl: string): Promise<Record<string, number>> {
  const database = await openDatabase(databaseUrl);
  try {
    const rows = await database.db.selectFrom('jobs').select(['status', 'dueAt']).execute();
    const counts: Record<string, number> = { owed: 0 };
    const now = Date.now();
    for (const row of rows) {
      counts[row.status] = (counts[row.status] ?? 0) + 1;
      const due = new Date(row.dueAt as unknown as string).getTime() <= now;
      if (row.status === 'running' || (row.status === 'pending' && due)) counts.owed = (counts.owed ?? 0) + 1;
    }
    return counts;
  } finally {
    await database.close();
  }
}

async function persisted(
  databaseUrl: string,
): Promise<{ ref: string; platform: Platform; requesterUserId: string; assigned: boolean }[]> {
  const database = await openDatabase(databaseUrl);
  try {
    const rows = await sql<{ ref: string; platform: Platform; uid: string; assignee: string | null }>`
      SELECT r.ref, p.platform, p.platform_user_id AS uid, r.assignee_id AS assignee
      FROM requests r JOIN people p ON p.id = r.requester_id`.execute(database.db);
    return rows.rows.map((row) => ({
      ref: row.ref,
      platform: row.platform,
      requesterUserId: row.uid,
      assigned: row.assignee !== null,
    }));
  } finally {
    await database.close();
  }
}

export async function killNine(options: KillNineOptions): Promise<ScenarioResult> {
  const random = seededRandom(options.seed).next;
  const fake = await FakeSlack.start();
  const connector = await FakeBotConnector.start();
  for (const id of [...SLACK_REQUESTERS, AGENT])
    fake.addUser({ id, name: id.toLowerCase(), tz: 'Europe/London' });
  // A short lease: jobs a killed process held run again 5 s later, not 60 s.
  const sandbox = makeTwoPlatformSandbox(fake, connector, {
    GAPDESK_JOB_LEASE_SECONDS: String(LEASE_SECONDS),
  });
  const notes: string[] = [];
  // Most of the scenario's time is processes starting (tsx compiles the sources each time).
  const startTimes: number[] = [];
  const start = async (port?: number) => {
    const t0 = Date.now();
    const started = await startGapdesk(sandbox, port);
    startTimes.push(Date.now() - t0);
    return started;
  };
  let server: GapdeskProcess = await start();
  const port = server.port;
  const slack = new SlackRequests(server.url, SIGNING_SECRET);
  const teams = new TeamsDriver(() => server.url, connector);
  try {
    // The filing modal as gapdesk renders it, taken from one real /request; on Teams, the forms
    // gapdesk answers a chat message with, opened before the load (each files one request).
    const since = fake.mark();
    await slack.command({ user: SLACK_REQUESTERS[0] ?? '', text: 'warm-up' });
    const opened = await fake.waitFor((c) => c.method === 'views.open', { since });
    const modal = opened.params.view as ModalView;
    // Half the operations are on Teams, and a Take that finds no card files instead: a margin.
    const formsEach = Math.ceil((options.operations * 0.55) / TEAMS_REQUESTERS.length) + 2;
    await Promise.all(
      TEAMS_REQUESTERS.map(async (user) => {
        for (let i = 0; i < formsEach; i++) await teams.openForm(user);
      }),
    );

    const ackedFilings: { ref: string; platform: Platform }[] = [];
    const ackedTakes = new Map<string, Platform>();
    const clicked = new Set<string>();
    const tally = { slack: { sent: 0, acked: 0 }, teams: { sent: 0, acked: 0 } };
    const count = (platform: Platform, acked: boolean) => {
      tally[platform].sent += 1;
      if (acked) tally[platform].acked += 1;
    };
    let sent = 0;
    const durationMs = (options.operations / options.ratePerSecond) * 1000;
    const killAt = Array.from({ length: options.kills }, () => 500 + random() * (durationMs - 1000)).sort(
      (a, b) => a - b,
    );

    const fileOnSlack = async (i: number) => {
      const answer = await slack.viewSubmission({
        user: SLACK_REQUESTERS[i % SLACK_REQUESTERS.length] ?? '',
        view: {
          id: `VCHAOS${i}`,
          callback_id: modal.callback_id ?? '',
          private_metadata: modal.private_metadata ?? '',
          values: fillView(modal, { category: 'HVAC', description: `chaos filing ${i}`, needed_by: 'today' }),
        },
      });
      const ref = /Filed as \*([A-Z]+-\d+)\*/.exec(answer.text)?.[1];
      count('slack', answer.status === 200 && ref !== undefined);
      if (answer.status === 200 && ref) ackedFilings.push({ ref, platform: 'slack' });
    };
    let teamsFilings = 0;
    const fileOnTeams = async (i: number) => {
      const requester = TEAMS_REQUESTERS[teamsFilings++ % TEAMS_REQUESTERS.length] ?? teamsRequester(0);
      const ref = await teams.file(requester, `chaos filing ${i}`);
      count('teams', ref !== undefined);
      if (ref) ackedFilings.push({ ref, platform: 'teams' });
    };
    const file = (i: number, platform: Platform) => (platform === 'slack' ? fileOnSlack(i) : fileOnTeams(i));
    // The team is on both platforms: any request's card can be taken from either.
    const take = async (i: number, platform: Platform) => {
      const candidates = ackedFilings.filter((f) => !clicked.has(f.ref));
      const ref = candidates[Math.floor(random() * candidates.length)]?.ref;
      if (platform === 'slack') {
        const card = ref ? triageCardOf(fake, TRIAGE_CHANNEL, ref) : undefined;
        const button = card ? buttonsIn(card.params.blocks).find((b) => b.text?.text === 'Take') : undefined;
        if (!ref || !card || !button?.action_id) return file(100_000 + i, platform);
        clicked.add(ref);
        const answer = await slack.blockAction({
          user: AGENT,
          actionId: button.action_id,
          value: button.value ?? '',
          channel: TRIAGE_CHANNEL,
          messageTs: String(card.response.ts ?? ''),
        });
        count('slack', answer.status === 200);
        if (answer.status === 200) ackedTakes.set(ref, 'slack');
        return;
      }
      const card = ref ? teamsTriageCard(connector, ref) : undefined;
      if (!ref || !card) return file(100_000 + i, platform);
      clicked.add(ref);
      const acked = await teams.take(card);
      count('teams', acked);
      if (acked) ackedTakes.set(ref, 'teams');
    };

    const inFlight: Promise<void>[] = [];
    const started = Date.now();
    let killed = 0;
    const killTimes: number[] = [];
    const kill = async () => {
      killTimes.push(Date.now());
      await killHard(server);
    };
    let restarting: Promise<void> | undefined;
    for (let i = 0; i < options.operations; i++) {
      const due = started + (i * 1000) / options.ratePerSecond;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      const nextKill = killAt[killed];
      if (nextKill !== undefined && Date.now() - started >= nextKill && !restarting) {
        killed += 1;
        restarting = (async () => {
          await kill();
          server = await start(port);
          restarting = undefined;
        })();
      }
      sent += 1;
      const platform: Platform = random() < 0.5 ? 'slack' : 'teams';
      const op = random() < 0.6 ? file(i, platform) : take(i, platform);
      // Refused or dropped (the process was down or died mid-request): sent, not acknowledged.
      inFlight.push(op.catch(() => count(platform, false)));
    }
    await Promise.all(inFlight);
    if (restarting) await restarting;
    // The last restart: a kill now, then a process that runs until the queue is drained.
    await kill();
    killed += 1;
    server = await start(port);
    const drainStarted = Date.now();
    const drainDeadline = Date.now() + 120_000;
    let jobs = await jobStatuses(sandbox.databaseUrl);
    while ((jobs.owed ?? 0) > 0 && Date.now() < drainDeadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      jobs = await jobStatuses(sandbox.databaseUrl);
    }

    notes.push(
      `load ${((drainStarted - started) / 1000).toFixed(1)} s, drain ${((Date.now() - drainStarted) / 1000).toFixed(1)} s; ${startTimes.length} starts, ${startTimes.map((ms) => (ms / 1000).toFixed(1)).join(' + ')} s`,
    );
    notes.push(
      `acknowledged/sent: Slack ${tally.slack.acked}/${tally.slack.sent}, Teams ${tally.teams.acked}/${tally.teams.sent}`,
    );
    const rows = await persisted(sandbox.databaseUrl);
    const byRef = new Map(rows.map((row) => [row.ref, row]));
    let lost = 0;
    let wrong = 0;
    const note = (text: string) => {
      if (notes.length < 12) notes.push(text);
    };
    for (const { ref, platform } of ackedFilings)
      if (!byRef.has(ref)) {
        lost += 1;
        note(`filing ${ref} (${platform}) acknowledged, not in the database`);
      }
    for (const [ref, platform] of ackedTakes)
      if (!byRef.get(ref)?.assigned) {
        lost += 1;
        note(`Take on ${ref} (${platform}) acknowledged, not persisted`);
      }
    const dms = fake.callsTo('chat.postMessage').filter((c) => /^[UD]/.test(String(c.params.channel)));
    const slackTold = (row: (typeof rows)[number], what: RegExp) =>
      dms.some(
        (c: SlackCall) =>
          String(c.params.channel).endsWith(row.requesterUserId.slice(1)) &&
          names(fake, c, row.ref) &&
          what.test(fake.visibleText(c)),
      );
    const teamsTold = (row: (typeof rows)[number], what: RegExp) =>
      teamsMessagesNaming(connector, row.ref).some(
        (c) =>
          c.conversationId === personalChatOf({ id: '', name: '', aadObjectId: row.requesterUserId }) &&
          what.test(JSON.stringify(c.body)),
      );
    for (const row of rows) {
      for (const [where, card] of [
        ['Slack', triageCardOf(fake, TRIAGE_CHANNEL, row.ref)],
        ['Teams', teamsTriageCard(connector, row.ref)],
      ] as const)
        if (!card) {
          lost += 1;
          note(`${row.ref}: no ${where} triage card`);
        }
      // Filed from the Teams chat, the form itself became the confirmation: no message follows.
      const owed = [
        ...(row.platform === 'slack' ? [{ what: 'filed', text: /filed as/i }] : []),
        ...(row.assigned ? [{ what: 'taken', text: /is on it/ }] : []),
      ];
      const told = row.platform === 'slack' ? slackTold : teamsTold;
      for (const { what, text } of owed)
        if (!told(row, text)) {
          lost += 1;
          note(`${row.ref} (${row.platform}): the requester was never told ${what}`);
        }
    }
    // A Teams message sent again because a kill fell between Teams' answer and its record is
    // the known residual window: reported apart; any other repeat is duplicated.
    const { inWindow, others } = await splitAtKills(sandbox.databaseUrl, teamsRepeats(connector), killTimes);
    if (inWindow.length > 0)
      notes.push(
        `Teams residual window: ${inWindow.length} message(s) sent again (not counted as duplicated): ${inWindow
          .slice(0, 3)
          .map(
            ({ text, beforeKillMs }) =>
              `${text.slice(0, 60)} (first accepted ${beforeKillMs} ms before a kill)`,
          )
          .join('; ')}`,
      );
    const twice = [...duplicatePosts(fake, TRIAGE_CHANNEL), ...others.map((repeat) => repeat.text)];
    for (const text of twice.slice(0, 5)) note(`delivered twice: ${text}`);
    if ((jobs.owed ?? 0) > 0) {
      wrong += 1;
      note(`queue not drained: ${JSON.stringify(jobs)}`);
    }
    if ((jobs.failed ?? 0) > 0) {
      wrong += 1;
      note(`${jobs.failed} jobs parked`);
    }
    const reads = ['conversations.history', 'conversations.replies'].map((m) => fake.callsTo(m).length);
    notes.push(`retried deliveries read Slack ${reads[0]} + ${reads[1]} times (history + replies)`);
    const fromTeams = rows.filter((row) => row.platform === 'teams').length;
    notes.push(
      `${rows.length} requests in the database (${fromTeams} from Teams); ${ackedFilings.length} filings and ${ackedTakes.size} Takes acknowledged (${[...ackedTakes.values()].filter((p) => p === 'teams').length} on Teams); jobs ${JSON.stringify(jobs)}`,
    );
    return {
      scenario: 'kill -9 under load (Slack + Teams)',
      sent,
      acknowledged: ackedFilings.length + ackedTakes.size,
      faults: killed,
      lost,
      duplicated: twice.length,
      wrong,
      notes,
    };
  } finally {
    await stopGently(server);
    await fake.close();
    await connector.close();
    sandbox.remove();
  }
}
