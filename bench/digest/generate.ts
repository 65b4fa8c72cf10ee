import { DateTime } from 'luxon';

/**
 * Deterministic synthetic data for the digest benchmark: 1,000,000 requests and 300,000
 * survey answers over two years across 20 teams, plus the promises, wait/defer events and
 * importance votes the digest reads. Rows are plain arrays in table column order.
 */
export const BENCH_VERSION = 'v2';
export const TEAM_COUNT = 20;
export const REQUESTS = 1_000_000;
export const ANSWERS = 300_000;
export const END = Date.parse('2026-11-23T00:00:00Z');
export const START = END - 2 * 365 * 86_400_000;
export const BENCH_TEAM = 'team-01';
export const BENCH_WEEK = '2026-W46';

const ZONES = ['Europe/London', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'Australia/Sydney'];
const CATEGORIES = ['HVAC', 'Cleaning', 'Electrical', 'Plumbing', 'Furniture', 'Access', 'Other'];
const LOCATIONS = ['HQ Floor 1', 'HQ Floor 2', 'Warehouse', null];
const DIMENSIONS = ['reliability', 'responsiveness', 'assurance', 'empathy', 'tangibles'];
const SHORTFALLS = ['resources', 'response', 'respect'];

export const teams = Array.from({ length: TEAM_COUNT }, (_, i) => ({
  id: `team-${String(i + 1).padStart(2, '0')}`,
  timezone: ZONES[i % ZONES.length] as string,
}));

/** mulberry32: fast, seeded, good enough for synthetic data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Prisma's SQLite text format for DateTime. */
export const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

const weekCache = new Map<string, string>();
function weekKey(ms: number, zone: string): string {
  const hourKey = `${zone}:${Math.floor(ms / 3_600_000)}`;
  let key = weekCache.get(hourKey);
  if (!key) {
    const local = DateTime.fromMillis(ms, { zone });
    key = `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
    weekCache.set(hourKey, key);
  }
  return key;
}

export {
  EVENT_COLUMNS,
  EVENT_DATE_COLUMNS,
  PROMISE_COLUMNS,
  PROMISE_DATE_COLUMNS,
  REQUEST_COLUMNS,
  REQUEST_DATE_COLUMNS,
  SURVEY_COLUMNS,
  SURVEY_DATE_COLUMNS,
} from './columns.js';

export type Batches = {
  requests: unknown[][];
  promises: unknown[][];
  events: unknown[][];
  surveys: unknown[][];
};

/** Generates requests [from, to) with everything hanging off them, in one batch. */
export function generate(from: number, to: number): Batches {
  const random = rng(from + 1);
  const out: Batches = { requests: [], promises: [], events: [], surveys: [] };
  // Resolved ≈ 96 % of requests and 80 % of surveys are answered: ask 39 % to get ≈ 300,000 answers.
  const surveyShare = ANSWERS / (REQUESTS * 0.96 * 0.8);
  for (let i = from; i < to; i++) {
    const team = teams[i % TEAM_COUNT] as (typeof teams)[number];
    const id = `r${i}`;
    const filed = START + Math.floor(random() * (END - START));
    const p = random();
    const priority = p < 0.05 ? 'urgent' : p < 0.25 ? 'high' : p < 0.85 ? 'normal' : 'low';
    // Old requests were all handled: the backlog is the last couple of months' unfinished work.
    const old = filed < END - 60 * 86_400_000;
    const acked = old || random() < 0.95;
    const ackMinutes = Math.round(-Math.log(1 - random()) * 90);
    const ackAt = acked ? filed + ackMinutes * 60_000 : null;
    const resolveMinutes = Math.round(60 + random() * 4_800);
    const cancelled = random() < 0.03;
    const resolvedAt =
      acked && !cancelled && (old || random() < 0.9) ? filed + resolveMinutes * 90_000 : null;
    const cancelledAt = cancelled ? filed + 3_600_000 : null;
    const closed = (resolvedAt ?? cancelledAt ?? Number.POSITIVE_INFINITY) < END;
    const status =
      cancelledAt && cancelledAt < END ? 'cancelled' : closed ? 'resolved' : acked ? 'acknowledged' : 'open';
    out.requests.push([
      id,
      `R-${i}`,
      team.id,
      `u${i % 20_000}`,
      CATEGORIES[Math.floor(random() * CATEGORIES.length)],
      LOCATIONS[Math.floor(random() * LOCATIONS.length)],
      priority,
      'synthetic',
      'no_rush',
      status,
      'slack',
      'slash_command',
      filed,
      ackAt,
      resolvedAt && resolvedAt < END ? resolvedAt : null,
      cancelledAt,
      acked ? ackMinutes : null,
      resolvedAt ? resolveMinutes : null,
      acked ? random() < 0.85 : null,
      resolvedAt ? random() < 0.75 : null,
      random() < 0.15,
    ]);
    if (ackAt) {
      const kept = random() < 0.85;
      out.promises.push([
        id,
        team.id,
        'acknowledge',
        filed,
        filed + 3_600_000,
        ackAt,
        kept ? 'kept' : 'missed',
        kept ? 0 : ackMinutes,
      ]);
    }
    const r = random();
    if (r < 0.05 && ackAt) {
      const on = random() < 0.5 ? 'resources' : 'requester';
      out.events.push([id, ackAt + 600_000, 'waiting', 'acknowledged', 'waiting', JSON.stringify({ on })]);
      out.events.push([
        id,
        ackAt + 600_000 + Math.floor(random() * 2 * 86_400_000),
        'started',
        'waiting',
        'in_progress',
        '{}',
      ]);
    } else if (r < 0.07 && ackAt) {
      out.events.push([id, ackAt + 60_000, 'deferred', 'acknowledged', 'deferred', '{"reason":"budget"}']);
      out.promises.push([
        id,
        team.id,
        'resolve_by',
        ackAt,
        ackAt + 86_400_000 * 3,
        resolvedAt,
        resolvedAt ? 'kept' : null,
        0,
      ]);
    }
    if (resolvedAt && resolvedAt < END && random() < surveyShare) {
      const s = random();
      const status = s < 0.8 ? 'answered' : s < 0.92 ? 'expired' : 'skipped';
      const score =
        status === 'answered'
          ? Math.max(-2, Math.min(2, Math.round((random() + random() + random()) * 1.6 - 2.2)))
          : null;
      const negative = score !== null && score < 0;
      out.surveys.push([
        `s${i}`,
        id,
        0,
        team.id,
        `u${i % 20_000}`,
        status === 'skipped' ? null : DIMENSIONS[i % 5],
        weekKey(resolvedAt, team.timezone),
        status,
        status === 'skipped' ? 'fatigue_cap' : null,
        resolvedAt + 3_600_000,
        status === 'skipped' ? null : resolvedAt + 3_600_000,
        status === 'answered' ? resolvedAt + 7_200_000 : null,
        score,
        negative ? SHORTFALLS[i % 3] : null,
        negative && random() < 0.2 ? `synthetic comment ${i}` : null,
      ]);
    }
  }
  return out;
}
