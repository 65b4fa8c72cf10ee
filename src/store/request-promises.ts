import { readDate, type Sql } from './sql.js';

export type OpenPromise = { id: number; dueAt: Date };

/** A request's unsettled promises of one kind. */
export async function openPromises(sql: Sql, requestId: string, kind: string): Promise<OpenPromise[]> {
  const rows = await sql.all<{ id: unknown; due_at: unknown }>(
    'SELECT id, due_at FROM request_promises WHERE request_id = ? AND kind = ? AND settled_at IS NULL',
    requestId,
    kind,
  );
  return rows.map((row) => ({ id: Number(row.id), dueAt: readDate(row.due_at) }));
}

export async function settlePromise(
  sql: Sql,
  id: number,
  settlement: { at: Date; outcome: string; slipMinutes: number },
): Promise<void> {
  await sql.run(
    'UPDATE request_promises SET settled_at = ?, outcome = ?, slip_minutes = ? WHERE id = ?',
    settlement.at,
    settlement.outcome,
    settlement.slipMinutes,
    id,
  );
}

export async function addPromise(
  sql: Sql,
  promise: { requestId: string; teamId: string; kind: string; madeAt: Date; dueAt: Date },
): Promise<void> {
  await sql.run(
    'INSERT INTO request_promises (request_id, team_id, kind, made_at, due_at) VALUES (?, ?, ?, ?, ?)',
    promise.requestId,
    promise.teamId,
    promise.kind,
    promise.madeAt,
    promise.dueAt,
  );
}

/** Every open promise of a request, settled as void (the request was cancelled). */
export async function voidOpenPromises(sql: Sql, requestId: string, at: Date): Promise<void> {
  await sql.run(
    `UPDATE request_promises SET settled_at = ?, outcome = 'void' WHERE request_id = ? AND settled_at IS NULL`,
    at,
    requestId,
  );
}
