import type { ExportRow } from '../../domain/report/report-schema.js';
import { AppError } from '../../errors.js';
import { exportRows } from '../../store/report/export-queries.js';
import type { ReportDeps } from './report-deps.js';

export interface ExportRequestsInput {
  teamId: string;
  /** Requests filed from `from` (inclusive) to `to` (exclusive). */
  from: Date;
  to: Date;
}

/**
 * One row per request filed in the period, oldest first, with its SLA outcomes, needed-by
 * against the SLA, promises and latest survey answer (the CSV is written by the web layer).
 * Throws AppError 'not_found' for an unknown team, 'invalid_input' when `to` is not after `from`.
 */
export async function exportRequests(deps: ReportDeps, input: ExportRequestsInput): Promise<ExportRow[]> {
  const team = deps.teams.get(input.teamId);
  if (!(input.to.getTime() > input.from.getTime())) {
    throw new AppError('invalid_input', 'the export period must end after it starts');
  }
  return exportRows(deps.store, team.id, input.from, input.to);
}
