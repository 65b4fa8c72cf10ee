import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestSchema } from '../../src/domain/digest/digest-schema.js';
import { FakeSlack } from '../../src/sandbox/fake-slack.js';
import { verifyReportToken } from '../../src/services/report/report-link.js';
import { openDatabase } from '../../src/store/database.js';
import { syncTeams } from '../../src/store/teams.js';
import { TEST_CONFIG_YAML, testTeams } from '../fixtures/teams.js';
import { seedDigestWeek } from '../services/digest/digest-seed.js';

const run = promisify(execFile);
const CLI = new URL('../../src/cli/gapdesk.ts', import.meta.url).pathname;
// The loader by absolute URL: the CLI runs in a temp directory, where `--import tsx` would not resolve.
const TSX = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
const REPORT_SECRET = 'report-secret-for-the-cli-tests-0123456789';
const DAY = 86_400_000;

describe('gapdesk digest', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const gapdeskWith = async (processEnv: NodeJS.ProcessEnv, ...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', TSX, CLI, ...args], {
        env: processEnv,
        cwd: dir,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  const gapdesk = (...args: string[]) => gapdeskWith(env, ...args);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gapdesk-cli-'));
    writeFileSync(join(dir, 'gapdesk.config.yaml'), TEST_CONFIG_YAML);
    const url = `file:${join(dir, 'gapdesk.db')}`;
    const database = await openDatabase(url);
    await syncTeams(database.store, testTeams());
    await seedDigestWeek(database.db);
    await database.close();
    env = {
      PATH: process.env.PATH,
      DATABASE_URL: url,
      GAPDESK_CONFIG: join(dir, 'gapdesk.config.yaml'),
      TZ: 'UTC',
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('previews every section of the digest in the terminal', async () => {
    const { code, stdout } = await gapdesk('digest', '--team', 'facilities', '--week', '2026-W47');
    expect(code).toBe(0);
    for (const heading of [
      'Facilities — weekly gap digest, 2026-W47',
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
    ]) {
      expect(stdout).toContain(heading);
    }
    expect(stdout).toContain('Assurance       too few answers');
  });

  it('prints the digest data as JSON that parses against the schema', async () => {
    const { code, stdout } = await gapdesk(
      'digest',
      '--team',
      'facilities',
      '--week',
      '2026-W47',
      '--format',
      'json',
    );
    expect(code).toBe(0);
    expect(digestSchema.parse(JSON.parse(stdout)).volume.filed.current).toBe(8);
  });

  it('writes the chart as a PNG file', async () => {
    const { code, stdout } = await gapdesk(
      'digest',
      '--team',
      'facilities',
      '--week',
      '2026-W47',
      '--format',
      'png',
    );
    expect(code).toBe(0);
    expect(stdout).toBe('wrote digest-facilities-2026-W47.png\n');
    const png = readFileSync(join(dir, 'digest-facilities-2026-W47.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('prints a signed link to the report on this machine when GAPDESK_REPORT_SECRET is set', async () => {
    const before = Date.now();
    const { code, stdout, stderr } = await gapdeskWith(
      { ...env, GAPDESK_REPORT_SECRET: REPORT_SECRET, PORT: '4123' },
      'digest',
      '--team',
      'facilities',
      '--week',
      '2026-W47',
      '--format',
      'json',
    );
    expect(code).toBe(0);
    // The digest on stdout is still the JSON alone.
    expect(digestSchema.parse(JSON.parse(stdout)).team.id).toBe('facilities');
    const link = /Report: (\S+)/.exec(stderr)?.[1] ?? '';
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:4123\/report\/facilities\?key=/);
    const check = verifyReportToken(REPORT_SECRET, new URL(link).searchParams.get('key') ?? '', new Date());
    expect(check.ok && check.grant.teamId).toBe('facilities');
    const expiresAt = check.ok ? check.grant.expiresAt.getTime() : 0;
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 30 * DAY);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 30 * DAY);
  });

  it('links to GAPDESK_PUBLIC_URL instead when it is set', async () => {
    const { stderr } = await gapdeskWith(
      { ...env, GAPDESK_REPORT_SECRET: REPORT_SECRET, GAPDESK_PUBLIC_URL: 'https://gapdesk.example.com' },
      'digest',
      '--team',
      'facilities',
      '--week',
      '2026-W47',
    );
    expect(stderr).toMatch(/Report: https:\/\/gapdesk\.example\.com\/report\/facilities\?key=\S+ /);
  });

  it('says how to get a report link when GAPDESK_REPORT_SECRET is not set', async () => {
    const { code, stderr } = await gapdesk('digest', '--team', 'facilities', '--week', '2026-W47');
    expect(code).toBe(0);
    expect(stderr).toContain('GAPDESK_REPORT_SECRET is not set');
    expect(stderr).not.toContain('/report/');
  });

  it('refuses bad arguments with a clear message and the usage', async () => {
    const bad = await gapdesk('digest', '--team', 'facilities', '--week', '47', '--format', 'pdf');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--week must look like 2026-W47');
    expect(bad.stderr).toContain('--format must be text, json or png');
    expect(bad.stderr).toContain('usage: gapdesk digest');
    const unknown = await gapdesk('digest', '--team', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown team nope');
  });

  it('says it cannot post when no platform is connected', async () => {
    const { code, stderr } = await gapdesk('digest', '--team', 'facilities', '--post');
    expect(code).toBe(2);
    expect(stderr).toContain('no connected platform can post digests');
  });

  it('posts now to the team digest channel through the job queue, and only once', async () => {
    const slack = await FakeSlack.start();
    try {
      const withSlack = {
        ...env,
        SLACK_BOT_TOKEN: 'xoxb-cli-test',
        SLACK_SIGNING_SECRET: 'cli-test-secret',
        SLACK_API_URL: slack.url,
      };
      const first = await gapdeskWith(
        withSlack,
        'digest',
        '--team',
        'facilities',
        '--week',
        '2026-W47',
        '--post',
      );
      expect(first.stderr).toBe('');
      expect(first.stdout).toBe('slack C0LEADERS: posted\n');
      const again = await gapdeskWith(
        withSlack,
        'digest',
        '--team',
        'facilities',
        '--week',
        '2026-W47',
        '--post',
      );
      expect(again.stdout).toBe('slack C0LEADERS: posted\n');
      const posts = slack.callsTo('chat.postMessage').filter((call) => call.params.channel === 'C0LEADERS');
      expect(posts).toHaveLength(1);
      expect(slack.callsTo('files.completeUploadExternal')).toHaveLength(1);
    } finally {
      await slack.close();
    }
  });
});
