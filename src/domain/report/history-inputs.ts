import type { Dimension } from '../dimensions.js';
import type { MeanStats, ShareStats } from '../stats/summary.js';

/** "What matters most?" votes of one role, poll and dimension cast in one UTC minute. */
export interface VoteBucket {
  role: string;
  poll: string;
  dimension: Dimension;
  /** The minute's start: every week boundary is on a whole minute, so `at < end` is exact. */
  at: Date;
  n: number;
}

/**
 * What the database hands the history: per week (index i of `weeks`), the same sufficient
 * statistics the digest's queries give for one week, from one grouped query per figure family.
 */
export interface HistoryInputs {
  weeks: string[];
  /** starts[i] opens week i; starts[weeks.length] closes the last. */
  starts: Date[];
  surveys: { scores: Partial<Record<Dimension, MeanStats>>; answered: number }[];
  ack: ShareStats[];
  resolve: ShareStats[];
  resolved: number[];
  /** successes: filed with "needed by" sooner than the SLA; n: filed. */
  filed: ShareStats[];
  cancelled: number[];
  /** Open at the first week's start (filed before it, neither resolved nor cancelled before it). */
  openBefore: number;
  promises: ShareStats[];
  votes: VoteBucket[];
}
