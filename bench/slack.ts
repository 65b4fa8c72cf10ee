// npm run bench -- slack: signed slash commands and Take clicks against gapdesk's Slack endpoint
// (SQLite temp file, fake Slack Web API behind it, its job worker on) and against a bare Bolt app
// that only acks, in the same run. Each app, and the fake Slack, runs in its own child process
// (this file, with BENCH_SLACK_ROLE set), so the load generator shares no event loop with what it
// measures. Two figures, each beside the bare app's:
// - server CPU per request, gapdesk's including the deliveries each request caused (measured
//   until the process is idle again), at a fixed open-loop rate in alternating windows (support/
//   alternating-windows.ts). Floor: at most 3x the bare app's.
// - capacity: the highest rate of a step-up open loop (25, 50, 100, 150, 200/s) at which the p99
//   acknowledgement stays under 500 ms (support/capacity.ts). Floor: at least 100/s.
// Latency percentiles are printed for reading, not as targets: two identical apps on this shared
// 2-core machine differ 2x at p99. Loopback only; bounded request counts; never fails on time.
// Knobs: BENCH_SLACK_RATE (requests/s of the CPU windows), BENCH_SLACK_MIX (both | commands |
// clicks), BENCH_CAPACITY_RATES, BENCH_CAPACITY_SECONDS, BENCH_SLACK_PROFILE=<dir> (CPU profiles).

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
import { alternatingWindows, type Measured } from './support/alternating-windows.js';
import { CAPACITY_RATES, capacityRequests, describeSteps, openLoop, stepUp } from './support/capacity.js';
import { cpuMillisWhenIdle, startChildServer, stopChildServer } from './support/child-server.js';
import { post } from './support/post.js';

const RATE = Number(process.env.BENCH_SLACK_RATE ?? 100);
const SECONDS = 10;
/** Windows per app; each is SECONDS / ROUNDS long. */
const ROUNDS = 10;
const MIX = process.env.BENCH_SLACK_MIX ?? 'both';
const WARMUP = 400;
const TOTAL = RATE * SECONDS;
/** Requests filed up front, one per Take click, so every click changes something. */
const SENT = TOTAL + WARMUP + capacityRequests();
const CLICKS = MIX === 'commands' ? 0 : MIX === 'clicks' ? SENT : Math.ceil(SENT / 2);
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

/** One signed request; its ack latency in ms (a non-200 answer throws). */
async function sendSigned(url: string, body: string): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(SECRET, timestamp, body),
  };
  const { status, ms } = await post(url, headers, body);
  if (status !== 200) throw new Error(`${url} answered ${status}`);
  return ms;
}

/** Sends `bodies` at RATE per second whatever the answers (open loop); each ack latency in ms. */
async function load(url: string, bodies: Body[]): Promise<Sample[]> {
  const start = performance.now();
  return Promise.all(
    bodies.map(async ({ body, kind }, i): Promise<Sample> => {
      const wait = start + (i * 1000) / RATE - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        return { kind, ms: await sendSigned(url, body) };
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
    const errors = (run: Measured<Sample>) => run.samples.filter((sample) => sample.kind === 'error').length;
    const cpuPerRequest = (run: Measured<Sample>) => (run.cpuMs === null ? null : run.cpuMs / TOTAL);
    const bareCpu = cpuPerRequest(bareRun);
    const ourCpu = cpuPerRequest(ourRun);
    const ms = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(2)} ms`);
    process.stdout.write(
      [
        line('bare Bolt (ack only)', latencies(bareRun.samples)),
        line('gapdesk', latencies(ourRun.samples)),
        line('  /request (modal after ack)', latencies(ourRun.samples, 'command')),
        line('  Take click (persisted)', latencies(ourRun.samples, 'click')),
        `failed or non-200: bare ${errors(bareRun)}, gapdesk ${errors(ourRun)}`,
        `server CPU per request (until idle, so gapdesk's includes the deliveries each caused): bare ${ms(bareCpu)}, gapdesk ${ms(ourCpu)}` +
          (bareCpu && ourCpu ? `, ${(ourCpu / bareCpu).toFixed(2)}× (floor ≤ 3×)` : ''),
        `capacity (highest of ${CAPACITY_RATES.join(', ')}/s with p99 ack < 500 ms):`,
        '',
      ].join('\n'),
    );
    for (const [label, ready] of [
      ['bare Bolt', bare.ready],
      ['gapdesk', ours.ready],
    ] as const) {
      const loop = openLoop((i) => sendSigned(ready.url, mix(ready.requestIds, i, 1)[0]?.body ?? ''));
      const { steps, capacity } = await stepUp(loop, WARMUP + TOTAL);
      process.stdout.write(
        `  ${label.padEnd(10)} ${String(capacity).padStart(3)}/s${label === 'gapdesk' ? ' (floor ≥ 100/s)' : ''}   ${describeSteps(steps)}\n`,
      );
    }
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
