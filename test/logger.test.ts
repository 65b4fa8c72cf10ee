import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type Config, secretsOf } from '../src/config.js';
import { createLogger, secretScrubber } from '../src/logger.js';

describe('the logger', () => {
  it('redacts secrets by key in structured fields', () => {
    const text: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        text.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      {
        config: { signingSecret: 'shh-signing', appPassword: 'shh-password', databaseUrl: 'postgresql://x' },
        req: { headers: { authorization: 'Bearer shh-bearer' } },
      },
      'hello',
    );
    expect(text.join('')).not.toMatch(/shh-|postgresql:/);
    expect(text.join('')).toContain('[redacted]');
  });

  it('takes the configured secrets, Slack tokens and URL passwords out of any text as it is written', () => {
    const scrub = secretScrubber(['a-signing-secret-value', 'p@ss"word/1', 'short']);
    expect(scrub('{"msg":"verifying with a-signing-secret-value"}')).toBe(
      '{"msg":"verifying with [redacted]"}',
    );
    // As JSON and a URL would write it.
    expect(scrub('{"msg":"p@ss\\"word/1 and p%40ss%22word%2F1"}')).toBe(
      '{"msg":"[redacted] and [redacted]"}',
    );
    expect(scrub('{"msg":"token xoxb-1-2-abc and xapp-1-A0-xyz"}')).toBe(
      '{"msg":"token [redacted] and [redacted]"}',
    );
    expect(scrub('{"msg":"connect postgresql://gapdesk:hunter2@db:5432/gapdesk failed"}')).toBe(
      '{"msg":"connect postgresql://gapdesk:[redacted]@db:5432/gapdesk failed"}',
    );
    // Too short to search for without cutting words out of every line.
    expect(scrub('{"msg":"a short line"}')).toBe('{"msg":"a short line"}');
  });

  it('is given every secret of the configuration, the database password decoded', () => {
    const config: Config = {
      port: 3000,
      databaseUrl: 'postgresql://gapdesk:p%40ss%2Fword@db:5432/gapdesk',
      configPath: 'x',
      logLevel: 'info',
      jobRetentionDays: 14,
      timezone: 'UTC',
      teams: [],
      slack: { botToken: 'xoxb-1', signingSecret: 'signing', apiUrl: 'https://slack.com/api/' },
      msteams: {
        auth: 'on',
        appId: 'app',
        appType: 'SingleTenant',
        appPassword: 'client-secret',
        tenantId: 't',
        allowedTenants: ['t'],
      },
      adminToken: 'admin-token',
    };
    expect(secretsOf(config)).toEqual(['xoxb-1', 'signing', 'client-secret', 'admin-token', 'p@ss/word']);
  });
});
