import { type FigureKey, type FigureRequests, figureKeySchema } from '../../domain/report/report-schema.js';
import { weekBounds } from '../../domain/survey-plan.js';
import { AppError } from '../../errors.js';
import { figureEntries } from '../../store/report/figure-queries.js';
import { reportRows } from '../../store/report/report-rows.js';
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
 * 'invalid_input' for a malformed week or an unknown figure.
 */
export async function listFigureRequests(
  deps: ReportDeps,
  input: ListFigureRequestsInput,
): Promise<FigureRequests> {
  const team = deps.teams.get(input.teamId);
  const parsed = figureKeySchema.safeParse(input.figure);
  if (!parsed.success) throw new AppError('invalid_input', `no such figure: "${input.figure}"`);
  const figure = parsed.data;
  const { start, end } = weekBounds(input.week, team.timezone);
  const entries = await figureEntries(deps.store, team.id, { key: input.week, start, end }, figure);
  return { teamId: team.id, week: input.week, figure, rows: await reportRows(deps.store, team.id, entries) };
}
