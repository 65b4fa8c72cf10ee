import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { TEST_CONFIG_YAML } from './fixtures/teams.js';

const files = (yaml: string) => (path: string) => {
  if (path === './gapdesk.config.yaml') return yaml;
  throw new Error('ENOENT');
};

function problems(env: Record<string, string>, yaml = TEST_CONFIG_YAML): string[] {
  try {
    loadConfig(env, files(yaml));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has working defaults: port 3000, SQLite under ./data, no platform', () => {
    const config = loadConfig({}, files(TEST_CONFIG_YAML));
    expect(config).toMatchObject({ port: 3000, databaseUrl: 'file:./data/gapdesk.db', logLevel: 'info' });
    expect(config.slack).toBeUndefined();
    expect(config.msteams).toBeUndefined();
    expect(config.teams.map((t) => [t.id, t.prefix, t.timezone])).toEqual([
      ['facilities', 'FAC', 'Europe/London'],
      ['it', 'IT', 'America/New_York'],
    ]);
  });

  it('the committed example config is valid', () => {
    const yaml = readFileSync(new URL('../gapdesk.config.yaml', import.meta.url), 'utf8');
    expect(loadConfig({}, files(yaml)).teams[0]?.id).toBe('facilities');
  });

  it('lists every problem at once, each naming its key', () => {
    expect(
      problems({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SLACK_SIGNING_SECRET: 's' }),
    ).toEqual([
      'PORT: must be a port number from 1 to 65535',
      'DATABASE_URL: must be file:PATH (SQLite) or postgresql://… (PostgreSQL)',
      expect.stringMatching(/^LOG_LEVEL: /),
      'SLACK_BOT_TOKEN: is required when the other Slack variable is set (Slack needs both)',
    ]);
  });

  it('names the team config key that is wrong', () => {
    const broken = TEST_CONFIG_YAML.replace('timezone: America/New_York', 'timezone: Mars/Olympus').replace(
      'start: "08:00", end: "18:00"',
      'start: "18:00", end: "08:00"',
    );
    expect(problems({}, broken)).toEqual([
      './gapdesk.config.yaml: teams.0.businessHours.end: start must be before end',
      './gapdesk.config.yaml: teams.1.timezone: must be an IANA timezone name such as "Europe/London"',
    ]);
  });

  it('reports an unreadable or invalid YAML file clearly', () => {
    expect(problems({ GAPDESK_CONFIG: '/nope.yaml' })).toEqual([
      'GAPDESK_CONFIG: cannot read the team config file "/nope.yaml"',
    ]);
    expect(problems({}, 'teams: [')[0]).toMatch(/^\.\/gapdesk\.config\.yaml: is not valid YAML/);
  });

  it('turns Teams on with auth only with a complete app registration, and refuses auth off beside an app id', () => {
    expect(problems({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TYPE: 'SingleTenant' })).toEqual([
      'MICROSOFT_APP_PASSWORD: is required for MICROSOFT_APP_TYPE=SingleTenant',
      'MICROSOFT_APP_TENANT_ID: is required for MICROSOFT_APP_TYPE=SingleTenant',
    ]);
    expect(
      problems({
        MICROSOFT_APP_ID: 'app',
        MICROSOFT_APP_PASSWORD: 'pw',
        MICROSOFT_APP_TENANT_ID: 'tenant-1',
        TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      }),
    ).toEqual([
      'TEAMS_ALLOW_UNAUTHENTICATED: cannot be true together with MICROSOFT_APP_ID (auth would be off)',
    ]);
    expect(problems({ MICROSOFT_APP_PASSWORD: 'pw' })).toEqual([
      'MICROSOFT_APP_ID: is required when MICROSOFT_APP_PASSWORD is set',
    ]);
    const on = loadConfig(
      { MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TENANT_ID: 'tenant-1' },
      files(TEST_CONFIG_YAML),
    );
    expect(on.msteams).toEqual({
      auth: 'on',
      appId: 'app',
      appType: 'SingleTenant',
      appPassword: 'pw',
      tenantId: 'tenant-1',
      allowedTenants: ['tenant-1'],
    });
    expect(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' }, files(TEST_CONFIG_YAML)).msteams).toEqual({
      auth: 'off',
    });
  });

  it('turns Slack on with both variables and defaults the API URL to Slack', () => {
    const config = loadConfig(
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' },
      files(TEST_CONFIG_YAML),
    );
    expect(config.slack).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 'secret',
      apiUrl: 'https://slack.com/api/',
    });
  });

  it('turns Slack on in Socket Mode with the bot token and an app-level token, no signing secret needed', () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A0-1-abc' };
    expect(loadConfig(env, files(TEST_CONFIG_YAML)).slack).toEqual({
      botToken: 'xoxb-1',
      appToken: 'xapp-1-A0-1-abc',
      apiUrl: 'https://slack.com/api/',
    });
    // A signing secret left set as well changes nothing: no request comes in over HTTP to verify.
    expect(loadConfig({ ...env, SLACK_SIGNING_SECRET: 'secret' }, files(TEST_CONFIG_YAML)).slack).toEqual({
      botToken: 'xoxb-1',
      appToken: 'xapp-1-A0-1-abc',
      apiUrl: 'https://slack.com/api/',
    });
  });

  it('refuses an app token that is not one, or one without the bot token, naming the key', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' })).toEqual([
      'SLACK_APP_TOKEN: must be an app-level token starting with xapp- (Basic Information → App-Level Tokens)',
    ]);
    expect(problems({ SLACK_APP_TOKEN: 'xapp-1' })).toEqual([
      'SLACK_BOT_TOKEN: is required when SLACK_APP_TOKEN is set (Socket Mode receives with the app token and posts with the bot token)',
    ]);
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      'SLACK_SIGNING_SECRET: is required when the other Slack variable is set (Slack needs both), or set SLACK_APP_TOKEN for Socket Mode',
    ]);
  });

  it('takes an admin token of at least 32 visible characters; an empty, short or spaced one names the key', () => {
    const token = 'a'.repeat(31);
    expect(loadConfig({ GAPDESK_ADMIN_TOKEN: `${token}b` }, files(TEST_CONFIG_YAML)).adminToken).toBe(
      `${token}b`,
    );
    expect(loadConfig({}, files(TEST_CONFIG_YAML)).adminToken).toBeUndefined();
    for (const bad of ['', '   ', token, `${token} with a space`]) {
      expect(problems({ GAPDESK_ADMIN_TOKEN: bad })).toEqual([
        expect.stringMatching(/^GAPDESK_ADMIN_TOKEN: must be/),
      ]);
    }
  });

  it('leases a claimed job for 60 s unless GAPDESK_JOB_LEASE_SECONDS says otherwise', () => {
    expect(loadConfig({}, files(TEST_CONFIG_YAML)).jobLeaseMs).toBe(60_000);
    expect(loadConfig({ GAPDESK_JOB_LEASE_SECONDS: '5' }, files(TEST_CONFIG_YAML)).jobLeaseMs).toBe(5_000);
    for (const bad of ['4', '3601', '7.5', 'soon'])
      expect(problems({ GAPDESK_JOB_LEASE_SECONDS: bad })).toEqual([
        'GAPDESK_JOB_LEASE_SECONDS: must be a whole number of seconds from 5 to 3600',
      ]);
  });

  it('waits at most 30 min between attempts of a failing job unless GAPDESK_JOB_BACKOFF_MAX_SECONDS says less', () => {
    expect(loadConfig({}, files(TEST_CONFIG_YAML)).jobBackoffMaxMs).toBe(1_800_000);
    expect(
      loadConfig({ GAPDESK_JOB_BACKOFF_MAX_SECONDS: '2' }, files(TEST_CONFIG_YAML)).jobBackoffMaxMs,
    ).toBe(2_000);
    for (const bad of ['0', '1801', 'soon']) {
      expect(problems({ GAPDESK_JOB_BACKOFF_MAX_SECONDS: bad })).toEqual([
        'GAPDESK_JOB_BACKOFF_MAX_SECONDS: must be a number of seconds from 1 to 1800',
      ]);
    }
  });

  it('drains for at most 25 s on SIGTERM unless GAPDESK_SHUTDOWN_TIMEOUT_SECONDS says otherwise', () => {
    expect(loadConfig({}, files(TEST_CONFIG_YAML)).shutdownTimeoutMs).toBe(25_000);
    expect(
      loadConfig({ GAPDESK_SHUTDOWN_TIMEOUT_SECONDS: '2.5' }, files(TEST_CONFIG_YAML)).shutdownTimeoutMs,
    ).toBe(2_500);
    expect(problems({ GAPDESK_SHUTDOWN_TIMEOUT_SECONDS: '0' })).toEqual([
      'GAPDESK_SHUTDOWN_TIMEOUT_SECONDS: must be a number of seconds from 1 to 600',
    ]);
  });
});
