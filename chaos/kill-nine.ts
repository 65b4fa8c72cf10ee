// Scenario 1, kill -9 under load: filings (the filing modal submitted, as Slack sends it) and Take
// clicks at a steady rate against a real gapdesk process on a SQLite file, while the process is
// killed with SIGKILL at random moments and started again on the same port. At the end, after a
// last restart and once the job queue is drained: every acknowledged filing is in the database,
// every acknowledged Take is persisted, every request's triage card and requester DM reached the
// sandbox Slack, and no message reached it twice.
import { sql } from 'kysely';
import { seededRandom } from '../src/cli/demo/random.js';
import { FakeSlack, type SlackCall } from '../src/sandbox/fake-slack.js';
import { buttonsIn } from '../src/sandbox/slack-person.js';
import { fillView, SlackRequests } from '../src/sandbox/slack-requests.js';
import { openDatabase } from '../src/store/database.js';
import {
  AGENT,
  type GapdeskProcess,
  killHard,
  makeSandbox,
  SIGNING_SECRET,
  startGapdesk,
  stopGently,
  TRIAGE_CHANNEL,
} from './support/gapdesk-process.js';
import type { ScenarioResult } from './support/table.js';

export type KillNineOptions = { operations: number; ratePerSecond: number; kills: number; seed: number };

const LEASE_SECONDS = 5;
const REQUESTERS = Array.from({ length: 10 }, (_, i) => `U0REQ${i}`);
type ModalView = { callback_id?: string; private_metadata?: string; blocks?: unknown[] };

/** Whether a message names request `ref` (FAC-1, not FAC-10). */
const names = (fake: FakeSlack, call: SlackCall, ref: string) =>
  new RegExp(`\\b${ref}\\b`).test(fake.visibleText(call));

const isCard = (call: SlackCall) => call.params.channel === TRIAGE_CHANNEL && !call.params.thread_ts;

/** The triage card posted for `ref`: a top-level post in the triage channel titled with it. */
function triageCardOf(fake: FakeSlack, ref: string): SlackCall | undefined {
  return fake.callsTo('chat.postMessage').find((c) => isCard(c) && fake.visibleText(c).includes(`${ref} · `));
}

/**
 * The same logical message twice: same channel, thread and content (each names its request), or
 * a second triage card for a request (a card posted again after a change has other content).
 */
