import { sql } from 'kysely';
import { openDatabase } from '../../src/store/database.js';

const TABLES = [
  'requests',
  'request_events',
  'people',
  'jobs',
  'message_refs',
  'conversation_refs',
  'idempotency_keys',
] as const;

/** Rows in the tables a request could write, by table (read through gapdesk's own store). */
export async function rowCounts(databaseUrl: string): Promise<Record<string, number>> {
  const database = await openDatabase(databaseUrl);
  try {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const result = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(
        database.db,
      );
      counts[table] = Number(result.rows[0]?.n ?? 0);
    }
    return counts;
  } finally {
    await database.close();
  }
}
