import { type Actor, actorSchema, type Platform } from '../domain/request.js';
import { namesOf, upsertPerson } from '../store/people.js';
import { parseInput } from './parse-input.js';
import { enqueueJob } from './request-effects.js';
import type { ServiceDeps } from './service-deps.js';

/**
 * Records a platform user as they present themselves now (name, timezone), so cards, assignee
 * lists and mentions use the names people go by, including people assigned before they ever
 * acted. Adapters call it when someone talks to the bot; cheap to repeat.
 */
export async function rememberPerson(deps: ServiceDeps, actor: Actor): Promise<void> {
  await upsertPerson(deps.store, parseInput(actorSchema, actor));
}

/**
 * Asks for a person's profile from their platform (a job: name, timezone), at most once a month
 * per person, so a Slack user is surveyed in their own working hours and shown by the name they
 * go by. Cheap to call on every sighting: a repeat within the month adds nothing.
 */
export async function learnProfile(
  deps: ServiceDeps,
  who: { platform: Platform; userId: string },
): Promise<void> {
  const now = deps.clock.now();
  const month = now.toISOString().slice(0, 7);
  const added = await enqueueJob(deps, deps.store, 'person.profile', who, {
    idempotencyKey: `person.profile:${who.platform}:${who.userId}:${month}`,
  });
  if (added) deps.onEnqueued?.();
}

/** The names gapdesk knows for these platform user ids (ids it has never seen are absent). */
export async function knownNames(
  deps: Pick<ServiceDeps, 'store'>,
  platform: Platform,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  return namesOf(deps.store, platform, userIds);
}
