import { DateTime } from 'luxon';
import { AppError } from '../errors.js';
import { nextOpening } from './business-calendar.js';
import { DIMENSIONS, type Dimension } from './dimensions.js';
import { parseWallDuration } from './duration.js';
import type { Team } from './team.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Why a survey is not sent: decided when planning, or at send time. */
export type PlanSkipReason = 'requester_is_team_member' | 'fatigue_cap';
export type SendSkipReason = 'request_reopened' | 'request_cancelled';

export type SurveyPlan =
  | { kind: 'skip'; reason: PlanSkipReason }
  | {
      kind: 'send';
      sendAt: Date;
      remindAt: Date;
      expiresAt: Date;
      dimension: Dimension;
      /** The team-week this question counts towards; store it so the next plan can count it. */
      weekKey: string;
    };

/** What planning needs from a team: its zone, its people and its survey settings. */
export type SurveyTeam = Pick<Team, 'timezone' | 'survey' | 'slack' | 'teams'>;

export interface SurveyPlanInput {
  team: SurveyTeam;
  /** When the request was resolved; also the planning moment that picks the week. */
  resolvedAt: Date;
  requesterId: string;
  /** The requester's own IANA zone if the platform told us; the team's zone otherwise. */
  requesterTimezone?: string | null;
  /** Send times of every survey already sent or scheduled to this requester (any team). */
  requesterSurveyTimes: readonly Date[];
  /**
   * Questions already planned (sent or scheduled, not skipped) per dimension for this team in
   * the ISO week `isoWeekKey(resolvedAt, team.timezone)`. Planned questions, not answers: they
   * are known at once, so a burst of resolutions still spreads across the five dimensions.
   */
  countsThisWeek: Record<Dimension, number>;
  random: () => number;
}

/**
 * The dimension with the fewest questions so far, ties broken by `random` (a value in [0, 1)),
 * so a week's surveys cover all five evenly while each requester is asked only one.
 */
export function chooseDimension(countsThisWeek: Record<Dimension, number>, random: () => number): Dimension {
  const fewest = Math.min(...DIMENSIONS.map((dimension) => countsThisWeek[dimension]));
  const tied = DIMENSIONS.filter((dimension) => countsThisWeek[dimension] === fewest);
  // Guard against a random() that returns exactly 1.
  const index = Math.min(tied.length - 1, Math.floor(random() * tied.length));
  const chosen = tied[index];
  if (chosen === undefined) throw new AppError('invalid_input', 'dimension counts must be finite numbers');
  return chosen;
}

/** Whether a person belongs to the team (member or lead, on either platform). */
export function isTeamMember(team: Pick<Team, 'slack' | 'teams'>, userId: string): boolean {
  return [team.slack, team.teams].some(
    (people) => people !== undefined && (people.members.includes(userId) || people.leads.includes(userId)),
  );
}

/**
 * When to send: `survey.delay` after resolution, moved forward into the team's send window as
 * the requester's clock reads it, so nobody is asked at 3 a.m. their time.
 */
export function surveySendTime(
  team: Pick<Team, 'timezone' | 'survey'>,
  resolvedAt: Date,
  requesterTimezone?: string | null,
): Date {
  const earliest = new Date(resolvedAt.getTime() + parseWallDuration(team.survey.delay));
  return nextOpening(
    { timezone: requesterTimezone ?? team.timezone, window: team.survey.sendWindow },
    earliest,
  );
}

/**
 * The planning-time skip rule that applies first, or null. The fatigue cap counts surveys sent
 * or scheduled from 7 days before `sendAt` onwards, so ones still queued count too.
 */
export function surveySkipReason(input: {
  team: Pick<Team, 'survey' | 'slack' | 'teams'>;
  requesterId: string;
  requesterSurveyTimes: readonly Date[];
  sendAt: Date;
}): PlanSkipReason | null {
  if (isTeamMember(input.team, input.requesterId)) return 'requester_is_team_member';
  const since = input.sendAt.getTime() - WEEK_MS;
  const recent = input.requesterSurveyTimes.filter((at) => at.getTime() > since).length;
  if (recent >= input.team.survey.maxPerPersonPerWeek) return 'fatigue_cap';
  return null;
}

/** Plan the micro-survey for a resolved request: skip with a reason, or when and what to ask. */
export function planSurvey(input: SurveyPlanInput): SurveyPlan {
  const { team } = input;
  const sendAt = surveySendTime(team, input.resolvedAt, input.requesterTimezone);
  const reason = surveySkipReason({ ...input, sendAt });
  if (reason !== null) return { kind: 'skip', reason };
  return {
    kind: 'send',
    sendAt,
    remindAt: new Date(sendAt.getTime() + parseWallDuration(team.survey.reminderAfter)),
    expiresAt: new Date(sendAt.getTime() + parseWallDuration(team.survey.expireAfter)),
    dimension: chooseDimension(input.countsThisWeek, input.random),
    weekKey: isoWeekKey(input.resolvedAt, team.timezone),
  };
}

/** The request as it stands when a planned survey is due. */
export interface RequestAtSendTime {
  cancelled: boolean;
  /** When it was last resolved; null while it is open again. */
  resolvedAt: Date | null;
}

/**
 * The send-time skip rule, or null to send. A request resolved again after a reopen gets its
 * own survey, so the older one counts as reopened even though the request is resolved now.
 */
export function sendTimeSkipReason(
  surveyResolvedAt: Date,
  request: RequestAtSendTime,
): SendSkipReason | null {
  if (request.cancelled) return 'request_cancelled';
  if (request.resolvedAt === null || request.resolvedAt.getTime() !== surveyResolvedAt.getTime()) {
    return 'request_reopened';
  }
  return null;
}

function zoned(at: Date, timezone: string): DateTime {
  const local = DateTime.fromJSDate(at, { zone: timezone });
  if (!local.isValid) throw new AppError('invalid_input', `unknown timezone "${timezone}"`);
  return local;
}

/** The ISO week, e.g. "2026-W53", using the ISO week-year (31 Dec may fall in next year's W01). */
export function isoWeekKey(at: Date, timezone: string): string {
  const local = zoned(at, timezone);
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}

/** Monday 00:00 to the next Monday 00:00 in `timezone`: 167, 168 or 169 hours around DST. */
export function weekBounds(weekKey: string, timezone: string): { start: Date; end: Date } {
  const match = /^(\d{4})-W(\d{2})$/.exec(weekKey);
  const start = match
    ? DateTime.fromObject(
        { weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 },
        { zone: timezone },
      ).startOf('day')
    : undefined;
  // Luxon silently rolls W53 of a 52-week year over, so check the key round-trips.
  if (start === undefined || !start.isValid || isoWeekKey(start.toJSDate(), timezone) !== weekKey) {
    throw new AppError('invalid_input', `not an ISO week key like "2026-W07": "${weekKey}"`);
  }
  return { start: start.toJSDate(), end: start.plus({ weeks: 1 }).toJSDate() };
}

/** The calendar quarter in `timezone`, e.g. "2026-Q4". */
export function quarterKey(at: Date, timezone: string): string {
  const local = zoned(at, timezone);
  return `${local.year}-Q${local.quarter}`;
}
