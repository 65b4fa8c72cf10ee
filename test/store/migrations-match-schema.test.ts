import { readFileSync } from 'node:fs';
import internals from '@prisma/internals';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Provider } from '../../src/store/schema-files.js';
import { describeEachDatabase } from '../support/databases.js';

/** One column as the schema declares it or as the migrated database has it. */
type Column = { table: string; column: string; type: string; nullable: boolean };

/** How each Prisma scalar is stored by each provider, as Prisma's own migrations create it. */
const STORED_AS: Record<Provider, Record<string, string>> = {
  sqlite: { String: 'TEXT', Int: 'INTEGER', Float: 'REAL', Boolean: 'BOOLEAN', DateTime: 'DATETIME' },
  postgresql: {
    String: 'text',
    Int: 'integer',
    Float: 'double precision',
    Boolean: 'boolean',
    DateTime: 'timestamp without time zone',
  },
};

/** The tables and columns the Prisma schema describes (its DMMF), as `provider` stores them. */
async function schemaColumns(provider: Provider): Promise<Column[]> {
  const datamodel = readFileSync(new URL(`../../prisma/${provider}/schema.prisma`, import.meta.url), 'utf8');
  const dmmf = await internals.getDMMF({ datamodel });
  return dmmf.datamodel.models.flatMap((model) =>
    model.fields
      .filter((field) => field.kind === 'scalar')
      .map((field) => ({
        table: model.dbName ?? model.name,
        column: field.dbName ?? field.name,
        type: STORED_AS[provider][field.type] ?? `unmapped Prisma type ${field.type}`,
        nullable: !field.isRequired,
      })),
  );
}

const byName = (a: Column, b: Column) => a.table.localeCompare(b.table) || a.column.localeCompare(b.column);

describeEachDatabase('the committed migrations', (database) => {
  it('make exactly the tables and columns of the Prisma schema (a model change without a migration fails here)', async () => {
    const { db, provider } = database();
    const rows =
      provider === 'sqlite'
        ? await sql<{ table: string; column: string; type: string; notnull: number; pk: number }>`
            SELECT t.name AS "table", c.name AS "column", c.type AS type, c."notnull" AS "notnull", c.pk AS pk
            FROM sqlite_master t, pragma_table_info(t.name) c
            WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%' AND t.name <> '_gapdesk_migrations'`.execute(
            db,
          )
        : await sql<{ table: string; column: string; type: string; nullable: string }>`
            SELECT table_name AS "table", column_name AS "column", data_type AS type, is_nullable AS nullable
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name <> '_gapdesk_migrations'`.execute(db);
    // Kysely's CamelCasePlugin renames result keys; these aliases have no underscore to lose.
    const migrated: Column[] = rows.rows.map((row) => ({
      table: row.table,
      column: row.column,
      type: row.type,
      // SQLite's INTEGER PRIMARY KEY is never null whatever its NOT NULL says.
      nullable: 'notnull' in row ? row.notnull === 0 && row.pk === 0 : row.nullable === 'YES',
    }));
    expect(migrated.sort(byName)).toEqual((await schemaColumns(provider)).sort(byName));
  });
});
