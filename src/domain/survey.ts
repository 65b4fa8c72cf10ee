import { z } from 'zod';
import { dimensionSchema, gapScoreSchema, shortfallSchema } from './dimensions.js';

/** Stored survey statuses. `scheduled` and `skipped` are never shown to anyone. */
export const SURVEY_STATUSES = ['scheduled', 'skipped', 'sent', 'answered', 'not_fixed', 'expired'] as const;
export const surveyStatusSchema = z.enum(SURVEY_STATUSES);
export type SurveyStatus = z.infer<typeof surveyStatusSchema>;

/** One resolution's micro-survey as stored: the answer that counts (the last tap) is on it. */
export const surveySchema = z.object({
  id: z.string(),
  requestId: z.string(),
  round: z.number().int(),
  teamId: z.string(),
  requesterId: z.string(),
  /** Null when the survey was skipped: nothing was asked. */
  dimension: dimensionSchema.nullable(),
  week: z.string(),
  status: surveyStatusSchema,
  skipReason: z.string().nullable(),
  scheduledFor: z.date(),
  sentAt: z.date().nullable(),
  remindedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  answeredAt: z.date().nullable(),
  score: gapScoreSchema.nullable(),
  shortfall: shortfallSchema.nullable(),
  comment: z.string().nullable(),
});
export type Survey = z.infer<typeof surveySchema>;

export const IMPORTANCE_ROLES = ['requester', 'leader'] as const;
export const importanceRoleSchema = z.enum(IMPORTANCE_ROLES);
export type ImportanceRole = z.infer<typeof importanceRoleSchema>;

/** One person's answer to a period's "which matters most?" poll, in the role they were asked in. */
export const importanceVoteSchema = z.object({
  id: z.number().int(),
  teamId: z.string(),
  personId: z.string(),
  role: importanceRoleSchema,
  poll: z.string(),
  dimension: dimensionSchema,
  at: z.date(),
});
export type ImportanceVote = z.infer<typeof importanceVoteSchema>;
