import { z } from 'zod';
import { DIMENSIONS, type Dimension, dimensionSchema, SHORTFALLS, shortfallSchema } from '../dimensions.js';
import { neededByChoiceSchema, requestEventTypeSchema } from '../request.js';
import { requestStatusSchema } from '../request-lifecycle.js';
import { prioritySchema } from '../team.js';

/**
 * The leaders' report as data (issue #21): a team's history week by week, the requests behind
 * each figure of a week, one request's timeline and the per-request export rows. The web pages
 * render these; the store fills them. Names are those of the contract in the brief; additions
 * (Share's `share`/`low`/`high`, HistoryWeek's `leaderVotes`, `resolved`, `cancelled`) are extra
 * fields, nothing was renamed.
 *
 * Requester names: the digest shows none (comments are quoted without names), so no schema here
 * carries a requester's name or id. People named are team members acting on a request (assignee,
 * who acknowledged, resolved…); an event done by the requester says `role: 'requester'` and no
 * name. Every free text (description, resolution, notes, comments) is the requester's or the
 * team's own words: the page must escape it and the CSV must neutralise it.
 *
 * Where each field may be shown:
 * - TeamHistory: anywhere (counts and estimates only; estimates are null below 5 answers).
 * - ReportRequestRow, ExportRow: the drill-down lists, the timeline and the exports. `assignee` is
 *   a team member's name. The survey `comment` sits next to a ref, never a person.
 * - RequestTimeline: the timeline page. `description` is the requester's text as filed (it may
 *   contain anything, a signature too); `events[].actor.name` is only ever a team member's.
 * - "Voice of the requester" quotes stay the digest's (DigestData.voice); nothing here adds a name
 *   to them.
 */

const weekKeySchema = z.string().regex(/^\d{4}-W\d{2}$/);

/** A mean with its 95 % CI, computed as the digest computes it (t interval; normal for the overall). */
export const estimateSchema = z.object({
  mean: z.number(),
  low: z.number(),
  high: z.number(),
  n: z.number().int(),
});
export type Estimate = z.infer<typeof estimateSchema>;

/** `count` of `of` (e.g. acknowledged within SLA of those with a verdict), with the Wilson 95 % CI. */
export const shareSchema = z.object({
  count: z.number().int(),
  of: z.number().int(),
  share: z.number(),
  low: z.number(),
  high: z.number(),
});
export type Share = z.infer<typeof shareSchema>;

const perDimension = <T extends z.ZodType>(value: T) =>
  z.object(Object.fromEntries(DIMENSIONS.map((d) => [d, value])) as Record<Dimension, T>);

/**
 * One ISO week in the team's timezone. Estimates and shares are null below MIN_ANSWERS (5)
 * answers or cases, exactly when the digest says "too few": the chart shows a gap, not a point.
 * Counts are always present (0 for a quiet week).
 */
export const historyWeekSchema = z.object({
  week: weekKeySchema,
  /** Survey answers with a score (the digest's honesty.answered). */
  answers: z.number().int(),
  /** The overall importance-weighted gap score (the digest's gap5.overall.current). */
  gapScore: estimateSchema.nullable(),
  dimensions: perDimension(estimateSchema.nullable()),
  ackWithinSla: shareSchema.nullable(),
  resolveWithinSla: shareSchema.nullable(),
  promisesKept: shareSchema.nullable(),
  /** Gap 2: share of the week's filings whose "needed by" was sooner than the SLA target. */
  neededSooner: shareSchema.nullable(),
  /** Gap 1: requesters' "what matters most?" votes cast in the week. */
  importanceVotes: perDimension(z.number().int()),
  /** Leads' votes cast in the week. */
  leaderVotes: perDimension(z.number().int()),
  filed: z.number().int(),
  resolved: z.number().int(),
  cancelled: z.number().int(),
  /** Open at the week's end (the digest's volume.openAtWeekEnd). */
  backlog: z.number().int(),
});
export type HistoryWeek = z.infer<typeof historyWeekSchema>;

/** Oldest week first; every week between the first and the last is present, quiet ones too. */
export const teamHistorySchema = z.object({
  teamId: z.string(),
  weeks: z.array(historyWeekSchema),
});
export type TeamHistory = z.infer<typeof teamHistorySchema>;

/** The figures a page can open into the list of requests behind them; see report-figures.ts. */
export const BASE_FIGURE_KEYS = [
  'filed',
  'resolved',
  'backlog',
  'ack-measured',
  'ack-within-sla',
  'ack-outside-sla',
  'resolve-measured',
  'resolve-within-sla',
  'resolve-outside-sla',
  'needed-by-stated',
  'needed-sooner-than-sla',
  'promises-settled',
  'promises-kept',
  'promises-broken',
  'surveys-sent',
  'answered',
  'not-fixed',
  'expired',
  'awaiting',
  'worse-than-expected',
  'negative-comments',
  'waiting-on-resources',
  'deferrals',
] as const;

type BaseFigureKey = (typeof BASE_FIGURE_KEYS)[number];
export type FigureKey =
  | BaseFigureKey
  | `answered:${Dimension}`
  | `worse-than-expected:${Dimension}`
  | `shortfall:${(typeof SHORTFALLS)[number]}`;

