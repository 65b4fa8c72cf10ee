import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';
import { DIMENSIONS, SHORTFALLS } from '../../domain/dimensions.js';
import type { FigureKey } from '../../domain/report/report-schema.js';
import { clientOf, type Store } from '../database.js';
import { resourceWaitsByRequest } from '../digest/context-queries.js';
import type { DB } from '../schema-types.js';

export type FigureEntry = { requestId: string; surveyId: string | null };
export type FigureWeek = { key: string; start: Date; end: Date };

type RequestCondition = (
  eb: ExpressionBuilder<DB, 'requests'>,
  week: FigureWeek,
) => ExpressionWrapper<DB, 'requests', SqlBool>;
type SurveyCondition = (eb: ExpressionBuilder<DB, 'surveys'>) => ExpressionWrapper<DB, 'surveys', SqlBool>;

const inWeek =
  (column: 'filedAt' | 'acknowledgedAt' | 'resolvedAt'): RequestCondition =>
  (eb, week) =>
    eb.and([eb(column, '>=', week.start), eb(column, '<', week.end)]);
const withVerdict =
  (
    column: 'acknowledgedAt' | 'resolvedAt',
    verdict: 'ackWithinSla' | 'resolveWithinSla',
    value: boolean | 'any',
  ): RequestCondition =>
  (eb, week) =>
    eb.and([
      inWeek(column)(eb, week),
      value === 'any' ? eb(verdict, 'is not', null) : eb(verdict, '=', value),
    ]);

/**
 * Each request figure as the digest's SQL counts it (src/store/digest/*): the same columns and
 * the same week bounds, so the list's length is the figure.
 */
const REQUEST_FIGURES: Partial<
  Record<FigureKey, { where: RequestCondition; order: 'filedAt' | 'acknowledgedAt' | 'resolvedAt' }>
> = {
  filed: { where: inWeek('filedAt'), order: 'filedAt' },
  'needed-by-stated': { where: inWeek('filedAt'), order: 'filedAt' },
  'needed-sooner-than-sla': {
    where: (eb, week) => eb.and([inWeek('filedAt')(eb, week), eb('neededByTighter', '=', true)]),
    order: 'filedAt',
  },
  resolved: { where: inWeek('resolvedAt'), order: 'resolvedAt' },
  'resolve-measured': { where: withVerdict('resolvedAt', 'resolveWithinSla', 'any'), order: 'resolvedAt' },
  'resolve-within-sla': { where: withVerdict('resolvedAt', 'resolveWithinSla', true), order: 'resolvedAt' },
  'resolve-outside-sla': { where: withVerdict('resolvedAt', 'resolveWithinSla', false), order: 'resolvedAt' },
  'ack-measured': { where: withVerdict('acknowledgedAt', 'ackWithinSla', 'any'), order: 'acknowledgedAt' },
  'ack-within-sla': { where: withVerdict('acknowledgedAt', 'ackWithinSla', true), order: 'acknowledgedAt' },
  'ack-outside-sla': { where: withVerdict('acknowledgedAt', 'ackWithinSla', false), order: 'acknowledgedAt' },
};

/**
 * Open at the week's end as the digest's backlog counts it: filed before it, and neither
 * resolved nor cancelled before it. Two disjoint halves, each found through the (team_id,
 * resolved_at) index (unresolved; resolved after the end), not a walk over every request filed
 * before the end.
 */
async function backlogEntries(store: Store, teamId: string, week: FigureWeek): Promise<FigureEntry[]> {
  const half = (resolved: RequestCondition) =>
    clientOf(store)
      .selectFrom('requests')
      .select(['id', 'filedAt', 'ref'])
      .where('teamId', '=', teamId)
      .where((eb) => resolved(eb, week))
      .where((eb) => eb.or([eb('cancelledAt', 'is', null), eb('cancelledAt', '>=', week.end)]))
      .execute();
  const unresolved = await half((eb) => eb('resolvedAt', 'is', null));
  const resolvedLater = await half((eb, w) => eb('resolvedAt', '>=', w.end));
  // "Filed before the end" is checked here: in the WHERE, SQLite would walk (team_id, filed_at).
  return [...unresolved, ...resolvedLater]
    .filter((row) => row.filedAt < week.end)
    .sort((a, b) => a.filedAt.getTime() - b.filedAt.getTime() || a.ref.localeCompare(b.ref))
    .map((row) => ({ requestId: row.id, surveyId: null }));
}

const answered: SurveyCondition = (eb) =>
  eb.and([eb('status', '=', 'answered'), eb('score', 'is not', null)]);
