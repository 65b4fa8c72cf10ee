import type { FigureKey, FigureRequests } from '../../domain/report/report-schema.js';
import type { ReportDeps } from './report-deps.js';

export interface ListFigureRequestsInput {
  teamId: string;
  /** ISO week like "2026-W47" in the team's timezone. */
  week: string;
  figure: FigureKey;
}

/**
 * The requests behind one figure of a week, as many as the figure counts (see
 * src/domain/report/report-figures.ts). Throws AppError 'not_found' for an unknown team and
 * 'invalid_input' for a malformed week.
 */
export async function listFigureRequests(
  deps: ReportDeps,
  input: ListFigureRequestsInput,
): Promise<FigureRequests> {
  deps.teams.get(input.teamId);
  throw new Error('listFigureRequests: not yet');
}
