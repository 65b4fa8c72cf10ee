import type { ExportRow } from '../../domain/report/report-schema.js';
import type { ReportDeps } from './report-deps.js';

export interface ExportRequestsInput {
  teamId: string;
  /** Requests filed from `from` (inclusive) to `to` (exclusive). */
  from: Date;
  to: Date;
}

/** One row per request filed in the period, oldest first. */
export async function exportRequests(deps: ReportDeps, input: ExportRequestsInput): Promise<ExportRow[]> {
  deps.teams.get(input.teamId);
  throw new Error('exportRequests: not yet');
}
