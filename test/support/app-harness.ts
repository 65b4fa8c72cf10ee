import type { AddressInfo } from 'node:net';
import type { BotbuilderTransportOptions } from '../../adapters/teams/botbuilder-transport.js';
import { createApp, type GapdeskApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import type { Config, SlackConfig, TeamsConfig } from '../../src/config.js';
import { type Logger, silentLogger } from '../../src/logger.js';
import type { Provider } from '../../src/store/schema-files.js';
import { testTeams } from '../fixtures/teams.js';
import { createTestDatabaseUrl } from './databases.js';

export type TestApp = {
  app: GapdeskApp;
  clock: ManualClock;
  /** The database the app runs on, for a second replica to share. */
  databaseUrl: string;
  /** http://127.0.0.1:PORT of the running gapdesk server. */
  baseUrl: string;
  close(): Promise<void>;
};

/**
 * The real gapdesk app (real Bolt / botbuilder adapters, real job queue) on a fresh database,
 * listening on an ephemeral loopback port, with a clock the test moves. Jobs run only when
 * the test drains the worker (or an enqueue kicks it).
 */
export async function startTestApp(options: {
  slack?: SlackConfig;
  msteams?: TeamsConfig;
  /** GAPDESK_REPORT_LINK_DAYS: how long the digests' report links stay valid. */
  reportLinkDays?: number;
  provider?: Provider;
  /**
   * Run on this database (another app's: a second replica) instead of a fresh one; it is
   * left for its owner to drop.
   */
  databaseUrl?: string;
  start?: string;
  /** Where the app logs (silent by default). */
  logger?: Logger;
  /** GAPDESK_PUBLIC_URL, e.g. for the Teams digest chart link. */
  publicUrl?: string;
  /** Fakes for the Teams transport's Entra ID and signing-key requests (Teams auth on). */
  teamsTransport?: BotbuilderTransportOptions;
  /** GAPDESK_REPORT_SECRET, for report links. */
  reportSecret?: string;
  /** GAPDESK_ADMIN_TOKEN. */
  adminToken?: string;
}): Promise<TestApp> {
  const database = options.databaseUrl
    ? { url: options.databaseUrl, drop: async () => undefined }
    : await createTestDatabaseUrl(options.provider ?? 'sqlite');
  const clock = new ManualClock(options.start ?? '2026-11-23T09:00:00Z');
  const config: Config = {
    port: 0,
    jobRetentionDays: 14,
    ...(options.reportLinkDays ? { reportLinkDays: options.reportLinkDays } : {}),
    databaseUrl: database.url,
    configPath: 'test',
    logLevel: 'silent',
    timezone: 'Europe/London',
    teams: testTeams(),
    ...(options.slack ? { slack: options.slack } : {}),
    ...(options.msteams ? { msteams: options.msteams } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.reportSecret ? { reportSecret: options.reportSecret } : {}),
    ...(options.adminToken ? { adminToken: options.adminToken } : {}),
  };
  const app = await createApp({
    config,
    logger: options.logger ?? silentLogger,
    clock,
    random: () => 0.5,
    teamsTransport: options.teamsTransport,
  });
  const server = await app.listen(0, '127.0.0.1').catch(async (error: unknown) => {
    // An adapter that could not connect (Socket Mode): nothing is left running behind the test.
    await app.close();
    await database.drop();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  return {
    app,
    clock,
    databaseUrl: database.url,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
