import type { Actor } from '../../src/domain/request.js';
import { rememberPerson } from '../../src/services/people.js';
import type { ServiceDeps } from '../../src/services/service-deps.js';

/**
 * Remembers everyone who talks to the bot under the name Teams gives (so cards, assignee
 * lists and mentions use real names). Asked of the database every time, which writes only
 * when something changed: a memo in this process would miss a change another replica made.
 */
export class KnownPeople {
  constructor(private readonly deps: ServiceDeps) {}

  async remember(actor: Actor): Promise<void> {
    if (!actor.name) return;
    await rememberPerson(this.deps, actor);
  }
}
