import type { TeamHistory } from '../../domain/report/report-schema.js';
import type { ReportDeps } from './report-deps.js';

export interface LoadTeamHistoryInput {
  teamId: string;
  /** How many weeks back from the last complete week, or every week since the first request. */
  weeks: number | 'all';
  now: Date;
}

/**
 * A team's history, oldest week first: every ISO week (team timezone) from the first request's
 * week, or the last `weeks` of them, to the last complete week before `now`. Throws AppError
 * 'not_found' for an unknown team.
 */
export async function loadTeamHistory(deps: ReportDeps, input: LoadTeamHistoryInput): Promise<TeamHistory> {
  deps.teams.get(input.teamId);
  throw new Error('loadTeamHistory: not yet');
}
