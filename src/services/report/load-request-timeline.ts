import type { RequestTimeline } from '../../domain/report/report-schema.js';
import type { ReportDeps } from './report-deps.js';

export interface LoadRequestTimelineInput {
  teamId: string;
  /** The request's ref, e.g. "FAC-12". */
  ref: string;
}

/** A request's timeline, or null when no request of that team has this ref. */
export async function loadRequestTimeline(
  deps: ReportDeps,
  input: LoadRequestTimelineInput,
): Promise<RequestTimeline | null> {
  deps.teams.get(input.teamId);
  throw new Error('loadRequestTimeline: not yet');
}
