import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../src/sandbox/fake-slack.js';
import { SlackSandboxPerson } from '../src/sandbox/slack-person.js';
import { SlackRequests, slackSignature } from '../src/sandbox/slack-requests.js';
import { openDatabase } from '../src/store/database.js';

const SIGNING_SECRET = 'shutdown-test-signing-secret-0123';
const DANA = 'U0DANA';
const CONFIG_YAML = `
timezone: Europe/London
teams:
  - id: facilities
    name: Facilities
    categories: [HVAC, Access, Other]
    sla:
      urgent: { acknowledge: 15m, resolve: 4h }
      high:   { acknowledge: 1h,  resolve: 1d }
      normal: { acknowledge: 4h,  resolve: 3d }
      low:    { acknowledge: 1d,  resolve: 10d }
    slack: { triageChannel: C0FACILITY, members: [U0SAM], leads: [U0SAM] }
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** `npm start` (src/main.ts) in a child process, its JSON log lines collected as they come. */
type Server = {
  child: ChildProcess;
  port: number;
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
  logged(msg: string, timeoutMs?: number): Promise<void>;
};

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as Record<string, unknown>);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logged = async (msg: string, timeoutMs = 45_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!lines.some((line) => String(line.msg).startsWith(msg))) {
      if (child.exitCode !== null)
        throw new Error(`gapdesk exited (${child.exitCode}) before logging "${msg}"`);
      if (Date.now() > deadline) throw new Error(`gapdesk did not log "${msg}" within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  await logged('gapdesk listening');
  return { child, port, lines, exited, logged };
}

/** Resolves with how a fresh TCP connection to the port went: 'accepted' or the error code. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = netConnect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

/**
 * A signed `/request help` sent over a raw socket, all but its last bytes: an HTTP request the
 * server has accepted and is still reading. `finish()` sends the rest and resolves with the
 * whole answer as text.
 */
async function startSlowRequest(port: number): Promise<{ finish(): Promise<string> }> {
  const body = new URLSearchParams({
    team_id: 'T0GAPDESK',
    channel_id: 'C0GENERAL',
    user_id: DANA,
    user_name: 'dana',
    command: '/request',
    text: 'help',
    api_app_id: 'A0GAPDESK',
    response_url: 'https://hooks.slack.com/commands/T0GAPDESK/1/x',
    trigger_id: 'trigger-slow',
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const head = [
    'POST /slack/events HTTP/1.1',
    `host: 127.0.0.1:${port}`,
    'content-type: application/x-www-form-urlencoded',
    `content-length: ${Buffer.byteLength(body)}`,
    `x-slack-request-timestamp: ${timestamp}`,
    `x-slack-signature: ${slackSignature(SIGNING_SECRET, timestamp, body)}`,
    '',
    '',
  ].join('\r\n');
  const socket = netConnect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<string>((resolve, reject) => {
    socket.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.once('error', reject);
  });
  socket.write(head + body.slice(0, -5));
  return {
    finish: () => {
      socket.write(body.slice(-5));
      return ended;
    },
  };
}

// A minute a test: the child's start (tsx compiling the app) takes seconds on a busy machine.
const PROCESS_TEST_MS = 60_000;

describe('SIGTERM', { timeout: PROCESS_TEST_MS }, () => {
  let fake: FakeSlack;
  let dir: string;
  let env: Record<string, string>;
  let server: Server | undefined;

  beforeEach(async () => {
    fake = await FakeSlack.start();
    fake.addUser({ id: DANA, name: 'dana', real_name: 'Dana Reyes', tz: 'Europe/London' });
    dir = mkdtempSync(join(tmpdir(), 'gapdesk-shutdown-'));
    writeFileSync(join(dir, 'gapdesk.config.yaml'), CONFIG_YAML);
    env = {
      DATABASE_URL: `file:${join(dir, 'gapdesk.db')}`,
      GAPDESK_CONFIG: join(dir, 'gapdesk.config.yaml'),
      SLACK_BOT_TOKEN: 'xoxb-shutdown-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      LOG_LEVEL: 'info',
    };
  });
  afterEach(async () => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Files a request whose deliveries Slack answers slowly; resolves once they are in flight. */
  async function fileWithSlowDeliveries(running: Server, delayMs: number): Promise<void> {
    fake.delay('chat.postMessage', delayMs);
    const dana = new SlackSandboxPerson(
      DANA,
      fake,
      new SlackRequests(`http://127.0.0.1:${running.port}`, SIGNING_SECRET),
    );
    await dana.slashRequest('The door to B2 sticks', {
      category: 'Other',
      description: 'The door to B2 sticks',
      needed_by: 'today',
    });
    const deadline = Date.now() + 10_000;
    while (fake.inFlight.filter((method) => method === 'chat.postMessage').length < 2) {
      if (Date.now() > deadline) throw new Error('the deliveries never reached Slack');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function jobStatuses(): Promise<Record<string, string>> {
    const database = await openDatabase(env.DATABASE_URL ?? '');
    try {
      const rows = await database.db.selectFrom('jobs').select(['kind', 'status']).execute();
      return Object.fromEntries(rows.map((row) => [row.kind, row.status]));
    } finally {
      await database.close();
    }
  }

  it('drains: refuses new connections, answers the request in flight, finishes the running jobs, exits 0', async () => {
    server = await startServer(env);
    await fileWithSlowDeliveries(server, 1_500);
    const inFlight = await startSlowRequest(server.port);

    server.child.kill('SIGTERM');
    await server.logged('shutting down');
    expect(await tryConnect(server.port)).toBe('ECONNREFUSED');
    expect(server.child.exitCode).toBeNull();

    const answer = await inFlight.finish();
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('ask a service team for help');
    expect(await server.exited).toBe(0);
    expect(server.lines.at(-1)?.msg).toMatch(/^shut down: /);

    // Each delivery reached Slack once (answered before the exit) and its job is done.
    const posts = fake.callsTo('chat.postMessage').map((call) => call.params.channel);
    expect(posts.sort()).toEqual(['C0FACILITY', DANA]);
    expect(await jobStatuses()).toMatchObject({ 'requester.notify': 'done', 'triage.sync': 'done' });
  });

  it('exits 1 at once on a second signal, leaving the unfinished job to be run again', async () => {
    server = await startServer(env);
    await fileWithSlowDeliveries(server, 20_000);
    server.child.kill('SIGTERM');
    await server.logged('shutting down');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
    // Still leased by the process that died: another worker takes it once the lease lapses.
    expect(await jobStatuses()).toMatchObject({ 'requester.notify': 'running', 'triage.sync': 'running' });
  });

  it('exits 1 when the drain outlasts GAPDESK_SHUTDOWN_TIMEOUT_SECONDS', async () => {
    server = await startServer({ ...env, GAPDESK_SHUTDOWN_TIMEOUT_SECONDS: '1' });
    await fileWithSlowDeliveries(server, 20_000);
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    expect(Date.now() - signalled).toBeLessThan(5_000);
    expect(server.lines.some((line) => String(line.msg).startsWith('shutdown: still draining'))).toBe(true);
  });
});
