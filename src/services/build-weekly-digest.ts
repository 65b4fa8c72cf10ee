import type { Clock } from '../clock.js';
import { composeDigest } from '../domain/digest/compose-digest.js';
import type { DigestData } from '../domain/digest/digest-schema.js';
import { digestWeek, lastCompleteWeek } from '../domain/digest/digest-week.js';
import type { Store } from '../store/database.js';
import { loadDigestInputs } from '../store/digest-queries.js';
import type { TeamDirectory } from './service-deps.js';

export type DigestDeps = { store: Store; clock: Clock; teams: TeamDirectory };

export interface BuildDigestInput {
  teamId: string;
  /** ISO week like "2026-W47" in the team's timezone; the last complete week when omitted. */
  week?: string;
}

/**
 * Builds a team's weekly gap digest from the database: aggregates in SQL, figures and findings
 * composed by pure domain code. Throws AppError 'not_found' for an unknown team and
 * 'invalid_input' for a malformed week.
 */
export async function buildWeeklyDigest(deps: DigestDeps, input: BuildDigestInput): Promise<DigestData> {
  const team = deps.teams.get(input.teamId);
  const now = deps.clock.now();
  const week = digestWeek(input.week ?? lastCompleteWeek(now, team.timezone), team.timezone);
  const inputs = await loadDigestInputs(deps.store, team, week);
  return composeDigest(team, week, inputs, now);
}
