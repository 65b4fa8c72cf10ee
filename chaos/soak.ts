// Scenario 7, soak: a steady 20 requests/s for 30 minutes (full form only) against a real gapdesk
// process on a SQLite file, the sandbox Slack behind it. Filings (the filing modal submitted) and
// Take clicks on posted triage cards, 60/40. Before the start, the database holds done jobs older
// than the retention period (which the worker must delete), and pending and parked ones as old
// (which it must keep). Checks: the RSS and the p99 acknowledgement of the last 5 minutes are
// within 10 % of the first 5 minutes'; the job table holds no done job past retention and its
// unfinished jobs do not pile up; every acknowledged filing and Take is in the database.

import { readFileSync } from 'node:fs';
import { seededRandom } from '../src/cli/demo/random.js';
import { DEFAULT_JOB_RETENTION_DAYS } from '../src/config.js';
import { percentile } from '../src/domain/stats/percentile.js';
import { FakeSlack, type SlackCall } from '../src/sandbox/fake-slack.js';
import { buttonsIn } from '../src/sandbox/slack-person.js';
import { fillView, SlackRequests } from '../src/sandbox/slack-requests.js';
import { openDatabase } from '../src/store/database.js';
import {
  AGENT,
  type GapdeskProcess,
  makeSandbox,
  SIGNING_SECRET,
  startGapdesk,
  stopGently,
  TRIAGE_CHANNEL,
} from './support/gapdesk-process.js';
import type { ScenarioResult } from './support/table.js';

export type SoakOptions = { minutes: number; ratePerSecond: number; seed: number };

const REQUESTERS = Array.from({ length: 20 }, (_, i) => `U0SOAK${i}`);
const DAY_MS = 24 * 60 * 60 * 1000;
/** Old jobs seeded per status: done ones must go, the others stay. */
const OLD_JOBS = { done: 2_000, pending: 5, failed: 5 };
type ModalView = { callback_id?: string; private_metadata?: string; blocks?: unknown[] };
type Sample = { at: number; ms: number };

/** The child's resident set, from /proc (Linux), in MiB. */
function rssMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kib = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Number(kib) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function seedOldJobs(databaseUrl: string): Promise<void> {
  const database = await openDatabase(databaseUrl);
  try {
    const old = new Date(Date.now() - (DEFAULT_JOB_RETENTION_DAYS + 1) * DAY_MS);
    // Pending ones are due in a year, so they stay unclaimed: only their age is old.
    const rows = Object.entries(OLD_JOBS).flatMap(([status, count]) =>
      Array.from({ length: count }, (_, i) => ({
        kind: 'soak.old',
        payload: '{}',
        idempotencyKey: `soak-old-${status}-${i}`,
        status,
        attempts: status === 'pending' ? 0 : 1,
        maxAttempts: 1,
        dueAt: status === 'pending' ? new Date(Date.now() + 365 * DAY_MS) : old,
        createdAt: old,
        finishedAt: status === 'pending' ? null : old,
      })),
    );
    for (let i = 0; i < rows.length; i += 200)
      await database.db
        .insertInto('jobs')
        .values(rows.slice(i, i + 200))
        .execute();
  } finally {
    await database.close();
  }
}

/** Jobs by status; `owed`: those due by now and not finished, by kind; `oldDone`: seeded done jobs left. */
async function jobCounts(
  databaseUrl: string,
): Promise<{ byStatus: Record<string, number>; owed: Record<string, number>; oldDone: number }> {
  const database = await openDatabase(databaseUrl);
  try {
    const rows = await database.db.selectFrom('jobs').select(['status', 'kind', 'dueAt']).execute();
    const byStatus: Record<string, number> = {};
    const owed: Record<string, number> = {};
    let oldDone = 0;
    const now = Date.now();
    for (const row of rows) {
      byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
      if (row.kind === 'soak.old' && row.status === 'done') oldDone += 1;
      const due = new Date(row.dueAt).getTime() <= now;
      if (row.status === 'running' || (row.status === 'pending' && due))
        owed[row.kind] = (owed[row.kind] ?? 0) + 1;
    }
    return { byStatus, owed, oldDone };
  } finally {
    await database.close();
  }
}

