// npm run bench -- teams: Teams activities POSTed to /api/messages of gapdesk (SQLite temp file,
// its job worker on, a fake Bot Connector on loopback behind it) and of a bare CloudAdapter echo
// bot, in the same run. Kinds: a message ("the heating is off" → the bot replies with a card
// through the connector), an invoke that only renders (Facilities picked → the form card in the
// response), and an invoke that persists (Take on a fresh request → written, then the refreshed
// card in the response). Each bot runs in its own child process (this file with
// BENCH_TEAMS_ROLE set); the load generator and the fake connector share the parent. Closed
// loop, fixed concurrency, bounded counts; prints p50/p99 and gapdesk/echo ratios. Never fails
// on time (these machines are noisy). Also prints each bot's CPU per activity until it is idle
// again (gapdesk's includes the deliveries the activity caused): steadier than latency here.
// Knobs: BENCH_TEAMS_COUNT, BENCH_TEAMS_CONCURRENCY, BENCH_TEAMS_RATE=<activities/s> (open loop at
// that rate instead of the closed loop), BENCH_TEAMS_PROFILE=<dir> (CPU profiles of the bots).

import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express from 'express';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { percentile } from '../src/domain/stats/percentile.js';
import { silentLogger } from '../src/logger.js';
import { FakeBotConnector } from '../src/sandbox/fake-bot-connector.js';
import { cardAction, message, type TeamsUser, users } from '../src/sandbox/teams-activities.js';
import { fileRequest } from '../src/services/file-request.js';
import { testTeams } from '../test/fixtures/teams.js';
import { cpuMillisWhenIdle, startChildServer, stopChildServer } from './support/child-server.js';

const COUNT = Number(process.env.BENCH_TEAMS_COUNT ?? 500);
const WARMUP = 200;
const CONCURRENCY = Number(process.env.BENCH_TEAMS_CONCURRENCY ?? 8);
const RATE = Number(process.env.BENCH_TEAMS_RATE ?? 0);

async function listen(app: express.Express): Promise<{ url: string; server: Server }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, server };
}

/** The baseline: botbuilder's CloudAdapter with auth off, replying and answering invokes, nothing else. */
async function serveEchoBot(): Promise<{ url: string; close(): Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const app = express();
  app.post('/api/messages', express.json(), async (req, res) => {
    await adapter.process(req, res, async (context) => {
      if (context.activity.type === 'invoke') {
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

async function serveGapdesk(): Promise<{ url: string; requestIds: string[]; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'gapdesk-bench-teams-'));
  const gapdesk = await createApp({
    config: {
      port: 0,
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
  const server = await gapdesk.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`,
    requestIds,
    close: async () => {
      await gapdesk.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Make = (i: number) => Record<string, unknown>;

/** One activity POSTed; its latency in ms. */
async function send(url: string, activity: Record<string, unknown>): Promise<number> {
  const body = JSON.stringify(activity);
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
}

/**
 * Sends `count` activities and returns each one's latency in ms. Closed loop by default
 * (CONCURRENCY lanes, each sending when its last answer came: a throughput test, where latency
 * grows with each activity's CPU); with BENCH_TEAMS_RATE, open loop at that fixed rate
 * whatever the answers, as the Slack bench does (latency at a load both bots can carry).
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

function stats(latencies: number[]): { p50: number; p99: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

type Ready = { url: string; requestIds: string[] };

const requester = (i: number): TeamsUser => ({
  id: `29:req-${i % 50}`,
  name: `Requester ${i % 50}`,
  aadObjectId: `aad-req-${i % 50}`,
});

function kinds(connectorUrl: string, ids: string[]): Array<{ name: string; make: Make }> {
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

async function measure(
  role: 'echo' | 'gapdesk',
  connectorUrl: string,
): Promise<Array<{ p50: number; p99: number; cpuMs: number | null }>> {
  const profile = process.env.BENCH_TEAMS_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_TEAMS_PROFILE}`]
    : [];
  const { child, ready } = await startChildServer<Ready>(
    fileURLToPath(import.meta.url),
    { BENCH_TEAMS_ROLE: role },
    `${role} bot`,
    profile,
  );
  try {
    const out: Array<{ p50: number; p99: number; cpuMs: number | null }> = [];
    for (const kind of kinds(connectorUrl, ready.requestIds)) {
      await run(ready.url, kind.make, 0, WARMUP);
      const cpuBefore = await cpuMillisWhenIdle(child);
      const latencies = stats(await run(ready.url, kind.make, WARMUP, COUNT));
      const cpuAfter = await cpuMillisWhenIdle(child);
      const cpuMs = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / COUNT;
      out.push({ ...latencies, cpuMs });
    }
    return out;
  } finally {
    await stopChildServer(child);
  }
}

async function main(): Promise<void> {
  const connector = await FakeBotConnector.start();
  process.stdout.write(
    `${COUNT} activities per kind and bot after ${WARMUP} warm-up, ${RATE > 0 ? `open loop at ${RATE}/s` : `closed loop, concurrency ${CONCURRENCY}`}, loopback\n`,
  );
  const echo = await measure('echo', connector.url);
  const ours = await measure('gapdesk', connector.url);
  const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);
  kinds(connector.url, []).forEach((kind, index) => {
    const e = echo[index] ?? { p50: Number.NaN, p99: Number.NaN, cpuMs: null };
    const g = ours[index] ?? { p50: Number.NaN, p99: Number.NaN, cpuMs: null };
    const cpu = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(2)} ms`);
    process.stdout.write(
      `${kind.name.padEnd(26)} echo p50${ms(e.p50)} p99${ms(e.p99)} | gapdesk p50${ms(g.p50)} p99${ms(g.p99)} | ratio p50 ${(g.p50 / e.p50).toFixed(2)}× p99 ${(g.p99 / e.p99).toFixed(2)}× | CPU/activity echo ${cpu(e.cpuMs)}, gapdesk ${cpu(g.cpuMs)}\n`,
    );
  });
  process.stdout.write(
    `target: gapdesk within 1.5× of the echo bot; the connector received ${connector.calls.length} calls\n`,
  );
  await connector.close();
}

const role = process.env.BENCH_TEAMS_ROLE;
if (role === 'echo' || role === 'gapdesk') {
  const ready = role === 'echo' ? { ...(await serveEchoBot()), requestIds: [] } : await serveGapdesk();
  process.stdout.write(`${JSON.stringify({ url: ready.url, requestIds: ready.requestIds })}\n`);
  process.on('SIGTERM', () => {
    ready.close().finally(() => process.exit(0));
  });
} else {
  await main();
}
