import { sql } from 'kysely';
import type { DigestInputs, VoteCounts } from '../../domain/digest/digest-inputs.js';
import { DIMENSIONS, type Dimension, dimensionSchema } from '../../domain/dimensions.js';
import { ACTIVE_STATUSES } from '../../domain/request-lifecycle.js';
import { clientOf, type Store } from '../database.js';
import { num } from './sql-values.js';

const ACTIVE = sql.join(ACTIVE_STATUSES);

/**
 * Gap 1: "what matters most?" vote counts per dimension in each role's latest poll held
 * before the week's end.
 */
export async function importanceVotes(
  store: Store,
  teamId: string,
  end: Date,
): Promise<DigestInputs['votes']> {
  const { rows } = await sql<{ role: string; poll: string; dimension: string; n: unknown }>`
    SELECT role, poll, dimension, COUNT(*) AS n FROM importance_votes
    WHERE team_id = ${teamId} AND at < ${end}
    GROUP BY role, poll, dimension`.execute(clientOf(store));
  const latest = (role: string): VoteCounts | null => {
    const mine = rows.filter((row) => row.role === role);
    const poll = mine
      .map((row) => row.poll)
      .sort()
      .at(-1);
    if (poll === undefined) return null;
    const counts = Object.fromEntries(DIMENSIONS.map((d) => [d, 0])) as Record<Dimension, number>;
    for (const row of mine.filter((r) => r.poll === poll)) {
      const dimension = dimensionSchema.safeParse(row.dimension);
      if (dimension.success) counts[dimension.data] += num(row.n);
    }
    return { poll, counts };
  };
  return { requester: latest('requester'), leader: latest('leader') };
}

/**
 * Resources: wall-clock hours requests spent waiting on resources within the week, and how
 * many requests did. A wait runs from its 'waiting' event (data {"on":"resources"}) to the
 * next event that leaves waiting or starts a new wait; still open at the week's end counts
 * to the end. Only requests that were open at some point in the week can have such a wait:
 * they are found through indexes (active now, or resolved or cancelled since the week began),
 * then their events through (request_id, id) — no scan of other teams' or older events.
 * CROSS JOIN makes SQLite keep the candidates as the outer loop (its planner otherwise walks
 * every waiting event ever recorded); PostgreSQL plans it as an ordinary join.
 */
export async function waitingOnResources(
  store: Store,
  teamId: string,
  start: Date,
  end: Date,
): Promise<DigestInputs['waitingOnResources']> {
  const waits = await resourceWaitsByRequest(store, teamId, start, end);
  let ms = 0;
  for (const waited of waits.values()) ms += waited;
  return { hours: ms / 3_600_000, requests: waits.size };
}

/** Milliseconds each request spent waiting on resources within the week (only those that did). */
export async function resourceWaitsByRequest(
  store: Store,
  teamId: string,
  start: Date,
  end: Date,
): Promise<Map<string, number>> {
  const { rows } = await sql<{ requestId: string; began: Date | string; ended: Date | string | null }>`
    SELECT e.request_id, e.at AS began,
      (SELECT MIN(n.at) FROM request_events n
        WHERE n.request_id = e.request_id AND n.id > e.id AND (n.to_status <> 'waiting' OR n.type = 'waiting')) AS ended
    FROM (
      SELECT id FROM requests WHERE team_id = ${teamId} AND status IN (${ACTIVE})
      UNION ALL
      SELECT id FROM requests WHERE team_id = ${teamId} AND resolved_at >= ${start}
        AND status NOT IN (${ACTIVE}) AND status <> 'cancelled'
      UNION ALL
      SELECT id FROM requests WHERE team_id = ${teamId} AND status = 'cancelled' AND cancelled_at >= ${start}
    ) candidates
    CROSS JOIN request_events e
    WHERE e.request_id = candidates.id AND e.type = 'waiting' AND e.at < ${end} AND e.data LIKE '%"on":"resources"%'`.execute(
    clientOf(store),
  );
  const waits = new Map<string, number>();
  for (const row of rows) {
    const from = Math.max(toDate(row.began).getTime(), start.getTime());
    const to = Math.min(row.ended === null ? end.getTime() : toDate(row.ended).getTime(), end.getTime());
    if (to <= from) continue;
    waits.set(row.requestId, (waits.get(row.requestId) ?? 0) + to - from);
  }
  return waits;
}

/** Resources: deferrals recorded in the week. */
export async function deferrals(store: Store, teamId: string, start: Date, end: Date): Promise<number> {
  const { rows } = await sql<{ n: unknown }>`
    SELECT COUNT(*) AS n FROM request_events e JOIN requests r ON r.id = e.request_id
    WHERE e.type = 'deferred' AND e.at >= ${start} AND e.at < ${end} AND r.team_id = ${teamId}`.execute(
    clientOf(store),
  );
  return num(rows[0]?.n);
}

// MIN() over a DateTime column comes back as text on SQLite (no column type to map from).
function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}
