import { z } from 'zod';
import { dimensionSchema } from '../../domain/dimensions.js';
import { actorSchema } from '../../domain/request.js';
import { IMPORTANCE_POLL } from '../../domain/survey-questions.js';
import {
  type ImportancePollView,
  type ImportanceRole,
  importancePollText,
} from '../../domain/survey-view.js';
import { AppError } from '../../errors.js';
import type { DbOrTx } from '../../store/database.js';
import { findIdempotentResult } from '../../store/idempotency.js';
import { parseInput } from '../parse-input.js';
import { enqueueJob } from '../request-effects.js';
import type { ServiceDeps } from '../service-deps.js';
import { toRecipient } from './load-survey-view.js';
import { invitationKey } from './run-importance-poll.js';

export const recordImportanceVoteInputSchema = z.object({
  teamId: z.string().min(1),
  poll: z.string().min(1),
  actor: actorSchema,
  dimension: dimensionSchema,
});

/** The poll as one person sees it, with their vote if any. */
export async function loadImportancePollView(
  db: DbOrTx,
  deps: Pick<ServiceDeps, 'teams'>,
  input: { teamId: string; poll: string; personId: string },
): Promise<ImportancePollView> {
  const team = deps.teams.get(input.teamId);
  const role = (await findIdempotentResult(
    db,
    invitationKey(team.id, input.poll, input.personId),
  )) as ImportanceRole | null;
  const person = await db.person.findUnique({ where: { id: input.personId } });
  if (role === null || !person)
    throw new AppError('not_found', `no ${input.poll} poll for ${input.personId}`);
  const vote = await db.importanceVote.findUnique({
    where: { teamId_personId_poll: { teamId: team.id, personId: person.id, poll: input.poll } },
  });
  return {
    teamId: team.id,
    teamName: team.name,
    poll: input.poll,
    role,
    recipient: toRecipient(person),
    ...importancePollText(role),
    vote: vote ? dimensionSchema.parse(vote.dimension) : null,
    thankYou: IMPORTANCE_POLL.thankYou,
  };
}

/**
 * One tap on the importance poll, stored as an ImportanceVote in the role the person was asked
 * in. Only people who were asked may vote; a later tap in the same poll changes the vote.
 */
export async function recordImportanceVote(
  deps: ServiceDeps,
  rawInput: z.input<typeof recordImportanceVoteInputSchema>,
): Promise<{ view: ImportancePollView; changed: boolean }> {
  const input = parseInput(recordImportanceVoteInputSchema, rawInput);
  const now = deps.clock.now();
  const team = deps.teams.get(input.teamId);
  const changed = await deps.db.$transaction(async (tx) => {
    const person = await tx.person.findUnique({
      where: {
        platform_platformUserId: { platform: input.actor.platform, platformUserId: input.actor.userId },
      },
    });
    const role = person && (await findIdempotentResult(tx, invitationKey(team.id, input.poll, person.id)));
    if (!person || !role) {
      throw new AppError(
        'not_authorized',
        `${input.actor.userId} was not asked in ${team.id}'s ${input.poll} poll`,
        'This poll was sent to someone else.',
      );
    }
    const where = { teamId_personId_poll: { teamId: team.id, personId: person.id, poll: input.poll } };
    const existing = await tx.importanceVote.findUnique({ where });
    if (existing?.dimension === input.dimension) return false;
    const vote = await tx.importanceVote.upsert({
      where,
      create: {
        teamId: team.id,
        personId: person.id,
        role,
        poll: input.poll,
        dimension: input.dimension,
        at: now,
      },
      update: { dimension: input.dimension, at: now },
    });
    await enqueueJob(
      deps,
      tx,
      'importance.update',
      { teamId: team.id, poll: input.poll, personId: person.id },
      {
        idempotencyKey: `importance.update:${vote.id}:${input.dimension}:${now.getTime()}`,
        orderingKey: `importance:${team.id}:${input.poll}:${person.id}`,
      },
    );
    return true;
  });
  if (changed) deps.onEnqueued?.();
  const person = await deps.db.person.findUniqueOrThrow({
    where: {
      platform_platformUserId: { platform: input.actor.platform, platformUserId: input.actor.userId },
    },
  });
  const view = await loadImportancePollView(deps.db, deps, {
    teamId: team.id,
    poll: input.poll,
    personId: person.id,
  });
  return { view, changed };
}
