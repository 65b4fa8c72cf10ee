import type { Dimension, Shortfall } from '../dimensions.js';
import type { MeanStats, ShareStats } from '../stats/summary.js';
import type { Priority } from '../team.js';

/**
 * What the database hands the digest: counts and sufficient statistics from GROUP BY queries
 * (plus one week's business minutes per priority, for percentiles). Composition is pure on these.
 */
export interface DigestInputs {
  volume: {
    filed: ThisAndLast<number>;
    resolved: ThisAndLast<number>;
    /** Open at the end of weeks W−3, W−2, W−1 and W (the digest's week), in that order. */
    openAtWeekEnds: number[];
    byCategory: CountRow[];
    byLocation: CountRow[];
    /** Requests filed this week per UTC hour (the hour's start). Mapped to local time when composing. */
    arrivalsByUtcQuarterHour: { start: Date; count: number }[];
  };
  surveys: ThisAndLast<SurveyWeekStats>;
  /** Up to three comments from negative answers this week, worst first; no names are selected. */
  /** `score` is null for a "Not fixed" answer. */
  comments: { dimension: Dimension | null; score: number | null; comment: string }[];
  sla: ThisAndLast<Record<Priority, { acknowledge: ShareStats; resolve: ShareStats }>>;
  /** Business minutes of this week's acknowledgements and resolutions, per priority. */
  minutes: { acknowledge: Record<Priority, number[]>; resolve: Record<Priority, number[]> };
  neededByTighter: ThisAndLast<Record<Priority, ShareStats>>;
  promises: ThisAndLast<{ acknowledge: ShareStats; resolve_by: ShareStats; slipHours: MeanStats }>;
  votes: { requester: VoteCounts | null; leader: VoteCounts | null };
  waitingOnResources: { hours: number; requests: number };
  deferrals: number;
}

export interface ThisAndLast<T> {
  current: T;
  previous: T;
}

export interface CountRow {
  key: string;
  filed: number;
  openAtEnd: number;
}

export interface SurveyWeekStats {
  /** Answered surveys' scores per dimension. */
  scores: Partial<Record<Dimension, MeanStats>>;
  sent: number;
  answered: number;
  /** Answered "Not fixed" instead of a score (the request reopened). */
  notFixed: number;
  expired: number;
  /** Sent and still within their answer window. */
  awaiting: number;
  skipped: Record<string, number>;
  /** Negative answers by dimension and the 3R follow-up the requester chose. */
  shortfalls: { dimension: Dimension; shortfall: Shortfall; count: number }[];
  negativeComments: number;
}

export interface VoteCounts {
  poll: string;
  counts: Record<Dimension, number>;
}
