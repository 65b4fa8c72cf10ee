import type { ExportRow, ReportRequestRow } from '../../domain/report/report-schema.js';
import { toCsv } from './csv.js';
import { localTime, surveyText } from './report-format.js';

/** Times are written in the team's timezone as "2026-11-16 09:15", which spreadsheets read as a date. */

const LIST_HEADER = [
  'ref',
  'category',
  'location',
  'priority',
  'status',
  'filed',
  'acknowledged',
  'resolved',
  'cancelled',
  'assignee',
  'needed_by_choice',
  'needed_by',
  'ack_within_sla',
  'resolve_within_sla',
  'needed_sooner_than_sla',
  'survey_dimension',
  'survey_status',
  'survey_score',
  'survey_answer',
  'survey_shortfall',
  'survey_comment',
];

export function requestListCsv(rows: readonly ReportRequestRow[], timezone: string): string {
  const at = (date: Date | null) => localTime(date, timezone);
  return toCsv(
    LIST_HEADER,
    rows.map((r) => [
      r.ref,
      r.category,
      r.location,
      r.priority,
      r.status,
      at(r.filedAt),
      at(r.acknowledgedAt),
      at(r.resolvedAt),
      at(r.cancelledAt),
      r.assignee,
      r.neededByChoice,
      at(r.neededBy),
      r.ackWithinSla,
      r.resolveWithinSla,
      r.neededSoonerThanSla,
      r.survey?.dimension,
      r.survey?.status,
      r.survey?.score,
      surveyText(r.survey),
      r.survey?.shortfall,
      r.survey?.comment,
    ]),
  );
}

const EXPORT_COLUMNS: readonly (keyof ExportRow)[] = [
  'ref',
  'category',
  'location',
  'priority',
  'status',
  'filedAt',
  'acknowledgedAt',
  'resolvedAt',
  'cancelledAt',
  'assignee',
  'neededByChoice',
  'neededBy',
  'neededSoonerThanSla',
  'slaAckDueAt',
  'slaResolveDueAt',
  'ackMinutes',
  'resolveMinutes',
  'ackWithinSla',
  'resolveWithinSla',
  'reopenCount',
  'promisesMade',
  'promisesKept',
  'promisesBroken',
  'surveyStatus',
  'surveyDimension',
  'surveyScore',
  'surveyShortfall',
  'surveyComment',
  'surveyAnsweredAt',
];

const snake = (key: string) => key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);

/** One row per request of the period; the columns are ExportRow's fields in snake_case. */
export function exportCsv(rows: readonly ExportRow[], timezone: string): string {
  return toCsv(
    EXPORT_COLUMNS.map(snake),
    rows.map((row) =>
      EXPORT_COLUMNS.map((key) => {
        const value = row[key];
        return value instanceof Date ? localTime(value, timezone) : value;
      }),
    ),
  );
}
