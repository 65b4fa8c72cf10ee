import { ManualClock } from '../../src/clock.js';
import type { Platform, RequestEvent, RequestView } from '../../src/domain/request.js';
import { requestJobHandlers } from '../../src/jobs/handlers/request-jobs.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { Worker } from '../../src/jobs/worker.js';
import { silentLogger } from '../../src/logger.js';
import type { Notifier, SlaAlert } from '../../src/ports.js';
import { type ServiceDeps, TeamDirectory } from '../../src/services/service-deps.js';
import type { Database } from '../../src/store/database.js';
import { syncTeams } from '../../src/store/teams.js';
import { testTeams } from '../fixtures/teams.js';

export type Delivery =
  | { kind: 'dm'; platform: Platform; ref: string; event: RequestEvent['type']; status: string; to: string }
  | {
      kind: 'card';
      platform: Platform;
      ref: string;
      event: RequestEvent['type'];
      status: string;
      assignee: string | null;
    }
  | { kind: 'sla'; platform: Platform; ref: string; alert: SlaAlert };

/** Records what the job queue asked a platform to say; the adapter suites use real fake servers instead. */
export class RecordingNotifier implements Notifier {
  constructor(
    readonly platform: Platform,
    private readonly log: Delivery[],
  ) {}
  async notifyRequester(view: RequestView, event: RequestEvent): Promise<void> {
    this.log.push({
      kind: 'dm',
      platform: this.platform,
      ref: view.request.ref,
      event: event.type,
      status: view.request.status,
      to: view.requester.platformUserId,
    });
  }
  async syncTriageCard(view: RequestView, event: RequestEvent): Promise<void> {
    this.log.push({
      kind: 'card',
      platform: this.platform,
      ref: view.request.ref,
      event: event.type,
      status: view.request.status,
      assignee: view.assignee?.platformUserId ?? null,
    });
  }
  async postSlaAlert(view: RequestView, alert: SlaAlert): Promise<void> {
    this.log.push({ kind: 'sla', platform: this.platform, ref: view.request.ref, alert });
  }
}

export async function serviceHarness(database: Database, start = '2026-11-23T09:00:00Z') {
  const { db, provider } = database;
  for (const table of [
    'jobs',
    'idempotencyKeys',
    'messageRefs',
    'requestPromises',
    'requestEvents',
    'surveyAnswers',
    'surveys',
    'importanceVotes',
    'digests',
    'requests',
    'people',
    'teams',
  ] as const) {
    await db.deleteFrom(table).execute();
  }
  const teams = testTeams();
  await syncTeams(database.store, teams);
  const clock = new ManualClock(start);
  const queue = new JobQueue(database.store, provider, 14);
  const deliveries: Delivery[] = [];
  const deps: ServiceDeps = {
    store: database.store,
    queue,
    clock,
    teams: new TeamDirectory(teams),
    platforms: ['slack', 'teams'],
  };
  const worker = new Worker({
    queue,
    clock,
    logger: silentLogger,
    random: () => 0.5,
    handlers: requestJobHandlers({
      store: database.store,
      queue,
      clock,
      teams: deps.teams,
      notifiers: {
        slack: new RecordingNotifier('slack', deliveries),
        teams: new RecordingNotifier('teams', deliveries),
      },
    }),
  });
  return { deps, clock, queue, worker, deliveries };
}
