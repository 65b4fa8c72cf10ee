// npm run bench -- slack: signed slash commands and Take clicks at a fixed rate (open loop,
// 200 requests/s for 10 s) against gapdesk's Slack endpoint (SQLite temp file, fake Slack Web
// API behind it), and the same against a bare Bolt app that only acks, in the same run. Each
// app, and the fake Slack, runs in its own child process (this file, with BENCH_SLACK_ROLE
// set), so the load generator shares no event loop with what it measures. Prints p50/p99 ack
// latency and the p99 ratio, and each server's CPU per request (a steadier number than latency
// on a shared machine). Loopback only; bounded request counts; never fails on time.
// Knobs: BENCH_SLACK_RATE (requests/s), BENCH_SLACK_MIX (both | commands | clicks),
// BENCH_SLACK_PROFILE=<dir> (CPU profiles of the children).

import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, ExpressReceiver } from '@slack/bolt';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { percentile } from '../src/domain/stats/percentile.js';
import { silentLogger } from '../src/logger.js';
import { FakeSlack } from '../src/sandbox/fake-slack.js';
import { slackSignature } from '../src/sandbox/slack-requests.js';
import { fileRequest } from '../src/services/file-request.js';
import { testTeams } from '../test/fixtures/teams.js';
import { cpuMillisWhenIdle, startChildServer, stopChildServer } from './support/child-server.js';

const RATE = Number(process.env.BENCH_SLACK_RATE ?? 200);
const SECONDS = 10;
const MIX = process.env.BENCH_SLACK_MIX ?? 'both';
const WARMUP = 400;
const TOTAL = RATE * SECONDS;
/** Requests filed up front, one per Take click, so every click changes something. */
const CLICKS = MIX === 'commands' ? 0 : MIX === 'clicks' ? TOTAL + WARMUP : (TOTAL + WARMUP) / 2;
const SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench';

type Ready = { url: string; requestIds: string[] };

const quietLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => 'error' as never,
  setName: () => undefined,
};

