import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJobsArgs, runJobsCommand } from '../../src/cli/jobs-command.js';
import type { Config } from '../../src/config.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { openDatabase } from '../../src/store/database.js';
import { testTeams } from '../fixtures/teams.js';
import { createTestDatabaseUrl } from '../support/databases.js';

describe('gapdesk jobs', () => {
  let config: Config;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await createTestDatabaseUrl('sqlite');
    drop = created.drop;
    config = {
      port: 0,
      databaseUrl: created.url,
      configPath: 'test',
      logLevel: 'silent',
      timezone: 'UTC',
      teams: testTeams(),
      jobRetentionDays: 14,
    };
    const { store, provider, close } = await openDatabase(created.url);
    const queue = new JobQueue(store, provider, 14);
    await queue.enqueue(store, { kind: 'triage.sync', payload: {}, idempotencyKey: 'parked-1' }, new Date());
    const [claimed] = await queue.claim('w', new Date(), 60_000, 1);
    if (claimed) await queue.park(claimed, new Date(), 'PermanentJobError: not_in_channel');
    await close();
  });
  afterAll(async () => drop());

  const run = async (argv: string[]) => {
    const printed: string[] = [];
    const record = (text: string) => {
      printed.push(text);
    };
    const code = await runJobsCommand(config, parseJobsArgs(argv), { out: record, err: record });
    return { code, text: printed.join('') };
  };

  it('lists parked jobs with their last error', async () => {
    const { code, text } = await run(['list']);
    expect(code).toBe(0);
    expect(text).toMatch(/#1 {2}triage\.sync +failed +attempts 1\/20/);
    expect(text).toContain('PermanentJobError: not_in_channel');
  });

  it('puts parked jobs back in line, after which none are failed', async () => {
    expect((await run(['retry'])).text).toContain('1 job put back in line');
    expect((await run(['list', '--status', 'failed'])).text).toBe('no failed jobs\n');
    expect((await run(['list', '--status', 'pending'])).text).toContain('#1  triage.sync');
  });

  it('runs a job put back as a retry, so its delivery looks for a post its last attempt may have made', async () => {
    const { store, provider, close } = await openDatabase(config.databaseUrl);
    try {
      const [claimed] = await new JobQueue(store, provider, 14).claim('w', new Date(), 60_000, 1);
      expect(claimed?.idempotencyKey).toBe('parked-1');
      expect(claimed?.attempts).toBe(2);
    } finally {
      await close();
    }
  });

  it('refuses unknown statuses and stray arguments with the usage', () => {
    expect(() => parseJobsArgs(['list', '--status', 'lost'])).toThrow(
      /--status is failed, pending, running or done/,
    );
    expect(() => parseJobsArgs(['retry', '--id', 'x'])).toThrow(/usage: gapdesk jobs/);
    expect(() => parseJobsArgs(['list', 'oops'])).toThrow(/unexpected argument "oops"/);
  });
});
