import { openDatabase } from '../../src/store/database.js';

/**
 * Jobs by status; "owed" counts those due by now and not finished (running, or pending and due),
 * "rerun" those claimed more than once (a lease the killed replica held, taken over).
 */
export async function jobStatuses(databaseUrl: string): Promise<Record<string, number>> {
  const database = await openDatabase(databaseUrl);
  try {
    const rows = await database.db.selectFrom('jobs').select(['status', 'dueAt', 'attempts']).execute();
    const counts: Record<string, number> = { owed: 0, rerun: 0 };
    const now = Date.now();
    for (const row of rows) {
      counts[row.status] = (counts[row.status] ?? 0) + 1;
      if (row.attempts > 1) counts.rerun = (counts.rerun ?? 0) + 1;
      const due = new Date(row.dueAt).getTime() <= now;
      if (row.status === 'running' || (row.status === 'pending' && due)) counts.owed = (counts.owed ?? 0) + 1;
    }
    return counts;
  } finally {
    await database.close();
  }
}