function duplicatePosts(fake: FakeSlack): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const call of fake.callsTo('chat.postMessage')) {
    const { channel, thread_ts, text, blocks } = call.params;
    const ref = isCard(call) ? /([A-Z]+-\d+) · /.exec(fake.visibleText(call))?.[1] : undefined;
    const key = ref ?? JSON.stringify([channel, thread_ts ?? null, text, blocks]);
    if (seen.has(key))
      twice.push(
        ref ? `a second triage card for ${ref}` : `${String(channel)}: ${String(text).slice(0, 60)}`,
      );
    seen.add(key);
  }
  return twice;
}

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
): Promise<{ ref: string; requesterUserId: string; assigned: boolean }[]> {
  const database = await openDatabase(databaseUrl);
  try {
    const rows = await sql<{ ref: string; uid: string; assignee: string | null }>`
      SELECT r.ref, p.platform_user_id AS uid, r.assignee_id AS assignee FROM requests r JOIN people p ON p.id = r.requester_id`.execute(
      database.db,
    );
    return rows.rows.map((row) => ({
      ref: row.ref,
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
  for (const id of [...REQUESTERS, AGENT]) fake.addUser({ id, name: id.toLowerCase(), tz: 'Europe/London' });
  // A short lease: jobs a killed process held run again 5 s later, not 60 s.
  const sandbox = makeSandbox(fake.url, { GAPDESK_JOB_LEASE_SECONDS: String(LEASE_SECONDS) });
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
  try {
    // The filing modal as gapdesk renders it, taken from one real /request.
    const since = fake.mark();
    await slack.command({ user: REQUESTERS[0] ?? '', text: 'warm-up' });
    const opened = await fake.waitFor((c) => c.method === 'views.open', { since });
    const modal = opened.params.view as ModalView;

    const ackedFilings: string[] = [];
    const ackedTakes = new Set<string>();
    const clicked = new Set<string>();
    let sent = 0;
    const durationMs = (options.operations / options.ratePerSecond) * 1000;
    const killAt = Array.from({ length: options.kills }, () => 500 + random() * (durationMs - 1000)).sort(
      (a, b) => a - b,
    );

    const file = async (i: number) => {
      const answer = await slack.viewSubmission({
        user: REQUESTERS[i % REQUESTERS.length] ?? '',
        view: {
          id: `VCHAOS${i}`,
          callback_id: modal.callback_id ?? '',
          private_metadata: modal.private_metadata ?? '',
          values: fillView(modal, { category: 'HVAC', description: `chaos filing ${i}`, needed_by: 'today' }),
        },
      });
      const ref = /Filed as \*([A-Z]+-\d+)\*/.exec(answer.text)?.[1];
      if (answer.status === 200 && ref) ackedFilings.push(ref);
    };
    const take = async () => {
      const candidates = ackedFilings.filter((ref) => !clicked.has(ref));
      const ref = candidates[Math.floor(random() * candidates.length)];
      const card = ref ? triageCardOf(fake, ref) : undefined;
      const button = card ? buttonsIn(card.params.blocks).find((b) => b.text?.text === 'Take') : undefined;
      if (!ref || !card || !button?.action_id) return file(100_000 + sent);
      clicked.add(ref);
      const answer = await slack.blockAction({
        user: AGENT,
        actionId: button.action_id,
        value: button.value ?? '',
        channel: TRIAGE_CHANNEL,
        messageTs: String(card.response.ts ?? ''),
      });
      if (answer.status === 200) ackedTakes.add(ref);
    };

    const inFlight: Promise<void>[] = [];
    const started = Date.now();
    let killed = 0;
    let restarting: Promise<void> | undefined;
    for (let i = 0; i < options.operations; i++) {
      const due = started + (i * 1000) / options.ratePerSecond;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      const nextKill = killAt[killed];
      if (nextKill !== undefined && Date.now() - started >= nextKill && !restarting) {
        killed += 1;
        restarting = (async () => {
          await killHard(server);
          server = await start(port);
          restarting = undefined;
        })();
      }
      sent += 1;
      const op = random() < 0.6 ? file(i) : take();
      inFlight.push(op.catch(() => undefined));
    }
    await Promise.all(inFlight);
    if (restarting) await restarting;
    // The last restart: a kill now, then a process that runs until the queue is drained.
    await killHard(server);
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
    const rows = await persisted(sandbox.databaseUrl);
    const byRef = new Map(rows.map((row) => [row.ref, row]));
    let lost = 0;
    let wrong = 0;
    const note = (text: string) => {
      if (notes.length < 10) notes.push(text);
    };
    for (const ref of ackedFilings)
      if (!byRef.has(ref)) {
        lost += 1;
        note(`filing ${ref} acknowledged, not in the database`);
      }
    for (const ref of ackedTakes)
      if (!byRef.get(ref)?.assigned) {
        lost += 1;
        note(`Take on ${ref} acknowledged, not persisted`);
      }
    const dms = fake.callsTo('chat.postMessage').filter((c) => /^[UD]/.test(String(c.params.channel)));
    for (const row of rows) {
      if (!triageCardOf(fake, row.ref)) {
        lost += 1;
        note(`${row.ref}: no triage card posted`);
      }
      if (
        !dms.some(
          (c) => String(c.params.channel).endsWith(row.requesterUserId.slice(1)) && names(fake, c, row.ref),
        )
      ) {
        lost += 1;
        note(`${row.ref}: the requester was never told`);
      }
    }
    const twice = duplicatePosts(fake);
    for (const text of twice.slice(0, 5)) note(`posted twice: ${text}`);
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
    notes.push(
      `${rows.length} requests in the database (${ackedFilings.length} filings and ${ackedTakes.size} Takes acknowledged); jobs ${JSON.stringify(jobs)}`,
    );
    return {
      scenario: 'kill -9 under load (Slack)',
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
    sandbox.remove();
  }
}
