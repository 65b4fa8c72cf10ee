import { z } from 'zod';
import { dimensionSchema, shortfallSchema } from '../dimensions.js';
import { prioritySchema } from '../team.js';

/**
 * The weekly digest as data: one object that the text, chart, Slack and Teams renderers all
 * read. This zod schema is the single source of its type, so a digest stored as JSON (the
 * digests table) is parsed back, never trusted.
 */

const intervalSchema = z.object({ low: z.number(), high: z.number() });

/** A mean gap score or `too_few` (no number at all below MIN_ANSWERS). */
export const meanFigureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('too_few'), n: z.number().int() }),
  z.object({
    kind: z.literal('value'),
    n: z.number().int(),
    mean: z.number(),
    sd: z.number().nullable(),
    ci95: intervalSchema.nullable(),
  }),
]);
export type MeanFigure = z.infer<typeof meanFigureSchema>;

export const shareFigureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('too_few'), n: z.number().int() }),
  z.object({ kind: z.literal('value'), n: z.number().int(), share: z.number(), ci95: intervalSchema }),
]);
export type ShareFigure = z.infer<typeof shareFigureSchema>;

/** Median and 90th percentile of business minutes, or `too_few`. */
export const timeFigureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('too_few'), n: z.number().int() }),
  z.object({ kind: z.literal('value'), n: z.number().int(), median: z.number(), p90: z.number() }),
]);
export type TimeFigure = z.infer<typeof timeFigureSchema>;

export const changeSchema = z.discriminatedUnion('verdict', [
  z.object({ verdict: z.literal('too_few'), delta: z.null(), p: z.null() }),
  z.object({
    verdict: z.enum(['improved', 'worsened', 'no_clear_change']),
    delta: z.number(),
    p: z.number(),
  }),
]);
export type Change = z.infer<typeof changeSchema>;

/** A headline figure: this week, last week and the verdict of the change test. */
const tracked = <T extends z.ZodType>(figure: T) =>
  z.object({ current: figure, previous: figure, change: changeSchema });

export const trackedMeanSchema = tracked(meanFigureSchema);
export type TrackedMean = z.infer<typeof trackedMeanSchema>;
export const trackedShareSchema = tracked(shareFigureSchema);
export type TrackedShare = z.infer<typeof trackedShareSchema>;

const countChangeSchema = z.object({ current: z.number().int(), previous: z.number().int() });

export const weightedFigureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('too_few'), n: z.number().int() }),
  z.object({
    kind: z.literal('value'),
    n: z.number().int(),
    mean: z.number(),
    ci95: intervalSchema,
    used: z.array(dimensionSchema),
    leftOut: z.array(dimensionSchema),
  }),
]);
export type WeightedFigure = z.infer<typeof weightedFigureSchema>;

export const weightsSchema = z.record(dimensionSchema, z.number());

export const threeRSchema = z.enum(['resources', 'response', 'respect']);
export type ThreeR = z.infer<typeof threeRSchema>;

/** One plain-language finding; `severity` orders them (0 = good news … 2 = worst). */
export const findingSchema = z.object({
  r: threeRSchema,
  tone: z.enum(['concern', 'good_news']),
  severity: z.number(),
  title: z.string(),
  detail: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

const countRowSchema = z.object({ key: z.string(), filed: z.number().int(), openAtEnd: z.number().int() });

export const digestSchema = z.object({
  version: z.literal(1),
  team: z.object({ id: z.string(), name: z.string(), timezone: z.string() }),
  week: z.string(),
  previousWeek: z.string(),
  period: z.object({ start: z.iso.datetime(), end: z.iso.datetime() }),
  generatedAt: z.iso.datetime(),
  /** The 2–3 findings that matter most, worst first. Empty when nothing stands out. */
  headlines: z.array(findingSchema),
  volume: z.object({
    filed: countChangeSchema,
    resolved: countChangeSchema,
    openAtWeekEnd: z.number().int(),
    /** Open requests at the end of each of the last four weeks, oldest first. */
    backlog: z.array(z.object({ week: z.string(), open: z.number().int() })),
    byCategory: z.array(countRowSchema),
    byLocation: z.array(countRowSchema),
    /** Requests filed, by local weekday (0 = Monday) × local hour, in the team's timezone. */
    arrivals: z.array(z.array(z.number().int()).length(24)).length(7),
    busiest: z.array(
      z.object({ weekday: z.number().int(), hour: z.number().int(), count: z.number().int() }),
    ),
  }),
  gap5: z.object({
    dimensions: z.array(z.object({ dimension: dimensionSchema, score: trackedMeanSchema })),
    overall: z.object({
      current: weightedFigureSchema,
      previous: weightedFigureSchema,
      change: changeSchema,
    }),
    weights: weightsSchema,
    weightsSource: z.enum(['requester_votes', 'team_config', 'default']),
  }),
  gap3: z.object({
    acknowledgedWithinSla: trackedShareSchema,
    resolvedWithinSla: trackedShareSchema,
    byPriority: z.array(
      z.object({
        priority: prioritySchema,
        acknowledgedWithinSla: shareFigureSchema,
        resolvedWithinSla: shareFigureSchema,
        acknowledgeMinutes: timeFigureSchema,
        resolveMinutes: timeFigureSchema,
      }),
    ),
  }),
  gap2: z.object({
    neededByTighter: trackedShareSchema,
    byPriority: z.array(z.object({ priority: prioritySchema, neededByTighter: shareFigureSchema })),
  }),
  gap4: z.object({
    kept: trackedShareSchema,
    /** Mean slip in hours over the promises that were broken (missed or moved). */
    slipHours: trackedMeanSchema,
    byKind: z.array(z.object({ kind: z.enum(['acknowledge', 'resolve_by']), kept: shareFigureSchema })),
  }),
  gap1: z
    .object({
      requesters: z.object({ votes: z.number().int(), weights: weightsSchema }),
      leaders: z.object({ votes: z.number().int(), weights: weightsSchema }),
    })
    .nullable(),
  threeRs: z.object({
    resources: z.object({
      /** Negative answers whose 3R follow-up named this R; null below MIN_ANSWERS negative answers. */
      shortfallAnswers: z.number().int().nullable(),
      waitingOnResourcesHours: z.number(),
      requestsWaitingOnResources: z.number().int(),
      deferrals: z.number().int(),
      findings: z.array(findingSchema),
    }),
    response: z.object({
      shortfallAnswers: z.number().int().nullable(),
      acknowledgeMisses: z.number().int(),
      resolveMisses: z.number().int(),
      findings: z.array(findingSchema),
    }),
    respect: z.object({
      shortfallAnswers: z.number().int().nullable(),
      negativeComments: z.number().int().nullable(),
      findings: z.array(findingSchema),
    }),
  }),
  /** score null: the requester answered "Not fixed". */
  voice: z.array(
    z.object({
      dimension: dimensionSchema.nullable(),
      score: z.number().int().nullable(),
      comment: z.string(),
    }),
  ),
  honesty: z.object({
    sent: z.number().int(),
    answered: z.number().int(),
    notFixed: z.number().int(),
    expired: z.number().int(),
    awaiting: z.number().int(),
    responseRate: shareFigureSchema,
    skipped: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  }),
  shortfallsByDimension: z.array(
    z.object({ dimension: dimensionSchema, shortfall: shortfallSchema, count: z.number().int() }),
  ),
  footnotes: z.array(z.string()),
});
export type DigestData = z.infer<typeof digestSchema>;
