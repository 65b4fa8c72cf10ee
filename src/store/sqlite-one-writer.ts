import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';
import { Mutex } from 'async-mutex';

/**
 * Prisma's better-sqlite3 adapter on its one connection, with every query outside a
 * transaction waiting while a transaction is open.
 *
 * The adapter (7.10) queues transactions behind each other but not plain queries: a query
 * issued by another flow while an interactive transaction awaits runs inside that
 * transaction on the shared connection, reads its uncommitted rows, and is silently undone if
 * it rolls back (a refused click rolls back; a job's completion written at that moment would
 * vanish and the message be sent again). test/store/database.test.ts shows it. PostgreSQL
 * gives each transaction its own pooled connection and needs none of this.
 */
export class SqliteOneWriter implements SqlDriverAdapterFactory {
  readonly provider = 'sqlite';
  readonly adapterName: string;

  constructor(private readonly inner: SqlDriverAdapterFactory) {
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return oneWriter(await this.inner.connect());
  }
}

function oneWriter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const connection = new Mutex();
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query: SqlQuery) => connection.runExclusive(() => adapter.queryRaw(query)),
    executeRaw: (query: SqlQuery) => connection.runExclusive(() => adapter.executeRaw(query)),
    executeScript: (script: string) => connection.runExclusive(() => adapter.executeScript(script)),
    startTransaction: async (isolationLevel?: IsolationLevel) => {
      const release = await connection.acquire();
      try {
        return holdingConnection(await adapter.startTransaction(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    },
    ...(adapter.getConnectionInfo ? { getConnectionInfo: adapter.getConnectionInfo.bind(adapter) } : {}),
    dispose: () => connection.runExclusive(() => adapter.dispose()),
  };
}

/** The transaction, giving the connection back once it commits or rolls back. */
function holdingConnection(transaction: Transaction, release: () => void): Transaction {
  const ending = (end: () => Promise<void>) => async () => {
    try {
      await end();
    } finally {
      release();
    }
  };
  return {
    provider: transaction.provider,
    adapterName: transaction.adapterName,
    options: transaction.options,
    queryRaw: (query) => transaction.queryRaw(query),
    executeRaw: (query) => transaction.executeRaw(query),
    commit: ending(() => transaction.commit()),
    rollback: ending(() => transaction.rollback()),
    ...(transaction.createSavepoint
      ? { createSavepoint: (name: string) => transaction.createSavepoint?.(name) ?? Promise.resolve() }
      : {}),
    ...(transaction.rollbackToSavepoint
      ? {
          rollbackToSavepoint: (name: string) => transaction.rollbackToSavepoint?.(name) ?? Promise.resolve(),
        }
      : {}),
    ...(transaction.releaseSavepoint
      ? { releaseSavepoint: (name: string) => transaction.releaseSavepoint?.(name) ?? Promise.resolve() }
      : {}),
  };
}
