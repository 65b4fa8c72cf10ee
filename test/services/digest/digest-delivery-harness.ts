import { ManualClock } from '../../../src/clock.js';
import { DigestScheduler } from '../../../src/digest-scheduler.js';
import type { DigestData } from '../../../src/domain/digest/digest-schema.js';
import type { Platform } from '../../../src/domain/request.js';
import type { Team } from '../../../src/domain/team.js';
import { digestJobHandlers } from '../../../src/jobs/handlers/digest-jobs.js';
import { JobQueue } from '../../../src/jobs/queue.js';
import { Worker } from '../../../src/jobs/worker.js';
import { silentLogger } from '../../../src/logger.js';
import type { DigestPoster } from '../../../src/ports.js';
import { TeamDirectory } from '../../../src/services/service-deps.js';
import type { Database } from '../../../src/store/database.js';
import { StoredMessageRefs } from '../../../src/store/message-refs.js';
import { testTeams } from '../../fixtures/teams.js';

export type DigestPost = {
  platform: Platform;
  channel: string;
  team: string;
  week: string;
  pngBytes: number;
};

/** Stands in for a chat platform at the port: records each post, shared across replicas. */
export class RecordingDigestPoster implements DigestPoster {
  constructor(
    readonly platform: Platform,
    private readonly log: DigestPost[],
  ) {}
  async postDigest(channel: string, digest: DigestData, chartPng: Buffer): Promise<{ messageId: string }> {
    this.log.push({
      platform: this.platform,
      channel,
      team: digest.team.id,
      week: digest.week,
      pngBytes: chartPng.length,
    });
    return { messageId: `${this.platform}-${this.log.length}` };
  }
}

/** The fixture teams, with the New York `it` team also posting its digest to a Slack channel. */
export function digestTeams(): Team[] {
  return testTeams().map((team) =>
    team.id === 'it'
      ? { ...team, digest: { schedule: 'mon 09:00', slackChannels: ['C0ITLEADS'], teamsChannels: [] } }
      : team,
  );
}

/** One replica's worth of digest delivery: the real scheduler, queue and worker on `database`. */
export function digestReplica(database: Database, clock: ManualClock, posts: DigestPost[], workerId: string) {
  const teams = digestTeams();
  const queue = new JobQueue(database.store, database.provider, 14);
  const handlers = digestJobHandlers({
    store: database.store,
    queue,
    clock,
    teams: new TeamDirectory(teams),
    posters: {
      slack: new RecordingDigestPoster('slack', posts),
      teams: new RecordingDigestPoster('teams', posts),
    },
    messageRefs: new StoredMessageRefs(database.store),
    // A tiny stand-in PNG keeps these tests about scheduling; test/charts covers the real chart.
    renderChart: async () => Buffer.from('89504e470d0a1a0a', 'hex'),
  });
  const worker = new Worker({ queue, handlers, clock, logger: silentLogger, random: () => 0.5, workerId });
  const scheduler = new DigestScheduler({ store: database.store, queue, clock, teams, logger: silentLogger });
  return { queue, worker, scheduler, handlers };
}

export async function clearTables(database: Database): Promise<void> {
  for (const table of ['jobs', 'messageRefs', 'digests'] as const)
    await database.db.deleteFrom(table).execute();
}

export { ManualClock };