async function persisted(databaseUrl: string): Promise<Map<string, boolean>> {
  const database = await openDatabase(databaseUrl);
  try {
    const rows = await database.db.selectFrom('requests').select(['ref', 'assigneeId']).execute();
    return new Map(rows.map((row) => [row.ref, row.assigneeId !== null]));
  } finally {
    await database.close();
  }
}

/** The first and the last `windowMs` of the run: p99 of the acknowledgements and median RSS. */
function windows(samples: Sample[], rss: Sample[], started: number, ended: number, windowMs: number) {
  const pick = <T extends Sample>(list: T[], from: number, to: number) =>
    list.filter((s) => s.at >= from && s.at < to).map((s) => s.ms);
  const first = { from: started, to: started + windowMs };
  const last = { from: ended - windowMs, to: ended + 1 };
  return {
    p99: {
      first: percentile(pick(samples, first.from, first.to), 0.99),
      last: percentile(pick(samples, last.from, last.to), 0.99),
    },
    rss: {
      first: percentile(pick(rss, first.from, first.to), 0.5),
      last: percentile(pick(rss, last.from, last.to), 0.5),
    },
  };
}

/** The last RSS sample of each minute, in MiB: "1:280 2:310 …". */
function rssByMinute(rss: Sample[], started: number): string {
  const byMinute = new Map<number, number>();
  for (const sample of rss) byMinute.set(Math.floor((sample.at - started) / 60_000) + 1, sample.ms);
  return [...byMinute].map(([minute, mib]) => `${minute}:${mib.toFixed(0)}`).join(' ');
}

