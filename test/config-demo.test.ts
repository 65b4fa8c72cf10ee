import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_REPORT_SECRET, loadConfig } from '../src/config.js';
import { TEST_CONFIG_YAML } from './fixtures/teams.js';

/** A file system holding only the demo's team config, in `dir`. */
const demoFiles = (dir: string) => (path: string) => {
  if (path === `${dir}/gapdesk.config.yaml`) return TEST_CONFIG_YAML;
  throw new Error('ENOENT');
};

function problems(env: Record<string, string>, readFile = demoFiles('demo-output')): string[] {
  try {
    loadConfig(env, readFile);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('GAPDESK_DEMO', () => {
  it('=1 serves the database and team config npm run demo wrote, with the demo report secret and no platform', () => {
    const config = loadConfig(
      {
        GAPDESK_DEMO: '1',
        DATABASE_URL: 'postgresql://prod/gapdesk',
        GAPDESK_REPORT_SECRET: 'a-real-secret-that-the-demo-must-not-use-0123',
        SLACK_BOT_TOKEN: 'xoxb-real',
        SLACK_SIGNING_SECRET: 'real',
        TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      },
      demoFiles('demo-output'),
    );
    expect(config).toMatchObject({
      databaseUrl: 'file:demo-output/demo.db',
      configPath: 'demo-output/gapdesk.config.yaml',
      reportSecret: DEMO_REPORT_SECRET,
      demo: { dir: 'demo-output' },
    });
    expect(config.slack).toBeUndefined();
    expect(config.msteams).toBeUndefined();
  });

  it('names another folder: the one the demo was told --out', () => {
    const config = loadConfig({ GAPDESK_DEMO: '/tmp/my-demo' }, demoFiles('/tmp/my-demo'));
    expect(config.databaseUrl).toBe('file:/tmp/my-demo/demo.db');
    expect(config.demo).toEqual({ dir: '/tmp/my-demo' });
  });

  it('is off when unset, empty, 0 or false', () => {
    const files = (path: string) => {
      if (path === './gapdesk.config.yaml') return TEST_CONFIG_YAML;
      throw new Error('ENOENT');
    };
    for (const value of [undefined, '', '0', 'false']) {
      const config = loadConfig(value === undefined ? {} : { GAPDESK_DEMO: value }, files);
      expect(config.demo, String(value)).toBeUndefined();
      expect(config.reportSecret).toBeUndefined();
    }
  });

  it('refuses an https GAPDESK_PUBLIC_URL: the public demo secret must never sign real links', () => {
    expect(problems({ GAPDESK_DEMO: '1', GAPDESK_PUBLIC_URL: 'https://gapdesk.example.com' })).toEqual([
      'GAPDESK_DEMO: is refused with an https GAPDESK_PUBLIC_URL: the demo report secret is public and must never sign links to a real deployment',
    ]);
    expect(problems({ GAPDESK_DEMO: '1', GAPDESK_PUBLIC_URL: 'http://127.0.0.1:3000' })).toEqual([]);
  });

  it('refuses NODE_ENV=production', () => {
    expect(problems({ GAPDESK_DEMO: '1', NODE_ENV: 'production' })).toEqual([
      'GAPDESK_DEMO: is refused when NODE_ENV=production (it serves sandbox data with a public secret)',
    ]);
  });

  it('says to run the demo first when its folder holds no demo', () => {
    expect(
      problems({ GAPDESK_DEMO: '1' }, () => {
        throw new Error('ENOENT');
      }),
    ).toEqual([
      'GAPDESK_DEMO: no demo in demo-output (demo-output/gapdesk.config.yaml is missing); run `npm run demo` first',
    ]);
  });
});
