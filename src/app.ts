import type { Server } from 'node:http';
import { createSlackAdapter } from '../adapters/slack/slack-adapter.js';
import {
  BotbuilderTransport,
  type BotbuilderTransportOptions,
} from '../adapters/teams/botbuilder-transport.js';
import { createTeamsAdapter } from '../adapters/teams/teams-adapter.js';
import { type Clock, systemClock } from './clock.js';
import { type Config, DEFAULT_REPORT_LINK_DAYS } from './config.js';
import { DigestScheduler } from './digest-scheduler.js';
import { mountReport } from './http/report/report-routes.js';
import { createHttpApp } from './http/server.js';
import { DEFAULT_BACKOFF } from './jobs/backoff.js';
import { Foreground } from './jobs/foreground.js';
import { digestJobHandlers } from './jobs/handlers/digest-jobs.js';
import { personJobHandlers } from './jobs/handlers/person-jobs.js';
import { requestJobHandlers } from './jobs/handlers/request-jobs.js';
import { surveyJobHandlers } from './jobs/handlers/survey-jobs.js';
import { JobQueue } from './jobs/queue.js';
import { startTicker } from './jobs/ticker.js';
import { type JobHandler, Worker } from './jobs/worker.js';
import type { Logger } from './logger.js';
import type { AdapterContext, PlatformAdapter } from './ports.js';
import { type ServiceDeps, TeamDirectory } from './services/service-deps.js';
import { scheduleImportancePolls } from './services/survey/schedule-importance-polls.js';
import { type Database, openDatabase } from './store/database.js';
import { StoredConversationRefs, StoredMessageRefs } from './store/message-refs.js';
import { syncTeams } from './store/teams.js';

/**
 * Accepts no more connections and resolves once every request in flight has its answer. Node
 * keeps a kept-alive connection open after its last answer (keepAliveTimeout) even while the
 * server closes, so idle ones are closed as they become idle.
 */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
  });
}

export type AppOptions = {
  config: Config;
  logger: Logger;
  clock?: Clock;
  random?: () => number;
  /** Drain the queue on a node-cron schedule (off in tests, which drain explicitly). */
  ticker?: boolean;
  /**
   * false: nothing starts the worker, not even an enqueue (GAPDESK_DEMO: the demo's database
   * holds the sandbox's pending jobs, which have no platform to go to).
   */
  jobs?: boolean;
  /** Where the Teams transport's Entra ID and signing-key requests go (tests: fakes on 127.0.0.1). */
  teamsTransport?: BotbuilderTransportOptions;
};

export type GapdeskApp = {
  deps: ServiceDeps;
  database: Database;
  worker: Worker;
  /** Queues each team's weekly digest (tests call enqueueDue with a moved clock). */
  digestScheduler: DigestScheduler;
  adapters: PlatformAdapter[];
  http: ReturnType<typeof createHttpApp>;
  /** Serves HTTP on `port`, then connects the adapters that dial out (Slack in Socket Mode). */
  listen(port: number, host?: string): Promise<Server>;
  /**
   * Drains and stops: no new connections, the requests in flight answered (and the Slack
   * handlers they started), the running jobs finished (nothing more claimed), the database
   * closed.
   */
  close(): Promise<void>;
};

/**
 * The composition root (with main.ts, the only code that knows every piece): config → store →
 * services → adapters → HTTP server and job worker.
 */
