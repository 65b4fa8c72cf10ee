import type { RequestTimeline } from '../../domain/report/report-schema.js';
import { requestTimeline } from '../../store/report/timeline-queries.js';
import type { ReportDeps } from './report-deps.js';

export interface LoadRequestTimelineInput {
  teamId: string;
  /** The request's ref, e.g. "FAC-12". */
  ref: string;
}

/**
 * A request's timeline: every event (who, when), promises made and kept, its surveys. Null when
 * no request of that team has this ref, so another team's request shows nothing. Throws
 * AppError 'not_found' for an unknown team.
 */
export async function loadRequestTimeline(
  deps: ReportDeps,
  input: LoadRequestTimelineInput,
): Promise<RequestTimeline | null> {
  const team = deps.teams.get(input.teamId);
  return requestTimeline(deps.store, team.id, input.ref);
}