export const FIGURE_KEYS: readonly FigureKey[] = [
  ...BASE_FIGURE_KEYS,
  ...DIMENSIONS.map((d) => `answered:${d}` as const),
  ...DIMENSIONS.map((d) => `worse-than-expected:${d}` as const),
  ...SHORTFALLS.map((r) => `shortfall:${r}` as const),
];
export const figureKeySchema = z.enum(FIGURE_KEYS as [FigureKey, ...FigureKey[]]);

/** A team member shown by name (assignee, who acted). Never a requester. */
const memberNameSchema = z.string().nullable();

/** The survey answer on a request, without who gave it. */
export const surveyAnswerSchema = z.object({
  round: z.number().int(),
  dimension: dimensionSchema.nullable(),
  /** sent | answered | not_fixed | expired | skipped | scheduled … as stored. */
  status: z.string(),
  /** −2 … +2; null for "Not fixed" or no answer. */
  score: z.number().int().nullable(),
  shortfall: shortfallSchema.nullable(),
  /** The requester's words: escape on a page, neutralise in CSV. Never shown next to a name. */
  comment: z.string().nullable(),
  answeredAt: z.date().nullable(),
});
export type SurveyAnswer = z.infer<typeof surveyAnswerSchema>;

/** One row of a drill-down list. Safe to show anywhere the report is shown (no requester name). */
export const reportRequestRowSchema = z.object({
  ref: z.string(),
  category: z.string(),
  location: z.string().nullable(),
  priority: prioritySchema,
  status: requestStatusSchema,
  filedAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
  assignee: memberNameSchema,
  neededByChoice: neededByChoiceSchema,
  neededBy: z.date().nullable(),
  ackWithinSla: z.boolean().nullable(),
  resolveWithinSla: z.boolean().nullable(),
  neededSoonerThanSla: z.boolean(),
  /**
   * The answer that puts the request in the list for survey figures (that week's survey);
   * otherwise its latest survey. Null when it had none.
   */
  survey: surveyAnswerSchema.nullable(),
});
export type ReportRequestRow = z.infer<typeof reportRequestRowSchema>;

/** The requests behind one figure of one week; `rows.length` equals the figure. */
export const figureRequestsSchema = z.object({
  teamId: z.string(),
  week: weekKeySchema,
  figure: figureKeySchema,
  rows: z.array(reportRequestRowSchema),
});
export type FigureRequests = z.infer<typeof figureRequestsSchema>;

/** Who did something: a team member by name, the requester (never named), or gapdesk itself. */
export const timelineActorSchema = z.object({
  role: z.enum(['team', 'requester', 'system']),
  name: memberNameSchema,
});

export const timelineEventSchema = z.object({
  at: z.date(),
  type: requestEventTypeSchema,
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actor: timelineActorSchema,
  /** The event's details as recorded (note, reason, until, on, resolution, priority…): free text inside. */
  detail: z.record(z.string(), z.string()),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const timelinePromiseSchema = z.object({
  kind: z.enum(['acknowledge', 'resolve_by']),
  madeAt: z.date(),
  dueAt: z.date(),
  settledAt: z.date().nullable(),
  /** kept | missed | moved | void; null while open. */
  outcome: z.enum(['kept', 'missed', 'moved', 'void']).nullable(),
  slipMinutes: z.number().nullable(),
});
export type TimelinePromise = z.infer<typeof timelinePromiseSchema>;

/** A request from filing to now: its row, every event oldest first, its promises and surveys. */
export const requestTimelineSchema = z.object({
  request: reportRequestRowSchema.extend({
    description: z.string(),
    resolution: z.string().nullable(),
    slaAckDueAt: z.date().nullable(),
    slaResolveDueAt: z.date().nullable(),
    reopenCount: z.number().int(),
  }),
  events: z.array(timelineEventSchema),
  promises: z.array(timelinePromiseSchema),
  surveys: z.array(surveyAnswerSchema),
});
export type RequestTimeline = z.infer<typeof requestTimelineSchema>;

/**
 * One request filed in the export's period, flat for CSV: its SLA outcomes (gap 3), needed-by
 * against the SLA (gap 2), promises (gap 4) and latest survey answer (gap 5). No requester name.
 */
export const exportRowSchema = z.object({
  ref: z.string(),
  category: z.string(),
  location: z.string().nullable(),
  priority: prioritySchema,
  status: requestStatusSchema,
  filedAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
  assignee: memberNameSchema,
  neededByChoice: neededByChoiceSchema,
  neededBy: z.date().nullable(),
  neededSoonerThanSla: z.boolean(),
  slaAckDueAt: z.date().nullable(),
  slaResolveDueAt: z.date().nullable(),
  ackMinutes: z.number().nullable(),
  resolveMinutes: z.number().nullable(),
  ackWithinSla: z.boolean().nullable(),
  resolveWithinSla: z.boolean().nullable(),
  reopenCount: z.number().int(),
  promisesMade: z.number().int(),
  promisesKept: z.number().int(),
  promisesBroken: z.number().int(),
  surveyStatus: z.string().nullable(),
  surveyDimension: dimensionSchema.nullable(),
  surveyScore: z.number().int().nullable(),
  surveyShortfall: shortfallSchema.nullable(),
  surveyComment: z.string().nullable(),
  surveyAnsweredAt: z.date().nullable(),
});
export type ExportRow = z.infer<typeof exportRowSchema>;
