import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
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
    // The real CLI in its own process, as a newcomer runs it (a smaller week keeps the suite quick).
    const result = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/demo.ts', '--seed', '3', '--out', out, '--requests', '70'],
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
    expect(summary.filed).toBe(70);
    for (const entry of ENTRY_POINTS) expect(summary.byEntry[entry], entry).toBeGreaterThan(0);
  });

  it('posts the digest once to the Slack leaders channel, with the chart uploaded, and once to Teams', () => {
    const slack = JSON.parse(read('slack-digest-post.json')) as Call[];
    expect(
      slack.filter((c) => c.method === 'chat.postMessage' && c.params?.channel === 'C0LEADERS'),
    ).toHaveLength(1);
    expect(slack.filter((c) => c.method === 'files.completeUploadExternal')).toHaveLength(1);
    const teams = JSON.parse(read('teams-digest-post.json')) as Call[];
    expect(teams.filter((c) => c.kind === 'createConversation')).toHaveLength(1);
    expect(JSON.stringify(teams)).toContain('"type":"Image"');
  });

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
      await run(
        process.execPath,
        ['--import', 'tsx', 'src/cli/demo.ts', '--seed', '3', '--out', again, '--requests', '70'],
        {
          timeout: 180_000,
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      expect(readFileSync(join(again, 'digest.txt'), 'utf8')).toBe(read('digest.txt'));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  }, 200_000);
});
