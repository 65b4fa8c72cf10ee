import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * SQLite gives the process one connection, and Prisma's interactive transaction holds it open
 * across awaits: any query another flow issues meanwhile runs *inside* that transaction, and
 * is silently undone if it rolls back (a refused click rolls back; a job's completion or a
 * posted message's record issued at that moment would vanish, and the message be sent again).
 * This wrapper takes turns instead: each top-level query and each transaction waits for the
 * one before it. Queries made inside a transaction callback run at once (they are its own).
 */
export function oneAtATime<Client extends object>(client: Client): Client {
  const insideTransaction = new AsyncLocalStorage<true>();
  let tail: Promise<unknown> = Promise.resolve();

  const inTurn = <T>(run: () => PromiseLike<T>): Promise<T> => {
    if (insideTransaction.getStore()) return Promise.resolve(run());
    const turn = tail.then(run, run);
    tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  };

  type Method = (...args: unknown[]) => PromiseLike<unknown>;
  const taking =
    (method: Method, self: object, opensTransaction: boolean) =>
    (...args: unknown[]) =>
      inTurn(() =>
        opensTransaction
          ? insideTransaction.run(true, () => method.apply(self, args))
          : method.apply(self, args),
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
