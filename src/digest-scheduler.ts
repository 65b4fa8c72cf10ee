import { DateTime, type WeekdayNumbers } from 'luxon';
import cron from 'node-cron';
import type { Clock } from './clock.js';
import { lastCompleteWeek } from './domain/digest/digest-week.js';
import { type Team, WEEKDAYS } from './domain/team.js';
import { digestPrepareKey } from './jobs/handlers/digest-jobs.js';
import type { JobQueue } from './jobs/queue.js';
import type { Logger } from './logger.js';
import type { Store } from './store/database.js';

/** "mon 09:00" → weekday 1…7 (ISO), hour, minute. The team schema has already checked the format. */
export function parseDigestSchedule(schedule: string): {
  weekday: WeekdayNumbers;
  hour: number;
  minute: number;
} {
  const [day, time] = schedule.split(' ');
  const [hour, minute] = (time ?? '').split(':').map(Number);
  const weekday = (WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]) + 1) as WeekdayNumbers;
  return { weekday, hour: hour ?? 0, minute: minute ?? 0 };
}

/** The node-cron expression for a schedule, read in the team's timezone ("mon 09:00" → "0 9 * * 1"). */
export function digestCronExpression(schedule: string): string {
  const { weekday, hour, minute } = parseDigestSchedule(schedule);
  return `${minute} ${hour} * * ${weekday % 7}`;
}

/**
 * The most recent moment at or before `now` when the schedule fired in `timezone`, by the
 * wall clock there (so "mon 09:00" is 09:00 local in summer and in winter alike).
 */
export function latestDigestFire(schedule: string, timezone: string, now: Date): Date {
  const { weekday, hour, minute } = parseDigestSchedule(schedule);
  const local = DateTime.fromJSDate(now, { zone: timezone });
  let fire = local.set({ weekday, hour, minute, second: 0, millisecond: 0 });
  if (fire > local) fire = fire.minus({ weeks: 1 }).set({ hour, minute });
  return fire.toJSDate();
}

export type DigestSchedulerDeps = {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  teams: readonly Team[];
  logger: Logger;
  onEnqueued?: () => void;
};

/**
 * Queues each team's digest when its schedule fires. Enqueueing is idempotent per team-week
 * (job key), so a restart, a second replica or a catch-up never posts twice; at start the
 * latest due week is queued if it was missed while the app was down.
 */
export class DigestScheduler {
  private tasks: { stop: () => unknown }[] = [];

  constructor(private readonly deps: DigestSchedulerDeps) {}

  /** Queues the digest of the latest fire at or before now for every team with a channel. */
  async enqueueDue(): Promise<string[]> {
    const now = this.deps.clock.now();
    const queued: string[] = [];
    for (const team of this.deps.teams) {
      if (team.digest.slackChannels.length + team.digest.teamsChannels.length === 0) continue;
      const fire = latestDigestFire(team.digest.schedule, team.timezone, now);
      const week = lastCompleteWeek(fire, team.timezone);
      const added = await this.deps.queue.enqueue(
        this.deps.store,
        {
          kind: 'digest.prepare',
          payload: { teamId: team.id, week },
          idempotencyKey: digestPrepareKey(team.id, week),
        },
        now,
      );
      if (added) queued.push(`${team.id}:${week}`);
    }
    if (queued.length > 0) this.deps.onEnqueued?.();
    return queued;
  }

  /** One node-cron task per team in its own timezone; each firing runs the idempotent enqueueDue. */
  start(): void {
    for (const team of this.deps.teams) {
      const task = cron.schedule(
        digestCronExpression(team.digest.schedule),
        () => {
          this.enqueueDue().catch((error: unknown) =>
            this.deps.logger.error({ err: error, team: team.id }, 'queueing the weekly digest failed'),
          );
        },
        { timezone: team.timezone },
      );
      this.tasks.push(task);
    }
  }

  stop(): void {
    for (const task of this.tasks) task.stop();
    this.tasks = [];
  }
}
