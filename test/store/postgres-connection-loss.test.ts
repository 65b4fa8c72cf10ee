import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clientOf, type Database, openDatabase, transaction } from '../../src/store/database.js';
import { createTestDatabaseUrl, describePostgres, POSTGRES_ADMIN_URL } from '../support/databases.js';

describePostgres('a PostgreSQL connection the server cuts while it is in use', () => {
  let database: Database;
  let drop: () => Promise<void>;
  const warnings: string[] = [];

  beforeAll(async () => {
    const created = await createTestDatabaseUrl('postgresql');
    drop = created.drop;
    database = await openDatabase(created.url, { warn: (_fields, message) => warnings.push(message) });
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  it('fails the transaction holding it and is reported, and the next query runs on a new connection', async () => {
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    const cutMidTransaction = transaction(database.store, async (tx) => {
      const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(clientOf(tx));
      // The server ends the session between two statements, while no query of ours is running:
      // the connection is checked out of the pool, so only a listener of its own hears it.
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      for (let waited = 0; warnings.length === 0 && waited < 5_000; waited += 20)
        await new Promise((resolve) => setTimeout(resolve, 20));
      await sql`SELECT 1`.execute(clientOf(tx));
    });

    await expect(cutMidTransaction).rejects.toThrow('not queryable');
    await admin.end();
    expect(warnings).toEqual(['a PostgreSQL connection failed; the pool replaces it']);
    const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
    expect(rows).toEqual([{ one: 1 }]);
  });
});
