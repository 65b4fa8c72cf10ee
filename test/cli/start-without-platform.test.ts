import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Runs `src/main.ts` as `npm start` does, with only the given environment. */
async function start(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const result = await run(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      timeout: 30_000,
    });
    return { code: 0, ...result };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm start', () => {
  it('with no platform configured says what is missing, how to run the demo and where the guides are, and exits 2', async () => {
    const result = await start({ DATABASE_URL: 'file:/tmp/gapdesk-start-test.db' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no chat platform is configured');
    expect(result.stderr).toContain('SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET');
    expect(result.stderr).toContain('TEAMS_ALLOW_UNAUTHENTICATED=true');
    expect(result.stderr).toContain('npm run demo');
    expect(result.stderr).toContain('docs/slack-setup.md');
    expect(result.stderr).toContain('docs/teams-setup.md');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('with a bad configuration lists every problem by key and exits 2 without a stack trace', async () => {
    const result = await start({
      PORT: 'eighty',
      SLACK_BOT_TOKEN: 'xoxb-1',
      GAPDESK_CONFIG: '/nowhere.yaml',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PORT: must be a port number from 1 to 65535');
    expect(result.stderr).toContain('SLACK_SIGNING_SECRET: is required when the other Slack variable is set');
    expect(result.stderr).toContain('GAPDESK_CONFIG: cannot read the team config file "/nowhere.yaml"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses Teams with authentication off under NODE_ENV=production, and exits 2', async () => {
    const result = await start({
      NODE_ENV: 'production',
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      DATABASE_URL: 'file:/tmp/gapdesk-start-test.db',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'TEAMS_ALLOW_UNAUTHENTICATED: is refused when NODE_ENV=production (it turns Teams authentication off; for local testing only)',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
