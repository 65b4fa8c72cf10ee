import { z } from 'zod';
import { platformSchema } from '../domain/request.js';

/** Every job kind and its payload, in one place: services enqueue these, handlers run them. */
export const jobPayloads = {
  'requester.notify': z.object({ requestId: z.string(), eventId: z.number().int() }),
  'triage.sync': z.object({ requestId: z.string(), eventId: z.number().int(), platform: platformSchema }),
  'sla.check': z.object({
    requestId: z.string(),
    clock: z.enum(['acknowledge', 'resolve']),
    phase: z.enum(['warning', 'breach']),
  }),
  'sla.alert': z.object({
    requestId: z.string(),
    clock: z.enum(['acknowledge', 'resolve']),
    phase: z.enum(['warning', 'breach']),
    platform: platformSchema,
    dueAt: z.iso.datetime(),
  }),
  // A person's name and timezone from their platform (src/jobs/handlers/person-jobs.ts).
  'person.profile': z.object({ platform: platformSchema, userId: z.string().min(1) }),
  // Micro-surveys and the importance poll (src/jobs/handlers/survey-jobs.ts).
  'survey.plan': z.object({
    requestId: z.string(),
    round: z.number().int().min(0),
    resolvedAt: z.iso.datetime(),
  }),
  'survey.send': z.object({ surveyId: z.string(), resolvedAt: z.iso.datetime() }),
  'survey.remind': z.object({ surveyId: z.string() }),
  'survey.expire': z.object({ surveyId: z.string() }),
  'survey.update': z.object({ surveyId: z.string() }),
  'survey.lead-alert': z.object({
    surveyId: z.string(),
    platform: platformSchema,
    trigger: z.enum(['score', 'shortfall', 'comment']),
  }),
  'importance.poll': z.object({ teamId: z.string(), poll: z.string() }),
  'importance.ask': z.object({
    teamId: z.string(),
    poll: z.string(),
    personId: z.string(),
    role: z.enum(['requester', 'leader']),
  }),
  'importance.update': z.object({ teamId: z.string(), poll: z.string(), personId: z.string() }),
  // The weekly gap digest (src/jobs/handlers/digest-jobs.ts).
  'digest.prepare': z.object({ teamId: z.string(), week: z.string() }),
  'digest.post': z.object({
    teamId: z.string(),
    week: z.string(),
    platform: platformSchema,
    channel: z.string(),
  }),
} as const;
export type JobKind = keyof typeof jobPayloads;
export type JobPayload<K extends JobKind> = z.infer<(typeof jobPayloads)[K]>;
