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
  const row = await clientOf(store).digest.findUnique({ where: { teamId_week: { teamId, week } } });
  return row ? digestSchema.parse(JSON.parse(row.data)) : null;
}

/** Saves unless one is already saved (first writer wins); returns the saved one. */
export async function saveDigestOnce(store: Store, digest: DigestData): Promise<DigestData> {
  await clientOf(store).$executeRaw`
    INSERT INTO digests (team_id, week, data, created_at)
    VALUES (${digest.team.id}, ${digest.week}, ${JSON.stringify(digest)}, ${new Date(digest.generatedAt)})
    ON CONFLICT (team_id, week) DO NOTHING`;
  return (await findSavedDigest(store, digest.team.id, digest.week)) ?? digest;
}
