import type BetterSqlite3 from 'better-sqlite3';
import {
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from 'kysely';

/**
 * SQLite has no date or boolean type: it keeps what it is given. This plugin makes the one
 * schema behave the same on both databases, so the types generated from it (Date, boolean)
 * hold on SQLite too:
 * - parameters: a Date is written as ISO 8601 text in UTC, as Prisma wrote it (rows written
 *   before the move to Kysely compare and sort with new ones); a boolean as 1 or 0;
 * - results: a column the schema declares DATETIME comes back as a Date, one declared BOOLEAN
 *   as a boolean. Which columns those are is read from the database itself at open.
 *
 * Put it before CamelCasePlugin: it matches the column names as the database spells them.
 */
export class SqliteValues implements KyselyPlugin {
  readonly #parameters = new SqliteParameters();

  private constructor(
    private readonly dates: ReadonlySet<string>,
    private readonly booleans: ReadonlySet<string>,
  ) {}

  /** The plugin for this database's tables, as its migrations made them. */
  static of(db: BetterSqlite3.Database): SqliteValues {
    const columns = db
      .prepare(
        `SELECT c.name AS name, upper(c.type) AS type FROM sqlite_master t, pragma_table_info(t.name) c
         WHERE t.type = 'table'`,
      )
      .all() as { name: string; type: string }[];
    const typesOf = new Map<string, Set<string>>();
    for (const column of columns)
      typesOf.set(column.name, (typesOf.get(column.name) ?? new Set()).add(column.type));
    const named = (type: string) => new Set(columns.filter((c) => c.type === type).map((c) => c.name));
    const dates = named('DATETIME');
    const booleans = named('BOOLEAN');
    for (const name of [...dates, ...booleans]) {
      // A name that is a date in one table and text in another could not be read back by name.
      if ((typesOf.get(name)?.size ?? 0) > 1)
        throw new Error(`column "${name}" has different types in different tables: rename one`);
    }
    return new SqliteValues(dates, booleans);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#parameters.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    for (const row of args.result.rows) {
      for (const key in row) {
        const value = row[key];
        if (value === null) continue;
        if (this.dates.has(key) && typeof value === 'string') row[key] = sqliteDate(value);
        else if (this.booleans.has(key) && typeof value === 'number') row[key] = value !== 0;
      }
    }
    return args.result;
  }
}

class SqliteParameters extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    return { ...node, value: toSqlite(node.value) };
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...node, values: node.values.map(toSqlite) };
  }
}

/** How Prisma's SQLite adapter wrote a date, which the rows already stored use. */
export function sqliteDateText(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

function toSqlite(value: unknown): unknown {
  if (value instanceof Date) return sqliteDateText(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** ISO text with an offset, or SQLite's own `CURRENT_TIMESTAMP` form (UTC, without one). */
function sqliteDate(text: string): Date {
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}
