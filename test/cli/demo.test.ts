import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REPORT_SECRET, loadConfig } from '../../src/config.js';
import { loadSavedDigest } from '../../src/services/digest/saved-digest.js';
import { verifyReportToken } from '../../src/services/report/report-link.js';
import { openDatabase } from '../../src/store/database.js';

const run = promisify(execFile);
// Four weeks keep the suite quick: 20 requests, the quiet week's 6, 20, then the last week's 60.
const WEEKS = ['2026-W44', '2026-W45', '2026-W46', '2026-W47'];
const FILED = [20, 6, 20, 60];
const DEMO_ARGS = [
  '--seed',
  '3',
  '--weeks',
  '4',
  '--week',
  '2026-W47',
  '--requests',
  '60',
  '--history-requests',
  '20',
];
const ENTRY_POINTS = [
  'slash_command',
  'global_shortcut',
  'message_shortcut',
  'reaction',
  'direct_message',
  'teams_chat',
  'teams_message_extension',
];
const SECTIONS = [
  'WHAT MATTERS MOST',
  'THE CUSTOMER GAP (gap 5)',
  'DELIVERY AGAINST THE STANDARD (gap 3)',
  'EXPECTATION VS STANDARD (gap 2)',
  'PROMISES VS DELIVERY (gap 4)',
  'WHAT MATTERS MOST TO WHOM (gap 1)',
  'THE THREE Rs',
  'VOLUME AND DEMAND',
  'VOICE OF THE REQUESTER',
  'HOW MUCH TO TRUST THIS',
  'NOTES',
];

type Call = { method?: string; params?: Record<string, unknown>; kind?: string; body?: unknown };

describe('npm run demo', () => {
  const out = mkdtempSync(join(tmpdir(), 'gapdesk-demo-'));
  let stdout = '';
  const read = (name: string) => readFileSync(join(out, name), 'utf8');

  beforeAll(async () => {
    // The real CLI in its own process, as a newcomer runs it (smaller weeks keep the suite quick).
    const result = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/demo.ts', ...DEMO_ARGS, '--out', out],
      {
        timeout: 180_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    stdout = result.stdout;
  }, 200_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('files requests through every entry point of both platforms', () => {
    const summary = JSON.parse(read('summary.json')) as {
      filed: number;
      byEntry: Record<string, number>;
      notFixed: number;
    };
    expect(summary.filed).toBe(106);
    for (const entry of ENTRY_POINTS) expect(summary.byEntry[entry], entry).toBeGreaterThan(0);
  });

  it('seeds several weeks, each as planned, the quiet one with fewer than 5 answers', async () => {
    const summary = JSON.parse(read('summary.json')) as { weeks: { week: string; filed: number }[] };
    expect(summary.weeks.map((w) => [w.week, w.filed])).toEqual(WEEKS.map((week, i) => [week, FILED[i]]));
    // What the database holds, read the way the report does: each week's saved digest.
    const database = await openDatabase(`file:${join(out, 'demo.db')}`);
    try {
      const digests = await Promise.all(WEEKS.map((week) => loadSavedDigest(database, 'facilities', week)));
      expect(digests.map((d) => d?.volume.filed.current)).toEqual(FILED);
      const answered = digests.map((d) => d?.honesty.answered ?? 0);
      expect(answered[1]).toBeLessThan(5);
      for (const i of [0, 2, 3]) expect(answered[i], WEEKS[i]).toBeGreaterThanOrEqual(5);
    } finally {
      await database.close();
    }
  });

  it('posts each week’s digest once to the Slack leaders channel, with the chart uploaded, and once to Teams', () => {
    const slack = JSON.parse(read('slack-digest-post.json')) as Call[];
    const posts = slack.filter((c) => c.method === 'chat.postMessage' && c.params?.channel === 'C0LEADERS');
    expect(posts.map((c) => /\d{4}-W\d{2}/.exec(String(c.params?.text))?.[0])).toEqual(WEEKS);
    expect(slack.filter((c) => c.method === 'files.completeUploadExternal')).toHaveLength(WEEKS.length);
    const teams = JSON.parse(read('teams-digest-post.json')) as Call[];
    expect(teams.filter((c) => c.kind === 'createConversation')).toHaveLength(WEEKS.length);
    expect(JSON.stringify(teams)).toContain('"type":"Image"');
  });

  it('prints a report link that GAPDESK_DEMO serves: signed with the secret GAPDESK_DEMO=DIR configures', () => {
    const link = /(http:\/\/127\.0\.0\.1:3000\/report\/facilities\?key=\S+)/.exec(stdout)?.[1] ?? '';
    expect(stdout).toContain(`GAPDESK_DEMO=${out} npm start`);
    const config = loadConfig({ GAPDESK_DEMO: out });
    expect(config.databaseUrl).toBe(`file:${join(out, 'demo.db')}`);
    expect(config.reportSecret).toBe(DEMO_REPORT_SECRET);
    const check = verifyReportToken(
      config.reportSecret ?? '',
      new URL(link).searchParams.get('key') ?? '',
      new Date(),
    );
    expect(check.ok && check.grant.teamId).toBe('facilities');
    expect(config.teams.map((team) => team.id)).toEqual(['facilities']);
  });

  it('is served by npm start with GAPDESK_DEMO: no platform needed, the same database, a link per team', async () => {
    const port = await freeLoopbackPort();
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        GAPDESK_DEMO: out,
        PORT: String(port),
      },
    });
    try {
      let stderr = '';
      server.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      for (let waited = 0; !/Facilities: \S+\n/.test(stderr) && waited < 30_000; waited += 100) {
        if (server.exitCode !== null) throw new Error(`npm start exited ${server.exitCode}: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(stderr).toContain(`serving file:${join(out, 'demo.db')}`);
      const link = /Facilities: (\S+)/.exec(stderr)?.[1] ?? '';
      expect(link.startsWith(`http://127.0.0.1:${port}/report/facilities?key=`)).toBe(true);
      const key = new URL(link).searchParams.get('key') ?? '';
      expect(verifyReportToken(DEMO_REPORT_SECRET, key, new Date()).ok).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      // The report's own check takes the link: a session cookie and the clean address.
      const opened = await fetch(link, { redirect: 'manual' });
      expect(opened.status).toBe(303);
      const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const page = await fetch(`http://127.0.0.1:${port}/report/facilities/history?weeks=all`, {
        headers: { cookie },
      });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('2026-W44');
      expect((await fetch(`${link}x`, { redirect: 'manual' })).status).toBe(403);
    } finally {
      server.kill('SIGTERM');
      if (server.exitCode === null) await once(server, 'exit');
    }
  }, 60_000);

  it('writes the chart as a valid PNG of the expected size', () => {
    const png = readFileSync(join(out, 'gap-chart.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1440, 756]);
  });

  it('prints the digest with every section, the same text it wrote, and the data as JSON', () => {
    for (const section of SECTIONS) expect(stdout, section).toContain(section);
    expect(stdout).toContain(read('digest.txt').trim());
    expect(JSON.parse(read('digest.json'))).toMatchObject({ team: { id: 'facilities' }, week: '2026-W47' });
  });

  it('is repeatable with the same seed', async () => {
    const again = mkdtempSync(join(tmpdir(), 'gapdesk-demo-again-'));
    try {
      await run(process.execPath, ['--import', 'tsx', 'src/cli/demo.ts', ...DEMO_ARGS, '--out', again], {
        timeout: 180_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      expect(readFileSync(join(again, 'digest.txt'), 'utf8')).toBe(read('digest.txt'));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  }, 200_000);
});

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
