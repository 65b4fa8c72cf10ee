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
} as const;
export type JobKind = keyof typeof jobPayloads;
export type JobPayload<K extends JobKind> = z.infer<(typeof jobPayloads)[K]>;
