import { type DigestData, digestSchema } from '../../domain/digest/digest-schema.js';
import { clientOf, type Store } from '../database.js';

/**
 * The digest as first built for a team-week, kept so every channel (and a re-run after a
 * crash) posts the same figures even if late survey answers arrive in between.
 */
export async function findSavedDigest(
  store: Store,
  teamId: string,
  week: string,
): Promise<DigestData | null> {
  const row = await clientOf(store)
    .selectFrom('digests')
    .select('data')
    .where('teamId', '=', teamId)
    .where('week', '=', week)
    .executeTakeFirst();
  return row ? digestSchema.parse(JSON.parse(row.data)) : null;
}

/** Saves unless one is already saved (first writer wins); returns the saved one. */
export async function saveDigestOnce(store: Store, digest: DigestData): Promise<DigestData> {
  await clientOf(store)
    .insertInto('digests')
    .values({
      teamId: digest.team.id,
      week: digest.week,
      data: JSON.stringify(digest),
      createdAt: new Date(digest.generatedAt),
    })
    .onConflict((conflict) => conflict.columns(['teamId', 'week']).doNothing())
    .execute();
  return (await findSavedDigest(store, digest.team.id, digest.week)) ?? digest;
}
