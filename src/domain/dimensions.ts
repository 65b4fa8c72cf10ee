import { z } from 'zod';

/** The five SERVQUAL dimensions, in the order DOMAIN.md lists them. */
export const DIMENSIONS = ['reliability', 'responsiveness', 'assurance', 'empathy', 'tangibles'] as const;
export const dimensionSchema = z.enum(DIMENSIONS);
export type Dimension = z.infer<typeof dimensionSchema>;

/**
 * Customer importance weights from the published study DOMAIN.md cites (out of ~100).
 * Default weighting of the overall score until a team's own votes exist.
 */
export const DEFAULT_IMPORTANCE_WEIGHTS: Readonly<Record<Dimension, number>> = {
  reliability: 30,
  responsiveness: 25,
  assurance: 20,
  empathy: 16,
  tangibles: 7,
};

/** The three Rs (Hoots): where a shortfall came from. */
export const SHORTFALLS = ['resources', 'response', 'respect'] as const;
export const shortfallSchema = z.enum(SHORTFALLS);
export type Shortfall = z.infer<typeof shortfallSchema>;

/** "Compared with what you expected": −2 much worse … +2 much better. */
export const gapScoreSchema = z.number().int().min(-2).max(2);
export type GapScore = z.infer<typeof gapScoreSchema>;
