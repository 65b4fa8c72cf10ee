import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { calendarForTeam } from '../domain/business-calendar.js';
import { defaultPriority, resolveNeededBy } from '../domain/needed-by.js';
import {
  actorSchema,
  neededByChoiceSchema,
  platformSchema,
  type ServiceRequest,
  sourceEntrySchema,
} from '../domain/request.js';
import { requestSla } from '../domain/request-sla.js';
import { prioritySchema } from '../domain/team.js';
import { isAppError } from '../errors.js';
import { transaction } from '../store/database.js';
import { findIdempotentResult, recordIdempotentResult } from '../store/idempotency.js';
import { upsertPerson } from '../store/people.js';
import { addPromise } from '../store/request-promises.js';
import { findRequest, insertEvent, insertRequest } from '../store/requests.js';
import { nextReference } from '../store/teams.js';
import { invalidFields, parseInput } from './parse-input.js';
import { enqueueRequestEffects } from './request-effects.js';
import type { ServiceDeps } from './service-deps.js';

export const DESCRIPTION_MAX = 3_000;

export const fileRequestInputSchema = z.object({
  teamId: z.string().min(1),
  requester: actorSchema,
  category: z.string().trim().min(1, 'Pick a category.'),
  location: z.string().trim().max(200, 'Keep the location under 200 characters.').nullish(),
  description: z
    .string()
    .trim()
    .min(3, 'Tell us a little more (at least 3 characters).')
    .max(DESCRIPTION_MAX, `Keep it under ${DESCRIPTION_MAX} characters.`),
  neededBy: z.object({ choice: neededByChoiceSchema, date: z.string().nullish() }),
  priority: prioritySchema.optional(),
  source: z.object({ platform: platformSchema, entry: sourceEntrySchema, permalink: z.string().nullish() }),
  /** A platform-given unique id of this submission (a view id, a reaction's message): repeats return the first request. */
  idempotencyKey: z.string().min(1).optional(),
});
export type FileRequestInput = z.input<typeof fileRequestInputSchema>;

/**
 * Files a service request: persisted with its 'filed' event, its acknowledge promise and the
 * jobs that confirm it to the requester and post it to the team, in one transaction. Only
 * then may the adapter acknowledge the user.
 */
export async function fileRequest(
  deps: ServiceDeps,
  rawInput: FileRequestInput,
): Promise<{ request: ServiceRequest; created: boolean }> {
  const input = parseInput(fileRequestInputSchema, rawInput);
  const team = deps.teams.get(input.teamId);
  if (!team.categories.includes(input.category))
    invalidFields({ category: 'Pick one of the listed categories.' });

  const existing = input.idempotencyKey ? await findExisting(deps, input.idempotencyKey) : null;
  if (existing) return { request: existing, created: false };
  try {
    const request = await transaction(deps.store, async (tx) => {
      const now = deps.clock.now();
      const calendar = calendarForTeam(team);
      let neededBy: Date | null;
      try {
        neededBy = resolveNeededBy(input.neededBy.choice, input.neededBy.date, now, calendar);
      } catch (error) {
        if (isAppError(error, 'invalid_input')) invalidFields({ neededBy: error.userMessage });
        throw error;
      }
      const priority = input.priority ?? defaultPriority(input.neededBy.choice, neededBy, now, calendar);
      const requester = await upsertPerson(tx, input.requester);
      const sla = requestSla(
        team,
        { priority, filedAt: now, acknowledgedAt: null, resolvedAt: null },
        [],
        now,
        calendar,
      );
      const request = await insertRequest(tx, {
        id: randomUUID(),
        ref: await nextReference(tx, team),
        teamId: team.id,
        requesterId: requester.id,
        category: input.category,
        location: input.location || null,
        priority,
        description: input.description,
        neededByChoice: input.neededBy.choice,
        neededBy,
        status: 'open',
        sourcePlatform: input.source.platform,
        sourceEntry: input.source.entry,
        sourcePermalink: input.source.permalink ?? null,
        filedAt: now,
        slaAckDueAt: sla.acknowledge.dueAt,
        slaResolveDueAt: sla.resolve.dueAt,
        neededByTighter: isTighter(neededBy, sla.resolve.dueAt),
      });
      const eventId = await insertEvent(tx, {
        requestId: request.id,
        at: now,
        actorId: requester.id,
        type: 'filed',
        fromStatus: null,
        toStatus: 'open',
        data: {},
      });
      if (sla.acknowledge.dueAt) {
        await addPromise(tx, {
          requestId: request.id,
          teamId: team.id,
          kind: 'acknowledge',
          madeAt: now,
          dueAt: sla.acknowledge.dueAt,
        });
      }
      if (input.idempotencyKey)
        await recordIdempotentResult(tx, `file:${input.idempotencyKey}`, request.id, now);
      await enqueueRequestEffects(deps, tx, team, request, { id: eventId, type: 'filed' }, sla);
      return request;
    });
    deps.onEnqueued?.();
    return { request, created: true };
  } catch (error) {
    // A concurrent twin of this submission won the idempotency key: answer with its request.
    const twin =
      input.idempotencyKey && !isAppError(error) ? await findExisting(deps, input.idempotencyKey) : null;
    if (twin) return { request: twin, created: false };
    throw error;
  }
}

/** Gap 2: the requester needs it sooner than the team's own standard promises. */
function isTighter(neededBy: Date | null, resolveDueAt: Date | null): boolean {
  return neededBy !== null && resolveDueAt !== null && neededBy.getTime() < resolveDueAt.getTime();
}

/** The request a submission with this idempotency key already filed, if any (e.g. a retried :ticket: event). */
export async function findFiledRequest(deps: ServiceDeps, key: string): Promise<ServiceRequest | null> {
  return findExisting(deps, key);
}

async function findExisting(deps: ServiceDeps, key: string): Promise<ServiceRequest | null> {
  const requestId = await findIdempotentResult(deps.store, `file:${key}`);
  return requestId ? findRequest(deps.store, requestId) : null;
}
