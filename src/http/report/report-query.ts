import { z } from 'zod';
import { FIGURE_KEYS, type FigureKey } from '../../domain/report/report-schema.js';
import { HISTORY_SPANS } from './pages/history-page.js';

/** Query strings of the report's pages, parsed at the edge: a bad one is a 400 that says what is wrong. */

const weekKey = z
  .string({ message: 'week must be an ISO week like 2026-W47' })
  .regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'week must be an ISO week like 2026-W47');

const day = (name: string) =>
  z
    .string({ message: `${name} must be a date like 2026-11-16` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a date like 2026-11-16`)
    .refine(
      (text) =>
        !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
        new Date(`${text}T00:00:00Z`).toISOString().startsWith(text),
      {
        message: `${name} is not a calendar date`,
      },
    );

export const weekQuerySchema = z.object({ week: weekKey.optional() });

export const historyQuerySchema = z.object({
  weeks: z.enum(HISTORY_SPANS, { message: 'weeks must be 12, 26, 52 or all' }).default('12'),
});

export const requestsQuerySchema = z.object({
  week: weekKey,
  figure: z.enum(FIGURE_KEYS as [FigureKey, ...FigureKey[]], {
    message: 'figure must be one of the report’s figures, e.g. ack-outside-sla (see docs/report.md)',
  }),
});

/** Longest period one export covers: ten years of requests is already a big file. */
const MAX_EXPORT_DAYS = 3660;

export const exportQuerySchema = z
  .object({ from: day('from'), to: day('to') })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= MAX_EXPORT_DAYS, {
    message: `the period may be at most ${MAX_EXPORT_DAYS} days`,
    path: ['to'],
  });

/** "week: week must be an ISO week like 2026-W47; figure: …" for the 400 page. */
export function queryProblems(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const key = issue.path.map(String).join('.');
      return key ? `${key}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