export async function soak(options: SoakOptions): Promise<ScenarioResult> {
  const random = seededRandom(options.seed).next;
  const fake = await FakeSlack.start();
  for (const id of [...REQUESTERS, AGENT]) fake.addUser({ id, name: id.toLowerCase(), tz: 'Europe/London' });
  const sandbox = makeSandbox(fake.url);
  await seedOldJobs(sandbox.databaseUrl);
  const notes: string[] = [];
  const server: GapdeskProcess = await startGapdesk(sandbox);
  const slack = new SlackRequests(server.url, SIGNING_SECRET);
  try {
    const since = fake.mark();
    await slack.command({ user: REQUESTERS[0] ?? '', text: 'warm-up' });
    const modal = (await fake.waitFor((c) => c.method === 'views.open', { since })).params.view as ModalView;

    // Triage cards by ref, read off the fake's record as it grows (a scan per click would be O(n²)).
    const cards = new Map<string, SlackCall>();
    let indexed = 0;
    const cardOf = (ref: string) => {
      for (; indexed < fake.calls.length; indexed++) {
        const call = fake.calls[indexed] as SlackCall;
        if (
          call.method !== 'chat.postMessage' ||
          call.params.channel !== TRIAGE_CHANNEL ||
          call.params.thread_ts
        )
          continue;
        const filed = /\b([A-Z]+-\d+)\b/.exec(fake.visibleText(call))?.[1];
        if (filed && !cards.has(filed)) cards.set(filed, call);
      }
      return cards.get(ref);
    };

    const ackedFilings: string[] = [];
    const ackedTakes = new Set<string>();
    const clicked = new Set<string>();
    const samples: Sample[] = [];
    const timed = async (send: () => Promise<{ status: number; text: string }>) => {
      const t0 = performance.now();
      const answer = await send();
      samples.push({ at: Date.now(), ms: performance.now() - t0 });
      return answer;
    };
    const file = async (i: number) => {
      const answer = await timed(() =>
        slack.viewSubmission({
          user: REQUESTERS[i % REQUESTERS.length] ?? '',
          view: {
            id: `VSOAK${i}`,
            callback_id: modal.callback_id ?? '',
            private_metadata: modal.private_metadata ?? '',
            values: fillView(modal, {
              category: 'HVAC',
              description: `soak filing ${i}`,
              needed_by: 'today',
            }),
          },
        }),
      );
      const ref = /Filed as \*([A-Z]+-\d+)\*/.exec(answer.text)?.[1];
      if (answer.status === 200 && ref) ackedFilings.push(ref);
    };
    let unclicked = 0;
    const take = async (i: number) => {
      // The oldest filings not yet taken, so every click changes something.
      const ref = ackedFilings[unclicked];
      const card = ref ? cardOf(ref) : undefined;
      const button = card ? buttonsIn(card.params.blocks).find((b) => b.text?.text === 'Take') : undefined;
      if (!ref || !card || !button?.action_id || clicked.has(ref)) return file(i);
      unclicked += 1;
      clicked.add(ref);
      const answer = await timed(() =>
        slack.blockAction({
          user: AGENT,
          actionId: button.action_id ?? '',
          value: button.value ?? '',
          channel: TRIAGE_CHANNEL,
          messageTs: String(card.response.ts ?? ''),
        }),
      );
      if (answer.status === 200) ackedTakes.add(ref);
    };

    const rss: Sample[] = [];
    const started = Date.now();
    const sampler = setInterval(() => {
      const mib = rssMiB(server.child.pid);
      if (mib !== undefined) rss.push({ at: Date.now(), ms: mib });
    }, 5_000);
    const total = Math.round(options.minutes * 60 * options.ratePerSecond);
    const inFlight = new Set<Promise<void>>();
    let failures = 0;
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / options.ratePerSecond;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      const op = (random() < 0.6 ? file(i) : take(i)).catch(() => {
        failures += 1;
      });
      inFlight.add(op);
      void op.finally(() => inFlight.delete(op));
    }
    await Promise.all(inFlight);
    const ended = Date.now();
    clearInterval(sampler);
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const windowMs = Math.min(5 * 60_000, ((ended - started) / 6) | 0);
    const measured = windows(samples, rss, started, ended, windowMs);
    const jobs = await jobCounts(sandbox.databaseUrl);
    const rows = await persisted(sandbox.databaseUrl);
    let lost = 0;
    let wrong = 0;
    const problem = (text: string) => {
      wrong += 1;
      notes.push(text);
    };
    for (const ref of ackedFilings) if (!rows.has(ref)) lost += 1;
    for (const ref of ackedTakes) if (!rows.get(ref)) lost += 1;
    if (lost > 0) notes.push(`${lost} acknowledged filings or Takes not in the database`);
    const within = (first: number, last: number) => last <= first * 1.1;
    if (!within(measured.rss.first, measured.rss.last))
      problem(`RSS grew: ${measured.rss.first.toFixed(0)} MiB → ${measured.rss.last.toFixed(0)} MiB`);
    if (!within(measured.p99.first, measured.p99.last))
      problem(`p99 grew: ${measured.p99.first.toFixed(1)} ms → ${measured.p99.last.toFixed(1)} ms`);
    if (jobs.oldDone > 0) problem(`${jobs.oldDone} done jobs past retention were kept`);
    if ((jobs.byStatus.failed ?? 0) !== OLD_JOBS.failed)
      problem(`parked jobs: ${jobs.byStatus.failed ?? 0}, ${OLD_JOBS.failed} seeded`);
    const owed = Object.values(jobs.owed).reduce((sum, n) => sum + n, 0);
    // Three seconds after the last request its deliveries are done; more owed is a backlog piling up.
    if (owed > 0) problem(`${owed} jobs due and unfinished at the end: ${JSON.stringify(jobs.owed)}`);
    if (failures > 0) problem(`${failures} requests got no answer`);
    notes.push(
      `${samples.length} answered in ${((ended - started) / 60_000).toFixed(1)} min; windows of ${(windowMs / 60_000).toFixed(1)} min`,
      `p99 acknowledgement: first ${measured.p99.first.toFixed(1)} ms, last ${measured.p99.last.toFixed(1)} ms`,
      `RSS (median): first ${measured.rss.first.toFixed(0)} MiB, last ${measured.rss.last.toFixed(0)} MiB; by minute: ${rssByMinute(rss, started)}`,
      `jobs at the end: ${JSON.stringify(jobs.byStatus)} (seeded ${JSON.stringify(OLD_JOBS)} older than ${DEFAULT_JOB_RETENTION_DAYS} days)`,
    );
    return {
      scenario: 'soak (Slack)',
      sent: total,
      acknowledged: ackedFilings.length + ackedTakes.size,
      faults: 0,
      lost,
      duplicated: 0,
      wrong,
      notes,
    };
  } finally {
    await stopGently(server);
    await fake.close();
    sandbox.remove();
  }
}
