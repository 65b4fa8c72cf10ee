import { DateTime } from 'luxon';
import { nextOpening } from '../../domain/business-calendar.js';
import { quarterKey } from '../../domain/survey-plan.js';
import type { Team } from '../../domain/team.js';

export type PollPeriod = { key: string; start: Date; next: Date };

/**
 * The importance-poll period containing `at`, in the team's zone: calendar blocks of
 * `everyMonths` months from January. Every three months the key is the quarter ("2026-Q4"),
 * otherwise the period's first month ("2026-M07").
 */
export function pollPeriod(team: Pick<Team, 'timezone' | 'survey'>, at: Date): PollPeriod {
  const every = team.survey.importancePoll.everyMonths;
  const local = DateTime.fromJSDate(at, { zone: team.timezone });
  const monthIndex = local.year * 12 + (local.month - 1);
  const startIndex = Math.floor(monthIndex / every) * every;
  const start = DateTime.fromObject(
    { year: Math.floor(startIndex / 12), month: (startIndex % 12) + 1, day: 1 },
    { zone: team.timezone },
  );
  const key =
    every === 3
      ? quarterKey(start.toJSDate(), team.timezone)
      : `${start.year}-M${String(start.month).padStart(2, '0')}`;
  return { key, start: start.toJSDate(), next: start.plus({ months: every }).toJSDate() };
}

/** When a period's poll goes out: its first moment inside the team's survey send window. */
export function pollSendTime(team: Pick<Team, 'timezone' | 'survey'>, period: PollPeriod): Date {
  return nextOpening({ timezone: team.timezone, window: team.survey.sendWindow }, period.start);
}
