import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * SQLite gives the process one writer at a time, and Prisma's interactive transaction holds its
 * connection open across awaits: any query another flow issues meanwhile runs *inside* that
 * transaction, and is silently undone if it rolls back (a refused click rolls back; a job's
 * completion or a posted message's record issued at that moment would vanish, and the message
 * be sent again). So every query and every transaction of the process takes a turn: each waits
 * for the one before it. Queries made inside a transaction callback run at once (they are its
 * own). The direct SQLite statements (sqlite-sql.ts) take the same turns, so they never wait on
 * a lock Prisma holds.
 */
export class Turns {
  private readonly insideTransaction = new AsyncLocalStorage<true>();
  private openTransactions = 0;
  private tail: Promise<unknown> = Promise.resolve();

  /** True inside a Prisma transaction callback, where a new turn would wait for itself. */
  get inPrismaTransaction(): boolean {
    return this.insideTransaction.getStore() === true;
  }

  /** Runs `run` when every turn taken before it has finished. */
  take<T>(run: () => PromiseLike<T>): Promise<T> {
    if (this.inPrismaTransaction) return Promise.resolve(run());
    const turn = this.tail.then(run, run);
    this.tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /**
   * Runs a Prisma transaction with `inPrismaTransaction` true inside it. On Node 20 an enabled
   * AsyncLocalStorage has async hooks follow every promise the process creates, whoever
   * creates it: in the Teams bench that was 6 % of all gapdesk allocated. So the store is
   * enabled only while a transaction is open (turns make that rare and short) and disabled
   * when the last one closes, which turns the hooks off again.
   */
  private async asTransaction<T>(run: () => PromiseLike<T>): Promise<T> {
    this.openTransactions += 1;
    try {
      return await this.insideTransaction.run(true, run);
    } finally {
      this.openTransactions -= 1;
      if (this.openTransactions === 0) this.insideTransaction.disable();
    }
  }

  /** The client, with each top-level query and transaction taking a turn. */
  wrap<Client extends object>(client: Client): Client {
    type Method = (...args: unknown[]) => PromiseLike<unknown>;
    const taking =
      (method: Method, self: object, opensTransaction: boolean) =>
      (...args: unknown[]) =>
        this.take(() =>
          opensTransaction ? this.asTransaction(() => method.apply(self, args)) : method.apply(self, args),
        );

    const delegates = new Map<PropertyKey, object>();
    const delegate = (property: PropertyKey, model: object): object => {
      let wrapped = delegates.get(property);
      if (!wrapped) {
        wrapped = new Proxy(model, {
          get(target, name) {
            const value: unknown = Reflect.get(target, name);
            return typeof value === 'function' ? taking(value as Method, target, false) : value;
          },
        });
        delegates.set(property, wrapped);
      }
      return wrapped;
    };

    return new Proxy(client, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (typeof value === 'function') {
          const method = value as Method;
          if (property === '$transaction') return taking(method, target, true);
          if (typeof property === 'string' && /^\$(query|execute)Raw(Unsafe)?$/.test(property)) {
            return taking(method, target, false);
          }
          return method.bind(target);
        }
        // Model delegates (db.request, db.person…): objects whose methods are the queries.
        if (typeof property === 'string' && !property.startsWith('$') && value && typeof value === 'object') {
          return delegate(property, value);
        }
        return value;
      },
    });
  }
}

/** The client with its queries taking turns (see Turns). */
export function oneAtATime<Client extends object>(client: Client): Client {
  return new Turns().wrap(client);
}
