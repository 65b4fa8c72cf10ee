// npm run bench -- teams: Teams activities POSTed to /api/messages of gapdesk (SQLite temp file,
// its job worker on, a fake Bot Connector on loopback behind it) and of a bare CloudAdapter echo
// bot, in the same run. Kinds: a message ("the heating is off" → the bot replies with a card
// through the connector), an invoke that only renders (Facilities picked → the form card in the
// response), and an invoke that persists (Take on a fresh request → written, then the refreshed
// card in the response). Each bot, and the fake connector, runs in its own child process (this
// file with BENCH_TEAMS_ROLE set), so the load generator shares no event loop with them.
// By default the load is an open loop at a fixed rate (100 activities/s: latency at a load both
// bots carry, as the Slack bench does), and the two bots are measured in alternating windows
// (10 each per kind; see support/alternating-windows.ts) so both meet the same machine noise.
// Prints p50/p99 per kind and bot, the gapdesk/echo ratios, the spread of the per-round p99
// ratios, and each bot's CPU per activity until it is idle again (gapdesk's includes the
// deliveries the activity caused): steadier than latency here. Never fails on time.
// The Take is also measured beside a third bot, the echo bot that writes the click before it
// answers (one read, a versioned update, an event, a commit, on a copy of gapdesk's database):
// what persisting before answering costs by itself, so the part of the Take's ratio that is
// gapdesk's own work shows apart from the part any bot that keeps its promise pays.
// Knobs: BENCH_TEAMS_RATE=<activities/s> (0: a closed loop instead, a throughput test),
// BENCH_TEAMS_CONCURRENCY (lanes of the closed loop), BENCH_TEAMS_COUNT (activities per kind and
// bot), BENCH_TEAMS_PROFILE=<dir> (CPU profiles of the bots), BENCH_TEAMS_CALIBRATE=1 (a
// second echo bot in gapdesk's place: the ratios this machine's noise alone gives two equal bots).

import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express from 'express';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { percentile } from '../src/domain/stats/percentile.js';
import { silentLogger } from '../src/logger.js';
import { FakeBotConnector } from '../src/sandbox/fake-bot-connector.js';
import {
  botAddedToTeam,
  cardAction,
  installationUpdate,
  message,
  type TeamsUser,
  users,
} from '../src/sandbox/teams-activities.js';
import { fileRequest } from '../src/services/file-request.js';
import { testTeams } from '../test/fixtures/teams.js';
import { alternatingWindows, type Measured, spread } from './support/alternating-windows.js';
import { cpuMillisWhenIdle, startChildServer, stopChildServer } from './support/child-server.js';
import { post } from './support/post.js';

const COUNT = Number(process.env.BENCH_TEAMS_COUNT ?? 1000);
const WARMUP = 200;
const CONCURRENCY = Number(process.env.BENCH_TEAMS_CONCURRENCY ?? 8);
const RATE = Number(process.env.BENCH_TEAMS_RATE ?? 100);
/** Windows per bot and kind; each holds COUNT / ROUNDS activities. */
const ROUNDS = 10;
const CALIBRATE = process.env.BENCH_TEAMS_CALIBRATE === '1';

async function listen(app: express.Express): Promise<{ url: string; server: Server }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, server };
}

/**
 * The baseline: botbuilder's CloudAdapter with auth off, replying and answering invokes, nothing
 * else. `beforeInvoke` runs before an invoke is answered (the persisting echo's write).
 */
async function serveEchoBot(
  beforeInvoke: (value: unknown) => void = () => undefined,
): Promise<{ url: string; close(): Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const app = express();
  app.post('/api/messages', express.json(), async (req, res) => {
    await adapter.process(req, res, async (context) => {
      if (context.activity.type === 'invoke') {
        beforeInvoke(context.activity.value);
        const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'ok' }] };
        await context.sendActivity({
          type: 'invokeResponse',
          value: {
            status: 200,
            body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card },
          },
        });
      } else {
        await context.sendActivity(`echo: ${context.activity.text}`);
      }
    });
  });
  const { url, server } = await listen(app);
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * gapdesk installed as in a real tenant: added to the Facilities team (so it can post triage
 * cards) and installed by each requester (so it can tell them of changes), then requests filed.
 * Its database file is `dir`/bench.db.
 */