async function serveBareBolt(): Promise<Ready> {
  const receiver = new ExpressReceiver({
    signingSecret: SECRET,
    processBeforeResponse: false,
    logger: quietLogger,
  });
  const app = new App({
    receiver,
    logger: quietLogger,
    authorize: async () => ({ botToken: TOKEN, botId: 'B0BOT', botUserId: 'U0BOT' }),
  });
  app.command('/request', async ({ ack }) => ack());
  app.action('triage_take', async ({ ack }) => ack());
  const server: Server = await new Promise((resolve) => {
    const s = receiver.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/slack/events`, requestIds: [] };
}

async function serveGapdesk(apiUrl: string): Promise<Ready> {
  const dir = mkdtempSync(join(tmpdir(), 'gapdesk-bench-slack-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const gapdesk = await createApp({
    config: {
      port: 0,
      databaseUrl: `file:${join(dir, 'bench.db')}`,
      configPath: 'bench',
      logLevel: 'silent',
      timezone: 'Europe/London',
      teams: testTeams(),
      slack: { botToken: TOKEN, signingSecret: SECRET, apiUrl },
    },
    logger: silentLogger,
    clock: systemClock,
  });
  const requestIds: string[] = [];
  for (let i = 0; i < CLICKS; i++) {
    const { request } = await fileRequest(gapdesk.deps, {
      teamId: 'facilities',
      requester: { platform: 'slack', userId: `U0REQ${i % 50}`, name: `requester ${i % 50}` },
      category: 'HVAC',
      description: `bench request ${i}`,
      neededBy: { choice: 'today' },
      source: { platform: 'slack', entry: 'slash_command' },
    });
    requestIds.push(request.id);
  }
  await gapdesk.worker.drain();
  const server = await gapdesk.listen(0, '127.0.0.1');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, requestIds };
}

type Body = { body: string; kind: 'command' | 'click' };

function commandBody(i: number): Body {
  const body = new URLSearchParams({
    team_id: 'T0GAPDESK',
    channel_id: 'C0GENERAL',
    user_id: 'U0DANA',
    user_name: 'dana',
    command: '/request',
    text: `bench request ${i}`,
    api_app_id: 'A0GAPDESK',
    response_url: 'https://hooks.slack.com/commands/x',
    trigger_id: `trigger-${i}`,
  }).toString();
  return { body, kind: 'command' };
}

function clickBody(i: number, requestId: string): Body {
  const payload = {
    type: 'block_actions',
    team: { id: 'T0GAPDESK' },
    api_app_id: 'A0GAPDESK',
    trigger_id: `trigger-click-${i}`,
    user: { id: 'U0ALEX', username: 'alex' },
    channel: { id: 'C0FACILITY' },
    container: { type: 'message', channel_id: 'C0FACILITY', message_ts: '1.0' },
    actions: [
      { type: 'button', action_id: 'triage_take', block_id: 'triage', value: requestId, action_ts: '1' },
    ],
  };
  return { body: `payload=${encodeURIComponent(JSON.stringify(payload))}`, kind: 'click' };
}

/** Alternating /request and Take (each Take on a request not yet taken, so it writes). */
function mix(requestIds: readonly string[], offset: number, count: number): Body[] {
  return Array.from({ length: count }, (_, i) => {
    const n = offset + i;
    const command = MIX === 'commands' || (MIX === 'both' && n % 2 === 0);
    return command ? commandBody(n) : clickBody(n, requestIds[MIX === 'clicks' ? n : n >> 1] ?? 'none');
  });
}

type Latencies = { command: number[]; click: number[]; errors: number; cpuMsPerRequest?: number | null };

/** Sends `bodies` at RATE per second whatever the answers (open loop); each ack latency in ms. */
async function load(url: string, bodies: Body[]): Promise<Latencies> {
  const result: Latencies = { command: [], click: [], errors: 0 };
  const start = performance.now();
  await Promise.all(
    bodies.map(async ({ body, kind }, i) => {
      const wait = start + (i * 1000) / RATE - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(SECRET, timestamp, body),
      };
      const sent = performance.now();
      try {
        const response = await fetch(url, { method: 'POST', headers, body });
        await response.text();
        if (response.status === 200) result[kind].push(performance.now() - sent);
        else result.errors++;
      } catch {
        result.errors++;
      }
    }),
  );
  return result;
}

function line(label: string, values: readonly number[]): string {
  if (values.length === 0) return `${label.padEnd(26)} n=   0`;
  const ms = (p: number) => `${percentile(values, p).toFixed(1)} ms`.padStart(9);
  return `${label.padEnd(26)} n=${String(values.length).padStart(4)}  p50 ${ms(0.5)}  p99 ${ms(0.99)}  max ${ms(1)}`;
}

/** This file again, as one of the servers (bare Bolt, gapdesk, or the fake Slack behind gapdesk). */
function startRole(role: 'bare' | 'gapdesk' | 'fake', apiUrl: string) {
  const profile = process.env.BENCH_SLACK_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SLACK_PROFILE}`]
    : [];
  return startChildServer<Ready>(
    fileURLToPath(import.meta.url),
    { BENCH_SLACK_ROLE: role, BENCH_SLACK_API_URL: apiUrl },
    `${role} server`,
    profile,
  );
}

async function measure(role: 'bare' | 'gapdesk', apiUrl: string): Promise<Latencies> {
  const { child, ready } = await startRole(role, apiUrl);
  try {
    await load(ready.url, mix(ready.requestIds, 0, WARMUP));
    const cpuBefore = await cpuMillisWhenIdle(child);
    const latencies = await load(ready.url, mix(ready.requestIds, WARMUP, TOTAL));
    const cpuAfter = await cpuMillisWhenIdle(child);
    const cpuMsPerRequest = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / TOTAL;
    return { ...latencies, cpuMsPerRequest };
  } finally {
    await stopChildServer(child);
  }
}

const cpu = (latencies: Latencies) =>
  latencies.cpuMsPerRequest == null ? 'n/a' : `${latencies.cpuMsPerRequest.toFixed(2)} ms`;

async function main(): Promise<void> {
  const fake = await startRole('fake', '');
  process.stdout.write(
    `${TOTAL} requests at ${RATE}/s (half /request, half Take) after ${WARMUP} warm-up, against each app…\n`,
  );
  const bare = await measure('bare', fake.ready.url);
  const ours = await measure('gapdesk', fake.ready.url);
  await stopChildServer(fake.child);
  const bareAll = [...bare.command, ...bare.click];
  const ourAll = [...ours.command, ...ours.click];
  process.stdout.write(
    [
      line('bare Bolt (ack only)', bareAll),
      line('  /request', bare.command),
      line('  Take click', bare.click),
      line('gapdesk', ourAll),
      line('  /request (modal after ack)', ours.command),
      line('  Take click (persisted)', ours.click),
      `failed or non-200: bare ${bare.errors}, gapdesk ${ours.errors}`,
      `p99 ratio gapdesk / bare Bolt: ${(percentile(ourAll, 0.99) / percentile(bareAll, 0.99)).toFixed(2)}× (target ≤ 1.5×)`,
      `p50 ratio gapdesk / bare Bolt: ${(percentile(ourAll, 0.5) / percentile(bareAll, 0.5)).toFixed(2)}×`,
      `server CPU per request (until idle, so gapdesk's includes the deliveries each caused): bare ${cpu(bare)}, gapdesk ${cpu(ours)}`,
      '',
    ].join('\n'),
  );
}

const role = process.env.BENCH_SLACK_ROLE;
if (role === undefined) {
  await main();
} else {
  // A child: serve one thing, announce where on stdout, and wait to be stopped. Never main().
  const ready =
    role === 'bare'
      ? await serveBareBolt()
      : role === 'fake'
        ? { url: (await FakeSlack.start()).url, requestIds: [] }
        : await serveGapdesk(process.env.BENCH_SLACK_API_URL ?? '');
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.on('SIGTERM', () => process.exit(0));
  process.on('SIGINT', () => process.exit(0));
}
