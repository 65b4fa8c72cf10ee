import type { NextFunction, Request, Response } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Team } from '../../domain/team.js';
import { isAppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { TeamDirectory } from '../../services/service-deps.js';
import { barePage } from './pages/layout.js';
import { queryProblems } from './report-query.js';

/** What every report route shares: its headers, its error answers, CSV downloads, periods. */

/** Private pages: never cached, never framed, no script at all, nothing loaded from elsewhere. */
export function reportHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'cache-control': 'no-store',
    'content-security-policy':
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  next();
}

export type Handler = (req: Request, res: Response, team: Team) => Promise<void>;

export function sendCsv(res: Response, filename: string, csv: string): void {
  res
    .status(200)
    .set({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    })
    .send(csv);
}

/** Bad query → 400 saying what is wrong; unknown ref → 404; anything else is logged, 500. */
export function page(deps: { teams: TeamDirectory; logger: Logger }, handler: Handler) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      const team = deps.teams.get(String(req.params.team));
      await handler(req, res, team);
    } catch (error) {
      if (error instanceof z.ZodError) {
        res
          .status(400)
          .type('html')
          .send(barePage('That address is not quite right', queryProblems(error)));
      } else if (isAppError(error, 'invalid_input')) {
        res.status(400).type('html').send(barePage('That address is not quite right', error.userMessage));
      } else if (isAppError(error, 'not_found')) {
        res.status(404).type('html').send(barePage('Not found', 'Nothing of this team has that address.'));
      } else {
        (res.locals.logger ?? deps.logger).error({ err: error, path: req.path }, 'report page failed');
        res
          .status(500)
          .type('html')
          .send(barePage('The report could not be shown', 'Please try again shortly.'));
      }
    }
  };
}

/** Dates in the team's timezone, both days included → [start of `from`, start of the day after `to`). */
export function period(from: string, to: string, timezone: string): { from: Date; to: Date } {
  const start = DateTime.fromISO(from, { zone: timezone }).startOf('day');
  const end = DateTime.fromISO(to, { zone: timezone }).startOf('day').plus({ days: 1 });
  return { from: start.toJSDate(), to: end.toJSDate() };
}