async function serveGapdesk(
  connectorUrl: string,
  dir = mkdtempSync(join(tmpdir(), 'gapdesk-bench-teams-')),
): Promise<{ url: string; requestIds: string[]; stop(): Promise<void>; close(): Promise<void> }> {
  const gapdesk = await createApp({
    config: {
      port: 0,
      jobRetentionDays: 14,
      databaseUrl: `file:${join(dir, 'bench.db')}`,
      configPath: 'bench',
      logLevel: 'silent',
      timezone: 'Europe/London',
      teams: testTeams(),
      msteams: { auth: 'off' },
    },
    logger: silentLogger,
    clock: systemClock,
  });
  const server = await gapdesk.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  await send(url, botAddedToTeam(connectorUrl, users.alex));
  for (let i = 0; i < 50; i++) await send(url, installationUpdate(connectorUrl, requester(i)));
  const requestIds: string[] = [];
  for (let i = 0; i < COUNT + WARMUP; i++) {
    const { request } = await fileRequest(gapdesk.deps, {
      teamId: 'facilities',
      requester: { platform: 'teams', userId: `aad-req-${i % 50}`, name: `requester ${i % 50}` },
      category: 'HVAC',
      description: `bench request ${i}`,
      neededBy: { choice: 'today' },
      source: { platform: 'teams', entry: 'teams_chat' },
    });
    requestIds.push(request.id);
  }
  await gapdesk.worker.drain();
  return {
    url,
    requestIds,
    stop: () => gapdesk.close(),
    close: async () => {
      // A delivery that failed would make the bench measure retries, not the product: say so.
      const failed = await gapdesk.database.db.job.count({ where: { lastError: { not: null } } });
      process.stderr.write(`(gapdesk: ${failed} jobs failed at least once)\n`);
      await gapdesk.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The echo bot that writes each Take before it answers, as any bot that persists a click must:
 * on gapdesk's own database (schema, indexes and requests as gapdesk filed them, gapdesk then
 * stopped), one BEGIN IMMEDIATE transaction that reads the request, updates its status,
 * assignee and acknowledgement at its version, and adds its event. SQLite as better-sqlite3
 * opens it (WAL, synchronous=NORMAL, automatic checkpoints): a bare bot, not gapdesk's tuning.
 */
async function servePersistingEcho(
  connectorUrl: string,
): Promise<{ url: string; requestIds: string[]; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'gapdesk-bench-teams-floor-'));
  const gapdesk = await serveGapdesk(connectorUrl, dir);
  await gapdesk.stop();
  const db = new Database(join(dir, 'bench.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const read = db.prepare<[string], { status: string; version: number; requester_id: string }>(
    'SELECT status, version, requester_id FROM requests WHERE id = ?',
  );
  const update = db.prepare(
    `UPDATE requests SET status = 'acknowledged', assignee_id = ?, acknowledged_at = ?, version = version + 1, updated_at = ?
     WHERE id = ? AND version = ?`,
  );
  const addEvent = db.prepare(
    `INSERT INTO request_events (request_id, at, actor_id, type, from_status, to_status, data)
     VALUES (?, ?, ?, 'taken', ?, 'acknowledged', '{}')`,
  );
  const take = db.transaction((requestId: string) => {
    const request = read.get(requestId);
    if (!request) throw new Error(`no request ${requestId}`);
    const now = new Date().toISOString().replace('Z', '+00:00');
    // The requester stands in for the assignee: any person id satisfies the foreign key.
    update.run(request.requester_id, now, now, requestId, request.version);
    addEvent.run(requestId, now, request.requester_id, request.status);
  });
  const echo = await serveEchoBot((value) => {
    const requestId = (value as { action?: { data?: { requestId?: string } } }).action?.data?.requestId;
    if (requestId) take.immediate(requestId);
  });
  return {
    url: echo.url,
    requestIds: gapdesk.requestIds,
    close: async () => {
      await echo.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Make = (i: number) => Record<string, unknown>;

/** One activity POSTed; its latency in ms. */
async function send(url: string, activity: Record<string, unknown>): Promise<number> {
  const { status, ms } = await post(url, { 'content-type': 'application/json' }, JSON.stringify(activity));
  if (status !== 200) throw new Error(`${url} answered ${status}`);
  return ms;
}

/**
 * Sends `count` activities and returns each one's latency in ms: at RATE per second whatever
 * the answers (open loop), or with RATE 0 in CONCURRENCY lanes, each sending when its last
 * answer came (closed loop: a throughput test, where latency grows with each activity's CPU).
 */
async function run(url: string, make: Make, from: number, count: number): Promise<number[]> {
  if (RATE > 0) {
    const start = performance.now();
    return Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const wait = start + (i * 1000) / RATE - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        return send(url, make(from + i));
      }),
    );
  }
  const latencies: number[] = [];
  let next = from;
  const lane = async () => {
    while (next < from + count) latencies.push(await send(url, make(next++)));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return latencies;
}

type Ready = { url: string; requestIds: string[] };

const requester = (i: number): TeamsUser => ({
  id: `29:req-${i % 50}`,
  name: `Requester ${i % 50}`,
  aadObjectId: `aad-req-${i % 50}`,
});

function kinds(connectorUrl: string, ids: string[]): Array<{ name: string; make: Make; persists?: boolean }> {
  return [
    {
      name: 'message (card reply)',
      make: (i) => message(connectorUrl, requester(i), `The heating is off in room ${i}`),
    },
    {
      name: 'invoke (form card)',
      make: (i) =>
        cardAction(connectorUrl, requester(i), {
          verb: 'chooseTeam',
          data: { formId: `form-${i}`, teamId: 'facilities', description: 'The heating is off' },
          replyToId: `card-${i}`,
          where: 'personal',
        }),
    },
    {
      name: 'invoke (Take, persisted)',
      persists: true,
      make: (i) =>
        cardAction(connectorUrl, users.alex, {
          verb: 'take',
          data: { requestId: ids[i] ?? '' },
          replyToId: `card-${i}`,
          where: 'channel',
        }),
    },
  ];
}

function startRole(role: 'echo' | 'gapdesk' | 'persisting-echo' | 'connector', connectorUrl = '') {
  const profile =
    process.env.BENCH_TEAMS_PROFILE && role !== 'connector'
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_TEAMS_PROFILE}`]
      : [];
  return startChildServer<Ready>(
    fileURLToPath(import.meta.url),
    { BENCH_TEAMS_ROLE: role, BENCH_TEAMS_CONNECTOR_URL: connectorUrl },
    role,
    profile,
  );
}

async function main(): Promise<void> {
  const connector = await startRole('connector');
  const echo = await startRole('echo');
  const ours = CALIBRATE ? await startRole('echo') : await startRole('gapdesk', connector.ready.url);
  const name = CALIBRATE ? 'echo 2' : 'gapdesk';
  const persistingEcho = CALIBRATE ? null : await startRole('persisting-echo', connector.ready.url);
  const all = [echo, ours, ...(persistingEcho ? [persistingEcho] : []), connector];
  const perWindow = Math.floor(COUNT / ROUNDS);
  process.stdout.write(
    `${perWindow * ROUNDS} activities per kind and bot after ${WARMUP} warm-up, ${RATE > 0 ? `open loop at ${RATE}/s` : `closed loop, concurrency ${CONCURRENCY}`}, in ${ROUNDS} alternating windows per bot, loopback\n`,
  );
  const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);
  const cpu = (value: number | null) =>
    value === null ? 'n/a' : `${(value / (perWindow * ROUNDS)).toFixed(2)} ms`;
  const p = (samples: readonly number[], q: number) => percentile(samples, q);
  const ratios = (of: Measured<number>, to: Measured<number>) => {
    const perRound = of.byRound.map((samples, round) => p(samples, 0.99) / p(to.byRound[round] ?? [], 0.99));
    return `ratio p50 ${(p(of.samples, 0.5) / p(to.samples, 0.5)).toFixed(2)}× p99 ${(p(of.samples, 0.99) / p(to.samples, 0.99)).toFixed(2)}× (per round ${spread(perRound)})`;
  };
  try {
    for (const [index, kind] of kinds(connector.ready.url, []).entries()) {
      const bots = kind.persists && persistingEcho ? [echo, ours, persistingEcho] : [echo, ours];
      const makeFor = (ready: Ready) =>
        (kinds(connector.ready.url, ready.requestIds)[index] as { make: Make }).make;
      for (const bot of bots) await run(bot.ready.url, makeFor(bot.ready), 0, WARMUP);
      await Promise.all(all.map((process) => cpuMillisWhenIdle(process.child)));
      const [e, g, f] = await alternatingWindows(
        ROUNDS,
        bots.map((bot) => ({
          child: bot.child,
          window: (round: number) =>
            run(bot.ready.url, makeFor(bot.ready), WARMUP + round * perWindow, perWindow),
        })),
      );
      if (!e || !g) throw new Error('a bot was not measured');
      process.stdout.write(
        `${kind.name.padEnd(26)} echo p50${ms(p(e.samples, 0.5))} p99${ms(p(e.samples, 0.99))} | ${name} p50${ms(p(g.samples, 0.5))} p99${ms(p(g.samples, 0.99))} | ${ratios(g, e)} | CPU/activity echo ${cpu(e.cpuMs)}, ${name} ${cpu(g.cpuMs)}\n`,
      );
      if (f) {
        process.stdout.write(
          `${'  echo that writes it'.padEnd(26)} p50${ms(p(f.samples, 0.5))} p99${ms(p(f.samples, 0.99))} | to the echo: ${ratios(f, e)} | gapdesk to it: ${ratios(g, f)} | CPU/activity ${cpu(f.cpuMs)}\n`,
        );
      }
    }
    process.stdout.write(
      CALIBRATE
        ? 'calibration: two equal echo bots; each ratio shows what noise alone does to it on this machine\n'
        : 'target: gapdesk within 1.5× of the echo bot (the echo that writes it: what persisting the click costs any bot)\n',
    );
  } finally {
    await Promise.all(all.map((process) => stopChildServer(process.child)));
  }
}

const role = process.env.BENCH_TEAMS_ROLE;
if (role === 'connector') {
  const connector = await FakeBotConnector.start();
  process.stdout.write(`${JSON.stringify({ url: connector.url, requestIds: [] })}\n`);
  process.on('SIGTERM', () => {
    process.stderr.write(`(the fake connector received ${connector.calls.length} calls)\n`);
    connector.close().finally(() => process.exit(0));
  });
} else if (role === 'echo' || role === 'gapdesk' || role === 'persisting-echo') {
  const connectorUrl = process.env.BENCH_TEAMS_CONNECTOR_URL ?? '';
  const ready =
    role === 'echo'
      ? { ...(await serveEchoBot()), requestIds: [] }
      : role === 'gapdesk'
        ? await serveGapdesk(connectorUrl)
        : await servePersistingEcho(connectorUrl);
  process.stdout.write(`${JSON.stringify({ url: ready.url, requestIds: ready.requestIds })}\n`);
  process.on('SIGTERM', () => {
    ready.close().finally(() => process.exit(0));
  });
} else {
  await main();
}
