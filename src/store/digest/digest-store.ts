import { type DigestData, digestSchema } from '../../domain/digest/digest-schema.js';
import type { Db } from '../database.js';

/**
 * The digest as first built for a team-week, kept so every channel (and a re-run after a
 * crash) posts the same figures even if late survey answers arrive in between.
 */
export async function findSavedDigest(db: Db, teamId: string, week: string): Promise<DigestData | null> {
  const row = await db.digest.findUnique({ where: { teamId_week: { teamId, week } } });
  return row ? digestSchema.parse(JSON.parse(row.data)) : null;
}

/** Saves unless one is already saved (first writer wins); returns the saved one. */
export async function saveDigestOnce(db: Db, digest: DigestData): Promise<DigestData> {
  await db.$executeRaw`
    INSERT INTO digests (team_id, week, data, created_at)
    VALUES (${digest.team.id}, ${digest.week}, ${JSON.stringify(digest)}, ${new Date(digest.generatedAt)})
    ON CONFLICT (team_id, week) DO NOTHING`;
  return (await findSavedDigest(db, digest.team.id, digest.week)) ?? digest;
}
