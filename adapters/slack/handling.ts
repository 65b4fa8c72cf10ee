import type { App } from '@slack/bolt';

/**
 * Bolt answers Slack before it runs the handlers (`processBeforeResponse: false`, and events are
 * acknowledged on arrival), so an HTTP 200 says nothing about whether the work is done. Counts the
 * requests inside Bolt's middleware chain; the returned function resolves once every request
 * received so far has been handled, for shutdown (not to close the database under a handler)
 * and for tests. Register it before any other middleware so it wraps them all.
 */
export function trackHandling(app: App): () => Promise<void> {
  let running = 0;
  let waiting: (() => void)[] = [];
  app.use(async ({ next }) => {
    running += 1;
    try {
      await next();
    } finally {
      running -= 1;
      if (running === 0) {
        const done = waiting;
        waiting = [];
        for (const resolve of done) resolve();
      }
    }
  });
  return () => (running === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve)));
}
