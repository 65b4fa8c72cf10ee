// npm run bench -- slack: signed slash commands and Take clicks at a fixed rate (open loop,
// 200 requests/s) against gapdesk's Slack endpoint (SQLite temp file, fake Slack Web API behind
// it, its job worker on) and against a bare Bolt app that only acks, in the same run. Each app,
// and the fake Slack, runs in its own child process (this file, with BENCH_SLACK_ROLE set), so
// the load generator shares no event loop with what it measures. The two apps are measured in
// alternating one-second windows (10 each: A B, B A, …; see support/alternating-windows.ts), so
// both meet the same machine noise. Prints p50/p99 ack latency over all windows, the p99 ratio,
// the spread of the per-round ratios, and each server's CPU per request (a steadier number than
// latency on a shared machine). Loopback only; bounded request counts; never fails on time.
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
import { alternatingWindows, type Measured, spread } from './support/alternating-windows.js';
import { cpuMillisWhenIdle, startChildServer, stopChildServer } from './support/child-server.js';
import { post } from './support/post.js';

const RATE = Number(process.env.BENCH_SLACK_RATE ?? 200);
const SECONDS = 10;
/** Windows per app; each is SECONDS / ROUNDS long. */
const ROUNDS = 10;
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
      jobRetentionDays: 14,
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

type Sample = { kind: Body['kind']; ms: number } | { kind: 'error' };

/** Sends `bodies` at RATE per second whatever the answers (open loop); each ack latency in ms. */
async function load(url: string, bodies: Body[]): Promise<Sample[]> {
  const start = performance.now();
  return Promise.all(
    bodies.map(async ({ body, kind }, i): Promise<Sample> => {
      const wait = start + (i * 1000) / RATE - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(SECRET, timestamp, body),
      };
      try {
        const { status, ms } = await post(url, headers, body);
        return status === 200 ? { kind, ms } : { kind: 'error' };
      } catch {
        return { kind: 'error' };
      }
    }),
  );
}

const latencies = (samples: readonly Sample[], kind?: Body['kind']): number[] =>
  samples.flatMap((sample) =>
    sample.kind !== 'error' && (kind === undefined || sample.kind === kind) ? [sample.ms] : [],
  );

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

async function main(): Promise<void> {
  const fake = await startRole('fake', '');
  const bare = await startRole('bare', fake.ready.url);
  const ours = await startRole('gapdesk', fake.ready.url);
  const perWindow = TOTAL / ROUNDS;
  process.stdout.write(
    `${TOTAL} requests per app at ${RATE}/s (${MIX === 'both' ? 'half /request, half Take' : MIX}) after ${WARMUP} warm-up, in ${ROUNDS} alternating windows of ${perWindow} per app…\n`,
  );
  try {
    await load(bare.ready.url, mix([], 0, WARMUP));
    await load(ours.ready.url, mix(ours.ready.requestIds, 0, WARMUP));
    await Promise.all([
      cpuMillisWhenIdle(bare.child),
      cpuMillisWhenIdle(ours.child),
      cpuMillisWhenIdle(fake.child),
    ]);
    const window = (ready: Ready) => (round: number) =>
      load(ready.url, mix(ready.requestIds, WARMUP + round * perWindow, perWindow));
    const [bareRun, ourRun] = (await alternatingWindows(ROUNDS, [
      { child: bare.child, window: window(bare.ready) },
      { child: ours.child, window: window(ours.ready) },
    ])) as [Measured<Sample>, Measured<Sample>];
    const bareAll = latencies(bareRun.samples);
    const ourAll = latencies(ourRun.samples);
    const errors = (run: Measured<Sample>) => run.samples.filter((sample) => sample.kind === 'error').length;
    const p99 = (samples: readonly Sample[]) => percentile(latencies(samples), 0.99);
    const roundRatios = ourRun.byRound.map(
      (samples, round) => p99(samples) / p99(bareRun.byRound[round] ?? []),
    );
    const cpu = (run: Measured<Sample>) =>
      run.cpuMs === null ? 'n/a' : `${(run.cpuMs / TOTAL).toFixed(2)} ms`;
    process.stdout.write(
      [
        line('bare Bolt (ack only)', bareAll),
        line('  /request', latencies(bareRun.samples, 'command')),
        line('  Take click', latencies(bareRun.samples, 'click')),
        line('gapdesk', ourAll),
        line('  /request (modal after ack)', latencies(ourRun.samples, 'command')),
        line('  Take click (persisted)', latencies(ourRun.samples, 'click')),
        `failed or non-200: bare ${errors(bareRun)}, gapdesk ${errors(ourRun)}`,
        `p99 ratio gapdesk / bare Bolt: ${(percentile(ourAll, 0.99) / percentile(bareAll, 0.99)).toFixed(2)}× (target ≤ 1.5×)`,
        `p50 ratio gapdesk / bare Bolt: ${(percentile(ourAll, 0.5) / percentile(bareAll, 0.5)).toFixed(2)}×`,
        `p99 ratio per round (lowest / median / highest): ${spread(roundRatios)}`,
        `server CPU per request (until idle, so gapdesk's includes the deliveries each caused): bare ${cpu(bareRun)}, gapdesk ${cpu(ourRun)}`,
        '',
      ].join('\n'),
    );
  } finally {
    await Promise.all([
      stopChildServer(bare.child),
      stopChildServer(ours.child),
      stopChildServer(fake.child),
    ]);
  }
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
