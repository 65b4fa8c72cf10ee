import type { App } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';
import { knownNames, learnProfile } from '../../src/services/people.js';
import type { ServiceDeps } from '../../src/services/service-deps.js';

/** Who a payload is from: commands name user_id, interactions user.id, events event.user (never a bot). */
function userIdOf(body: unknown): string | undefined {
  const payload = body as {
    user_id?: unknown;
    user?: { id?: unknown };
    event?: { user?: unknown; bot_id?: unknown };
  };
  if (payload.event?.bot_id) return undefined;
  const id = payload.user_id ?? payload.user?.id ?? payload.event?.user;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/**
 * After each payload is handled, asks once per person (per process, and at most monthly in the
 * queue) for their Slack profile: the real name and timezone that payloads leave out. Only for
 * people gapdesk has stored: a payload no listener took (an unknown action, a refused form)
 * stores nothing, and so it queues nothing either.
 */
export function learnProfilesOfSenders(app: App, services: ServiceDeps, logger: Logger): void {
  const asked = new Set<string>();
  app.use(async ({ body, next }) => {
    await next();
    const userId = userIdOf(body);
    if (!userId || asked.has(userId)) return;
    try {
      if (!(await knownNames(services, 'slack', [userId])).has(userId)) return;
      if (asked.size >= 10_000) asked.clear();
      asked.add(userId);
      await learnProfile(services, { platform: 'slack', userId });
    } catch (error) {
      asked.delete(userId);
      logger.warn({ err: error }, 'could not queue a Slack profile lookup');
    }
  });
}
