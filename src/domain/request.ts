import { z } from 'zod';
import { requestStatusSchema, waitingOnSchema } from './request-lifecycle.js';
import type { SlaStatus } from './sla-clock.js';
import { type Priority, prioritySchema, type Team } from './team.js';

export const PLATFORMS = ['slack', 'teams'] as const;
export const platformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof platformSchema>;

/** How a request came in: the digest and the demo show every entry point is used. */
export const sourceEntrySchema = z.enum([
  'slash_command',
  'global_shortcut',
  'message_shortcut',
  'reaction',
  'direct_message',
  'app_home',
  'teams_chat',
  'teams_message_extension',
]);
export type SourceEntry = z.infer<typeof sourceEntrySchema>;

export const neededByChoiceSchema = z.enum(['within_hour', 'today', 'this_week', 'no_rush', 'date']);
export type NeededByChoice = z.infer<typeof neededByChoiceSchema>;

export const REQUEST_EVENT_TYPES = [
  'filed',
  'acknowledged',
  'taken',
  'assigned',
  'started',
  'waiting',
  'deferred',
  'resolved',
  'reopened',
  'cancelled',
  'closed',
  'priority_changed',
] as const;
export const requestEventTypeSchema = z.enum(REQUEST_EVENT_TYPES);
export type RequestEventType = z.infer<typeof requestEventTypeSchema>;

export const personSchema = z.object({
  id: z.string(),
  platform: platformSchema,
  platformUserId: z.string(),
  name: z.string(),
  timezone: z.string().nullable(),
  locale: z.string().nullable(),
});
export type Person = z.infer<typeof personSchema>;

/** Someone acting through a platform, before we know them as a Person. */
export const actorSchema = z.object({
  platform: platformSchema,
  userId: z.string().min(1),
  name: z.string().min(1).optional(),
  /** A name to show only until we learn the real one (a Slack handle): never overwrites a name. */
  fallbackName: z.string().min(1).optional(),
  timezone: z.string().optional(),
  locale: z.string().optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const serviceRequestSchema = z.object({
  id: z.string(),
  ref: z.string(),
  teamId: z.string(),
  requesterId: z.string(),
  category: z.string(),
  location: z.string().nullable(),
  priority: prioritySchema,
  description: z.string(),
  neededByChoice: neededByChoiceSchema,
  neededBy: z.date().nullable(),
  status: requestStatusSchema,
  waitingOn: waitingOnSchema.nullable(),
  waitingNote: z.string().nullable(),
  assigneeId: z.string().nullable(),
  deferredUntil: z.date().nullable(),
  deferReason: z.string().nullable(),
  resolution: z.string().nullable(),
  sourcePlatform: platformSchema,
  sourceEntry: sourceEntrySchema,
  sourcePermalink: z.string().nullable(),
  filedAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  startedAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
  reopenCount: z.number().int(),
  slaAckDueAt: z.date().nullable(),
  slaResolveDueAt: z.date().nullable(),
  neededByTighter: z.boolean(),
  version: z.number().int(),
});
export type ServiceRequest = z.infer<typeof serviceRequestSchema>;

export const eventDataSchema = z
  .object({
    note: z.string(),
    reason: z.string(),
    until: z.string(),
    on: waitingOnSchema,
    assigneeId: z.string(),
    resolution: z.string(),
    priority: prioritySchema,
    previousPriority: prioritySchema,
    by: z.enum(['requester', 'team', 'survey']),
  })
  .partial();
export type EventData = z.infer<typeof eventDataSchema>;

export type RequestEvent = {
  id: number;
  requestId: string;
  at: Date;
  actor: Person | null;
  type: RequestEventType;
  fromStatus: string | null;
  toStatus: string;
  data: EventData;
};

/** Everything a renderer needs to draw a request: no renderer queries anything. */
export type RequestView = {
  request: ServiceRequest;
  team: Team;
  requester: Person;
  assignee: Person | null;
  sla: SlaStatus;
  now: Date;
};

export function priorityLabel(priority: Priority): string {
  return { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' }[priority];
}
