import { z } from 'zod';
import { dimensionSchema } from '../../domain/dimensions.js';
import { actorSchema } from '../../domain/request.js';
import { IMPORTANCE_POLL } from '../../domain/survey-questions.js';
import { type ImportancePollView, importancePollText } from '../../domain/survey-view.js';
import { AppError } from '../../errors.js';
import { type Store, transaction } from '../../store/database.js';
import { findImportanceVote, upsertImportanceVote } from '../../store/importance-polls.js';
import { findPerson, findPlatformPerson } from '../../store/people.js';
import { parseInput } from '../parse-input.js';
import { enqueueJob } from '../request-effects.js';
import type { ServiceDeps } from '../service-deps.js';
import { toRecipient } from './load-survey-view.js';
import { invitedRole } from './run-importance-poll.js';

export const recordImportanceVoteInputSchema = z.object({
  teamId: z.string().min(1),
  poll: z.string().min(1),
  actor: actorSchema,
  dimension: dimensionSchema,
});

/** The poll as one person sees it, with their vote if any. */
export async function loadImportancePollView(
  store: Store,
  deps: Pick<ServiceDeps, 'teams'>,
  input: { teamId: string; poll: string; personId: string },
): Promise<ImportancePollView> {
  const team = deps.teams.get(input.teamId);
  const role = await invitedRole(store, { teamId: team.id, poll: input.poll, personId: input.personId });
  const person = await findPerson(store, input.personId);
  if (role === null || !person)
    throw new AppError('not_found', `no ${input.poll} poll for ${input.personId}`);
  const vote = await findImportanceVote(store, { teamId: team.id, personId: person.id, poll: input.poll });
  return {
    teamId: team.id,
    teamName: team.name,
    poll: input.poll,
    role,
    recipient: toRecipient(person),
    ...importancePollText(role),
    vote: vote ? vote.dimension : null,
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
  const { changed, personId } = await transaction(deps.store, async (tx) => {
    const person = await findPlatformPerson(tx, input.actor.platform, input.actor.userId);
    const role =
      person && (await invitedRole(tx, { teamId: team.id, poll: input.poll, personId: person.id }));
    if (!person || !role) {
      throw new AppError(
        'not_authorized',
        `${input.actor.userId} was not asked in ${team.id}'s ${input.poll} poll`,
        'This poll was sent to someone else.',
      );
    }
    const key = { teamId: team.id, personId: person.id, poll: input.poll };
    const existing = await findImportanceVote(tx, key);
    if (existing?.dimension === input.dimension) return { changed: false, personId: person.id };
    const vote = await upsertImportanceVote(tx, { ...key, role, dimension: input.dimension, at: now });
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
    return { changed: true, personId: person.id };
  });
  if (changed) deps.onEnqueued?.();
  const view = await loadImportancePollView(deps.store, deps, {
    teamId: team.id,
    poll: input.poll,
    personId,
  });
  return { view, changed };
}