const negative: SurveyCondition = (eb) => eb.and([answered(eb), eb('score', '<', 0)]);
const commented: SurveyCondition = (eb) => eb.and([eb('comment', 'is not', null), eb('comment', '<>', '')]);

/** Survey figures, one entry per survey of the week (surveys.week), as surveyStats counts them. */
const SURVEY_FIGURES: Partial<Record<FigureKey, SurveyCondition>> = {
  'surveys-sent': (eb) => eb('sentAt', 'is not', null),
  answered,
  'not-fixed': (eb) => eb('status', '=', 'not_fixed'),
  expired: (eb) => eb('status', '=', 'expired'),
  awaiting: (eb) => eb('status', '=', 'sent'),
  'worse-than-expected': negative,
  'negative-comments': (eb) => eb.and([commented(eb), eb.or([negative(eb), eb('status', '=', 'not_fixed')])]),
  ...Object.fromEntries(
    DIMENSIONS.flatMap((d) => [
      [
        `answered:${d}`,
        (eb: ExpressionBuilder<DB, 'surveys'>) => eb.and([answered(eb), eb('dimension', '=', d)]),
      ],
      [
        `worse-than-expected:${d}`,
        (eb: ExpressionBuilder<DB, 'surveys'>) => eb.and([negative(eb), eb('dimension', '=', d)]),
      ],
    ]),
  ),
  ...Object.fromEntries(
    SHORTFALLS.map((r) => [
      `shortfall:${r}`,
      (eb: ExpressionBuilder<DB, 'surveys'>) =>
        eb.and([negative(eb), eb('shortfall', '=', r), eb('dimension', 'in', [...DIMENSIONS])]),
    ]),
  ),
};

const PROMISE_OUTCOMES = {
  'promises-settled': ['kept', 'missed', 'moved'],
  'promises-kept': ['kept'],
  'promises-broken': ['missed', 'moved'],
} as const;

/** The entries behind one figure of one week, in the order a leader reads them (oldest first). */
export async function figureEntries(
  store: Store,
  teamId: string,
  week: FigureWeek,
  figure: FigureKey,
): Promise<FigureEntry[]> {
  const db = clientOf(store);
  if (figure === 'backlog') return backlogEntries(store, teamId, week);
  const request = REQUEST_FIGURES[figure];
  if (request) {
    const rows = await db
      .selectFrom('requests')
      .select('id')
      .where('teamId', '=', teamId)
      .where((eb) => request.where(eb, week))
      .orderBy(request.order)
      .orderBy('ref')
      .execute();
    return rows.map((row) => ({ requestId: row.id, surveyId: null }));
  }
  const survey = SURVEY_FIGURES[figure];
  if (survey) {
    const rows = await db
      .selectFrom('surveys')
      .select(['id', 'requestId'])
      .where('teamId', '=', teamId)
      .where('week', '=', week.key)
      .where(survey)
      .orderBy('scheduledFor')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ requestId: row.requestId, surveyId: row.id }));
  }
  if (figure in PROMISE_OUTCOMES) {
    const outcomes = PROMISE_OUTCOMES[figure as keyof typeof PROMISE_OUTCOMES];
    // The digest's kept share counts both kinds of promise; every promise is one of them.
    const rows = await db
      .selectFrom('requestPromises')
      .select('requestId')
      .where('teamId', '=', teamId)
      .where('settledAt', '>=', week.start)
      .where('settledAt', '<', week.end)
      .where('outcome', 'in', [...outcomes])
      .orderBy('settledAt')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ requestId: row.requestId, surveyId: null }));
  }
  if (figure === 'deferrals') {
    // As the digest counts them: 'deferred' events in the week, through the (type, at) index.
    const rows = await db
      .selectFrom('requestEvents as e')
      .innerJoin('requests as r', 'r.id', 'e.requestId')
      .select('e.requestId')
      .where('e.type', '=', 'deferred')
      .where('e.at', '>=', week.start)
      .where('e.at', '<', week.end)
      .where('r.teamId', '=', teamId)
      .orderBy('e.at')
      .orderBy('e.id')
      .execute();
    return rows.map((row) => ({ requestId: row.requestId, surveyId: null }));
  }
  if (figure === 'waiting-on-resources') {
    const waits = await resourceWaitsByRequest(store, teamId, week.start, week.end);
    return [...waits.keys()].sort().map((requestId) => ({ requestId, surveyId: null }));
  }
  throw new RangeError(`no drill-down for figure ${figure}`);
}
