import { renderGapChartPng } from '../../charts/render-chart.js';
import type { Clock } from '../../clock.js';
import type { DigestData } from '../../domain/digest/digest-schema.js';
import type { Platform } from '../../domain/request.js';
import type { DigestPoster, MessageRefStore } from '../../ports.js';
import { buildWeeklyDigest } from '../../services/build-weekly-digest.js';
import { reportLink } from '../../services/report/report-link.js';
import type { TeamDirectory } from '../../services/service-deps.js';
import type { Store } from '../../store/database.js';
import { findSavedDigest, saveDigestOnce } from '../../store/digest/digest-store.js';
import { PermanentJobError } from '../job-errors.js';
import { jobPayloads } from '../job-kinds.js';
import type { JobQueue } from '../queue.js';
import { defineJob, type JobHandler } from '../worker.js';

export type DigestJobDeps = {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  teams: TeamDirectory;
  posters: Partial<Record<Platform, DigestPoster>>;
  messageRefs: MessageRefStore;
  /**
   * Where the "Open the report" button points: gapdesk's public URL, the secret that signs the
   * link and how many days it opens the report. Absent: digests carry no report link.
   */
  reportLinks?: ReportLinkSettings;
  /** Renders the chart; the real one unless a test swaps in something faster. */
  renderChart?: (digest: DigestData) => Promise<Buffer>;
};

export type ReportLinkSettings = { baseUrl: string; secret: string; days: number };

/** What a posted digest is recorded under in message_refs: one per team, week and channel. */
export function digestRefKey(teamId: string, week: string, channel: string, platform: Platform) {
  return { purpose: 'digest', subjectId: `${teamId}:${week}:${channel}`, platform };
}

/** Job key of one channel's post: unique forever, so a second enqueue (another replica, a re-run) is a no-op. */
export function digestPostKey(teamId: string, week: string, platform: Platform, channel: string): string {
  return `digest.post:${teamId}:${week}:${platform}:${channel}`;
}

export function digestPrepareKey(teamId: string, week: string): string {
  return `digest.prepare:${teamId}:${week}`;
}

/**
 * The digest's two jobs. `digest.prepare` builds the team-week's digest once (the saved copy
 * wins, so every channel gets the same figures) and fans out one `digest.post` per configured
 * channel on a connected platform. `digest.post` renders the chart and posts, skipping a
 * channel whose post is already recorded (the job may run again after a crash).
 */
export function digestJobHandlers(deps: DigestJobDeps): JobHandler[] {
  const render = deps.renderChart ?? renderGapChartPng;
  return [
    defineJob({
      kind: 'digest.prepare',
      schema: jobPayloads['digest.prepare'],
      run: async ({ teamId, week }) => {
        const team = deps.teams.get(teamId);
        const saved = await findSavedDigest(deps.store, teamId, week);
        if (!saved) await saveDigestOnce(deps.store, await buildWeeklyDigest(deps, { teamId, week }));
        const targets = [
          ...team.digest.slackChannels.map((channel) => ({ platform: 'slack' as const, channel })),
          ...team.digest.teamsChannels.map((channel) => ({ platform: 'teams' as const, channel })),
        ].filter((target) => deps.posters[target.platform]);
        const now = deps.clock.now();
        for (const { platform, channel } of targets) {
          await deps.queue.enqueue(
            deps.store,
            {
              kind: 'digest.post',
              payload: { teamId, week, platform, channel },
              idempotencyKey: digestPostKey(teamId, week, platform, channel),
            },
            now,
          );
        }
      },
    }),
    defineJob({
      kind: 'digest.post',
      schema: jobPayloads['digest.post'],
      run: async ({ teamId, week, platform, channel }, delivery) => {
        const poster = deps.posters[platform];
        if (!poster)
          throw new PermanentJobError(`${platform} is not connected, so the digest cannot be posted`);
        const key = digestRefKey(teamId, week, channel, platform);
        if (await deps.messageRefs.find(key)) return;
        const digest = await findSavedDigest(deps.store, teamId, week);
        if (!digest) throw new PermanentJobError(`no digest saved for ${teamId} ${week}`);
        // Signed now, not when the digest was built: the link's days run from the post.
        const reportUrl = deps.reportLinks
          ? reportLink({ ...deps.reportLinks, teamId, now: deps.clock.now() })
          : null;
        const { messageId } = await poster.postDigest(channel, digest, await render(digest), delivery, {
          reportUrl,
        });
        await deps.messageRefs.save({ ...key, channel, messageId });
      },
    }),
  ];
}
