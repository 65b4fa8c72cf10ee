import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SIGNING_SECRET = 'chaos-signing-secret-0123456789';
export const TRIAGE_CHANNEL = 'C0FACILITY';
export const AGENT = 'U0SAM';

/**
 * The facilities team every scenario runs, in the config file's YAML; `more` adds lines to the
 * team (indented as its keys: a Teams channel, survey or digest settings).
 */
export function facilitiesConfig(more = ''): string {
  return `
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
    slack: { triageChannel: ${TRIAGE_CHANNEL}, members: [${AGENT}], leads: [${AGENT}] }
${more}`;
}

export type LogLine = Record<string, unknown>;

/** `npm start` (src/main.ts) in a child process on a temp SQLite file, its JSON log lines collected. */
export type GapdeskProcess = {
  child: ChildProcess;
  port: number;
  url: string;
  lines: LogLine[];
  /** What it wrote to stderr (a crash's stack trace). */
  stderr: string[];
  exited: Promise<number | null>;
};

/** A temp dir holding the config and the SQLite file, shared by every process of one scenario. */
export type Sandbox = { dir: string; databaseUrl: string; env: Record<string, string>; remove(): void };

/** `extraEnv.DATABASE_URL` replaces the SQLite file (PostgreSQL); `configYaml` the team file. */
export function makeSandbox(
  slackApiUrl: string,
  extraEnv: Record<string, string> = {},
  configYaml = facilitiesConfig(),
): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'gapdesk-chaos-'));
  writeFileSync(join(dir, 'gapdesk.config.yaml'), configYaml);
  const databaseUrl = extraEnv.DATABASE_URL ?? `file:${join(dir, 'gapdesk.db')}`;
  return {
    dir,
    databaseUrl,
    env: {
      DATABASE_URL: databaseUrl,
      GAPDESK_CONFIG: join(dir, 'gapdesk.config.yaml'),
      SLACK_BOT_TOKEN: 'xoxb-chaos',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApiUrl,
      LOG_LEVEL: 'info',
      ...extraEnv,
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function freePort(): Promise<number> {
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

/**
 * Starts gapdesk and resolves once it logs that it listens (tsx compiles the app: seconds).
 * `env` is added to the sandbox's for this process only (a replica's own bot token).
 */
export async function startGapdesk(
  sandbox: Sandbox,
  port?: number,
  env: Record<string, string> = {},
): Promise<GapdeskProcess> {
  const listenOn = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(listenOn),
      ...sandbox.env,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) {
      if (!part.trim()) continue;
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        lines.push({ msg: 'non-JSON stdout line', raw: part });
      }
    }
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!lines.some((line) => String(line.msg).startsWith('gapdesk listening'))) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`gapdesk exited before listening: ${stderr.join('').slice(-2000)}`);
    if (Date.now() > deadline) throw new Error('gapdesk did not listen within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { child, port: listenOn, url: `http://127.0.0.1:${listenOn}`, lines, stderr, exited };
}

export async function killHard(server: GapdeskProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGKILL');
  await server.exited;
}

export async function stopGently(server: GapdeskProcess): Promise<number | null> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.child.exitCode;
  server.child.kill('SIGTERM');
  return server.exited;
}

export function isAlive(server: GapdeskProcess): boolean {
  return server.child.exitCode === null && server.child.signalCode === null;
}
