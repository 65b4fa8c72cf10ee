import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { GapdeskSqliteDialect, PREPARED_STATEMENTS_KEPT } from '../../src/store/sqlite-dialect.js';

type Counted = { db: Kysely<Record<string, never>>; prepared: string[] };

function countedDatabase(): Counted {
  const connection = new BetterSqlite3(':memory:');
  const prepared: string[] = [];
  const database = {
    prepare: (text: string) => {
      prepared.push(text);
      return connection.prepare(text);
    },
    close: () => connection.close(),
  };
  return { db: new Kysely({ dialect: new GapdeskSqliteDialect({ database }) }), prepared };
}

let open: Counted | undefined;
afterEach(async () => {
  await open?.db.destroy();
  open = undefined;
});

describe('SQLite statements', () => {
  it('a statement run again is not prepared again, and still answers with the new parameters', async () => {
    open = countedDatabase();
    const answers: unknown[] = [];
    for (const n of [1, 2, 3])
      answers.push((await sql<{ n: number }>`select ${n} as n`.execute(open.db)).rows);
    expect(answers).toEqual([[{ n: 1 }], [{ n: 2 }], [{ n: 3 }]]);
    expect(open.prepared).toEqual(['select ? as n']);
  });

  it('statements past the bound push out the least recently used, which is prepared anew when it returns', async () => {
    open = countedDatabase();
    const first = sql`select 0 as kept`;
    await first.execute(open.db);
    for (let i = 1; i <= PREPARED_STATEMENTS_KEPT; i++) await sql.raw(`select ${i} as n`).execute(open.db);
    await first.execute(open.db);
    expect(open.prepared.filter((text) => text === 'select 0 as kept')).toHaveLength(2);
    // The one used most recently before the first came back was kept.
    await sql.raw(`select ${PREPARED_STATEMENTS_KEPT} as n`).execute(open.db);
    expect(open.prepared.filter((text) => text === `select ${PREPARED_STATEMENTS_KEPT} as n`)).toHaveLength(
      1,
    );
  });
});
