import type { Actor } from '../../src/domain/request.js';
import { rememberPerson } from '../../src/services/people.js';
import type { ServiceDeps } from '../../src/services/service-deps.js';

/**
 * Remembers everyone who talks to the bot under the name Teams gives (so cards, assignee
 * lists and mentions use real names), writing only when something changed.
 */
export class KnownPeople {
  private readonly seen = new Map<string, string>();

  constructor(private readonly deps: ServiceDeps) {}

  async remember(actor: Actor): Promise<void> {
    if (!actor.name) return;
    const json = JSON.stringify(actor);
    if (this.seen.get(actor.userId) === json) return;
    await rememberPerson(this.deps, actor);
    this.seen.set(actor.userId, json);
  }
}
