import express, { type Request } from 'express';
import { DateTime } from 'luxon';
import { ChartCache } from '../../charts/chart-cache.js';
import { historyChartSpecs } from '../../charts/history-chart-specs.js';
import { renderGapChartSvg } from '../../charts/render-chart.js';
import type { Clock } from '../../clock.js';
import { lastCompleteWeek, previousWeekKey } from '../../domain/digest/digest-week.js';
import type { Team } from '../../domain/team.js';
import type { Logger } from '../../logger.js';
import { loadSavedDigest } from '../../services/digest/saved-digest.js';
import { exportRequests } from '../../services/report/export-requests.js';
import { listFigureRequests } from '../../services/report/list-figure-requests.js';
import { loadRequestTimeline } from '../../services/report/load-request-timeline.js';
import { loadTeamHistory } from '../../services/report/load-team-history.js';
import type { ReportDeps } from '../../services/report/report-deps.js';
import { exportPage } from './pages/export-page.js';
import { historyPage } from './pages/history-page.js';
import { barePage } from './pages/layout.js';
import { requestsPage } from './pages/requests-page.js';
import { timelinePage } from './pages/timeline-page.js';
import { weekMissingPage, weekPage } from './pages/week-page.js';
import { type ReportAccessDeps, reportAccess } from './report-access.js';
import { exportCsv, requestListCsv } from './report-csv.js';
import { page as guarded, period, reportHeaders, sendCsv } from './report-http.js';
import {
  exportQuerySchema,
  historyQuerySchema,
  requestsQuerySchema,
  weekQuerySchema,
} from './report-query.js';

export type ReportWebDeps = Omit<ReportAccessDeps, 'teamIds' | 'clock'> & {
  services: ReportDeps & { clock: Clock };
  logger: Logger;
  /** Draw a chart at start so the first history page does not pay vega's first-use cost (the server, not tests). */
  warmCharts?: boolean;
};

/**
 * The leaders' report under /report/:team: this week, history, the requests behind each figure,
 * a request's timeline and the exports. Every route sits behind reportAccess.
 */
export function reportRouter(deps: ReportWebDeps): express.Router {
  const { services } = deps;
  const page = (handler: Parameters<typeof guarded>[1]) =>
    guarded({ teams: services.teams, logger: deps.logger }, handler);
  const charts = new ChartCache();
  if (deps.warmCharts) {
    charts.warmUp().catch((error: unknown) => deps.logger.warn({ err: error }, 'chart warm-up failed'));
  }
  const router = express.Router({ mergeParams: true });
  router.use(reportHeaders);
  router.use(
    reportAccess({ ...deps, clock: services.clock, teamIds: new Set(services.teams.all.map((t) => t.id)) }),
  );

  router.get(
    '/',
    page(async (req, res, team) => {
      const query = weekQuerySchema.parse(req.query);
      const week = query.week ?? lastCompleteWeek(services.clock.now(), team.timezone);
      const digest = await loadSavedDigest(services, team.id, week);
      if (!digest) {
        res
          .status(200)
          .type('html')
          .send(weekMissingPage(team.id, team.name, week, previousWeekKey(week, team.timezone)));
        return;
      }
      res
        .status(200)
        .type('html')
        .send(weekPage(digest, await renderGapChartSvg(digest)));
    }),
  );

  router.get(
    '/history',
    page(async (req, res, team) => {
      const { weeks } = historyQuerySchema.parse(req.query);
      const history = await loadTeamHistory(services, {
        teamId: team.id,
        weeks: weeks === 'all' ? 'all' : Number(weeks),
        now: services.clock.now(),
      });
      const drawn = await Promise.all(
        historyChartSpecs(history).map(async (c) => ({
          id: c.id,
          alt: c.alt,
          svg: await charts.render(c.spec),
        })),
      );
      res
        .status(200)
        .type('html')
        .send(historyPage(history, team, weeks, drawn));
    }),
  );

  const figureList = async (req: Request, team: Team) => {
    const query = requestsQuerySchema.parse(req.query);
    return listFigureRequests(services, { teamId: team.id, week: query.week, figure: query.figure });
  };
  router.get(
    '/requests',
    page(async (req, res, team) => {
      res
        .status(200)
        .type('html')
        .send(requestsPage(await figureList(req, team), team.name, team.timezone));
    }),
  );
  router.get(
    '/requests.csv',
    page(async (req, res, team) => {
      const list = await figureList(req, team);
      sendCsv(res, `${team.id}-${list.week}-${list.figure}.csv`, requestListCsv(list.rows, team.timezone));
    }),
  );
  router.get(
    '/requests.json',
    page(async (req, res, team) => {
      res.status(200).json(await figureList(req, team));
    }),
  );
  router.get(
    '/requests/:ref',
    page(async (req, res, team) => {
      const timeline = await loadRequestTimeline(services, { teamId: team.id, ref: String(req.params.ref) });
      if (!timeline) {
        res.status(404).type('html').send(barePage('Not found', 'This team has no request with that ref.'));
        return;
      }
      res.status(200).type('html').send(timelinePage(timeline, team));
    }),
  );

  router.get(
    '/export',
    page(async (_req, res, team) => {
      const today = DateTime.fromJSDate(services.clock.now(), { zone: team.timezone });
      const from = today.minus({ days: 27 }).toISODate() ?? '';
      res
        .status(200)
        .type('html')
        .send(exportPage(team, from, today.toISODate() ?? ''));
    }),
  );
  const exportRows = async (req: Request, team: Team) => {
    const query = exportQuerySchema.parse(req.query);
    const rows = await exportRequests(services, {
      teamId: team.id,
      ...period(query.from, query.to, team.timezone),
    });
    return { query, rows };
  };
  router.get(
    '/export.csv',
    page(async (req, res, team) => {
      const { query, rows } = await exportRows(req, team);
      sendCsv(res, `${team.id}-requests-${query.from}-to-${query.to}.csv`, exportCsv(rows, team.timezone));
    }),
  );
  router.get(
    '/export.json',
    page(async (req, res, team) => {
      const { query, rows } = await exportRows(req, team);
      res
        .status(200)
        .json({ teamId: team.id, from: query.from, to: query.to, timezone: team.timezone, rows });
    }),
  );
  return router;
}

/** Mounts the report on the shared app (src/app.ts calls this). */
export function mountReport(app: express.Express, deps: ReportWebDeps): void {
  app.use('/report/:team', reportRouter(deps));
}