export async function createApp(options: AppOptions): Promise<GapdeskApp> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  // Requests first, background work after: the job worker waits for it.
  const foreground = new Foreground();
  const database = await openDatabase(config.databaseUrl, logger);
  const { store } = database;
  await syncTeams(store, config.teams);
  const queue = new JobQueue(store, database.provider, config.jobRetentionDays);
  const teams = new TeamDirectory(config.teams);
  const platforms = [
    ...(config.slack ? (['slack'] as const) : []),
    ...(config.msteams ? (['teams'] as const) : []),
  ];
  let worker: Worker | undefined;
  const deps: ServiceDeps = {
    store,
    queue,
    clock,
    teams,
    platforms,
    onEnqueued: () => (options.jobs === false ? undefined : worker?.kick()),
  };
  const context: AdapterContext = {
    deps,
    messageRefs: new StoredMessageRefs(store),
    conversationRefs: new StoredConversationRefs(store),
    logger,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  };
  const adapters: PlatformAdapter[] = [
    ...(config.slack ? [createSlackAdapter(context, config.slack)] : []),
    ...(config.msteams
      ? [
          createTeamsAdapter(
            context,
            config.msteams,
            new BotbuilderTransport(config.msteams, logger, options.teamsTransport),
          ),
        ]
      : []),
  ];
  const notifiers = Object.fromEntries(adapters.map((adapter) => [adapter.platform, adapter.notifier]));
  const handlers: JobHandler[] = [...requestJobHandlers({ store, queue, clock, teams, notifiers })];
  const surveyNotifiers = Object.fromEntries(
    adapters.flatMap((adapter) =>
      adapter.surveyNotifier ? [[adapter.platform, adapter.surveyNotifier]] : [],
    ),
  );
  handlers.push(...surveyJobHandlers({ deps, surveyNotifiers, random: options.random ?? Math.random }));
  const digestPosters = Object.fromEntries(
    adapters.flatMap((adapter) => (adapter.digestPoster ? [[adapter.platform, adapter.digestPoster]] : [])),
  );
  handlers.push(
    ...digestJobHandlers({
      ...deps,
      posters: digestPosters,
      messageRefs: context.messageRefs,
      // Both or no button: a link needs somewhere to point and a secret to sign it with.
      ...(config.publicUrl && config.reportSecret
        ? {
            reportLinks: {
              baseUrl: config.publicUrl,
              secret: config.reportSecret,
              days: config.reportLinkDays ?? DEFAULT_REPORT_LINK_DAYS,
            },
          }
        : {}),
    }),
  );
  const directories = Object.fromEntries(
    adapters.flatMap((adapter) => (adapter.people ? [[adapter.platform, adapter.people]] : [])),
  );
  handlers.push(...personJobHandlers({ store, directories }));
  const digestScheduler = new DigestScheduler({ ...deps, teams: config.teams, logger });
  await scheduleImportancePolls(deps);
  worker = new Worker({
    queue,
    handlers,
    clock,
    logger,
    leaseMs: config.jobLeaseMs,
    random: options.random,
    ...(config.jobBackoffMaxMs ? { backoff: { ...DEFAULT_BACKOFF, maxMs: config.jobBackoffMaxMs } } : {}),
    turn: () => foreground.turn(),
  });
  let draining = false;
  const http = createHttpApp({
    store,
    queue,
    clock,
    logger,
    foreground,
    draining: () => draining,
    ...(config.adminToken ? { adminToken: config.adminToken } : {}),
  });
  for (const adapter of adapters) adapter.mount(http);
  mountReport(http, {
    services: deps,
    logger,
    warmCharts: options.ticker === true,
    ...(config.reportSecret ? { reportSecret: config.reportSecret } : {}),
    ...(config.adminToken ? { adminToken: config.adminToken } : {}),
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  });
  const stopTicker = options.ticker ? startTicker(() => (worker as Worker).drain(), logger) : () => undefined;
  if (options.ticker) {
    // Also queues a digest missed while the app was down (the latest week only; idempotent).
    digestScheduler.start();
    await digestScheduler.enqueueDue();
  }

  let server: Server | undefined;
  return {
    deps,
    database,
    worker,
    digestScheduler,
    adapters,
    http,
    listen: async (port, host = '0.0.0.0') => {
      const listening = await new Promise<Server>((resolve) => {
        server = http.listen(port, host, () => resolve(server as Server));
      });
      for (const adapter of adapters) await adapter.start?.();
      return listening;
    },
    close: async () => {
      draining = true;
      stopTicker();
      digestScheduler.stop();
      // The worker claims nothing more from now on; the jobs it is running finish meanwhile.
      const workerStopped = (worker as Worker).stop();
      if (server) await closeServer(server);
      // Bolt runs its handlers after answering Slack: wait for those still running.
      for (const adapter of adapters) await adapter.stop?.();
      await workerStopped;
      await database.close();
    },
  };
}
