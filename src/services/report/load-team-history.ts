import { composeHistory } from '../../domain/report/compose-history.js';
import { historySpan } from '../../domain/report/history-weeks.js';
import type { TeamHistory } from '../../domain/report/report-schema.js';
import { firstFiledAt, loadHistoryInputs } from '../../store/report/history-queries.js';
import type { ReportDeps } from './report-deps.js';

export interface LoadTeamHistoryInput {
  teamId: string;
  /** How many weeks back from the last complete week, or every week since the first request. */
  weeks: number | 'all';
  now: Date;
}

/**
 * A team's history, oldest week first: every ISO week (team timezone) from the first request's
 * week, or the last `weeks` of them, to the last complete week before `now`. Each week's figures
 * equal that week's digest. Throws AppError 'not_found' for an unknown team.
 */
export async function loadTeamHistory(deps: ReportDeps, input: LoadTeamHistoryInput): Promise<TeamHistory> {
  const team = deps.teams.get(input.teamId);
  const first = await firstFiledAt(deps.store, team.id);
  const span = historySpan(first, input.now, team.timezone, input.weeks);
  if (span.weeks.length === 0) return { teamId: team.id, weeks: [] };
  return composeHistory(team, await loadHistoryInputs(deps.store, team.id, span));
}
