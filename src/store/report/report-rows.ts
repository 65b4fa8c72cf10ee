import type { Selectable } from 'kysely';
import { dimensionSchema, shortfallSchema } from '../../domain/dimensions.js';
import {
  type ReportRequestRow,
  reportRequestRowSchema,
  type SurveyAnswer,
  surveyAnswerSchema,
} from '../../domain/report/report-schema.js';
import { clientOf, type Store } from '../database.js';
import type { Request as RequestTable, Survey as SurveyTable } from '../schema-types.js';

export type RequestWithAssignee = Selectable<RequestTable> & { assigneeName: string | null };
export type SurveyRow = Selectable<SurveyTable>;

/** Survey statuses that carry an answer: a score or "Not fixed". */
const ANSWERED = new Set(['answered', 'not_fixed']);

// IN lists stay far below SQLite's and PostgreSQL's parameter limits.
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Requests by id with their assignee's name (a team member's; the requester's is never read). */
export async function requestsWithAssignee(
  store: Store,
  teamId: string,
  ids: readonly string[],
): Promise<Map<string, RequestWithAssignee>> {
  const result = new Map<string, RequestWithAssignee>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await clientOf(store)
      .selectFrom('requests')
      .leftJoin('people', 'people.id', 'requests.assigneeId')
      .selectAll('requests')
      .select('people.name as assigneeName')
      .where('requests.id', 'in', part)
      .execute();
    // The team is checked here, not in the WHERE: given both, SQLite's planner walks the team's
    // whole (team_id, …) index instead of looking each id up.
    for (const row of rows) if (row.teamId === teamId) result.set(row.id, row);
  }
  return result;
}

/** Every survey of these requests, by request, in round order. */
export async function surveysOf(
  store: Store,
  requestIds: readonly string[],
): Promise<Map<string, SurveyRow[]>> {
  const result = new Map<string, SurveyRow[]>();
  for (const part of chunks([...new Set(requestIds)])) {
    const rows = await clientOf(store)
      .selectFrom('surveys')
      .selectAll()
      .where('requestId', 'in', part)
      .orderBy('round')
      .execute();
    for (const row of rows) result.set(row.requestId, [...(result.get(row.requestId) ?? []), row]);
  }
  return result;
}

/** The survey as the report shows it: never who answered. */
export function toSurveyAnswer(row: SurveyRow): SurveyAnswer {
  const dimension = dimensionSchema.safeParse(row.dimension);
  const shortfall = shortfallSchema.safeParse(row.shortfall);
  return surveyAnswerSchema.parse({
    round: row.round,
    dimension: dimension.success ? dimension.data : null,
    status: row.status,
    score: row.score,
    shortfall: shortfall.success ? shortfall.data : null,
    comment: row.comment,
    answeredAt: row.answeredAt,
  });
}

/** The latest answered survey ("Not fixed" included), else null. */
export function latestAnswer(surveys: readonly SurveyRow[] | undefined): SurveyRow | null {
  return [...(surveys ?? [])].reverse().find((s) => ANSWERED.has(s.status)) ?? null;
}

export function toReportRow(row: RequestWithAssignee, survey: SurveyRow | null): ReportRequestRow {
  return reportRequestRowSchema.parse({
    ref: row.ref,
    category: row.category,
    location: row.location,
    priority: row.priority,
    status: row.status,
    filedAt: row.filedAt,
    acknowledgedAt: row.acknowledgedAt,
    resolvedAt: row.resolvedAt,
    cancelledAt: row.cancelledAt,
    assignee: row.assigneeName,
    neededByChoice: row.neededByChoice,
    neededBy: row.neededBy,
    ackWithinSla: row.ackWithinSla,
    resolveWithinSla: row.resolveWithinSla,
    neededSoonerThanSla: row.neededByTighter,
    survey: survey ? toSurveyAnswer(survey) : null,
  });
}

/**
 * Report rows for a figure's entries, in the entries' order: a survey entry shows that survey,
 * a request entry its latest answer.
 */
export async function reportRows(
  store: Store,
  teamId: string,
  entries: readonly { requestId: string; surveyId: string | null }[],
): Promise<ReportRequestRow[]> {
  const ids = entries.map((e) => e.requestId);
  const requests = await requestsWithAssignee(store, teamId, ids);
  const surveys = await surveysOf(store, ids);
  return entries.flatMap((entry) => {
    const request = requests.get(entry.requestId);
    if (!request) return [];
    const mine = surveys.get(entry.requestId);
    const survey =
      entry.surveyId === null ? latestAnswer(mine) : (mine?.find((s) => s.id === entry.surveyId) ?? null);
    return [toReportRow(request, survey)];
  });
}
