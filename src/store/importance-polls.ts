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
  const rows = await clientOf(store).request.findMany({
    where: { teamId, filedAt: { gte: since } },
    distinct: ['requesterId'],
    select: { requesterId: true, requester: { select: { platform: true, platformUserId: true } } },
  });
  return rows.map((row) => ({
    personId: row.requesterId,
    platform: platformSchema.parse(row.requester.platform),
    platformUserId: row.requester.platformUserId,
  }));
}

/** Whose vote in which poll: a person has at most one per team and poll. */
export type VoteKey = { teamId: string; personId: string; poll: string };

const whereVote = (key: VoteKey) => ({
  teamId_personId_poll: { teamId: key.teamId, personId: key.personId, poll: key.poll },
});

export async function findImportanceVote(store: Store, key: VoteKey): Promise<ImportanceVote | null> {
  const row = await clientOf(store).importanceVote.findUnique({ where: whereVote(key) });
  return row ? importanceVoteSchema.parse(row) : null;
}

/** Records a vote, or changes the dimension and time of the one already cast (the role stays). */
export async function upsertImportanceVote(
  store: Store,
  vote: Omit<ImportanceVote, 'id'>,
): Promise<ImportanceVote> {
  const row = await clientOf(store).importanceVote.upsert({
    where: whereVote(vote),
    create: vote,
    update: { dimension: vote.dimension, at: vote.at },
  });
  return importanceVoteSchema.parse(row);
}
