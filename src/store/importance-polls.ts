import { type Platform, platformSchema } from '../domain/request.js';
import { type ImportanceVote, importanceVoteSchema } from '../domain/survey.js';
import { clientOf, type Store } from './database.js';

export type RecentRequester = { personId: string; platform: Platform; platformUserId: string };

/** Everyone who filed a request with the team since `since`, once each: whom a poll may ask. */
export async function listRecentRequesters(
  store: Store,
  teamId: string,
  since: Date,
): Promise<RecentRequester[]> {
  const rows = await clientOf(store)
    .selectFrom('requests')
    .innerJoin('people', 'people.id', 'requests.requesterId')
    .select(['requests.requesterId', 'people.platform', 'people.platformUserId'])
    .distinct()
    .where('requests.teamId', '=', teamId)
    .where('requests.filedAt', '>=', since)
    .execute();
  return rows.map((row) => ({
    personId: row.requesterId,
    platform: platformSchema.parse(row.platform),
    platformUserId: row.platformUserId,
  }));
}

/** Whose vote in which poll: a person has at most one per team and poll. */
export type VoteKey = { teamId: string; personId: string; poll: string };

export async function findImportanceVote(store: Store, key: VoteKey): Promise<ImportanceVote | null> {
  const row = await clientOf(store)
    .selectFrom('importanceVotes')
    .selectAll()
    .where('teamId', '=', key.teamId)
    .where('personId', '=', key.personId)
    .where('poll', '=', key.poll)
    .executeTakeFirst();
  return row ? importanceVoteSchema.parse(row) : null;
}

/** Records a vote, or changes the dimension and time of the one already cast (the role stays). */
export async function upsertImportanceVote(
  store: Store,
  vote: Omit<ImportanceVote, 'id'>,
): Promise<ImportanceVote> {
  const row = await clientOf(store)
    .insertInto('importanceVotes')
    .values(vote)
    .onConflict((conflict) =>
      conflict
        .columns(['teamId', 'personId', 'poll'])
        .doUpdateSet({ dimension: vote.dimension, at: vote.at }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return importanceVoteSchema.parse(row);
}
