import type { Clock } from '../clock.js';
import type { Platform } from '../domain/request.js';
import type { Team } from '../domain/team.js';
import { AppError } from '../errors.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Store } from '../store/database.js';

/** The teams from config, by id. */
export class TeamDirectory {
  private readonly byId: Map<string, Team>;

  constructor(readonly all: readonly Team[]) {
    this.byId = new Map(all.map((team) => [team.id, team]));
  }

  get(id: string): Team {
    const team = this.byId.get(id);
    if (!team) throw new AppError('not_found', `unknown team ${id}`, 'That team is not set up in gapdesk.');
    return team;
  }
}

/** What every service needs. Built once in main.ts; tests build it on a real database. */
export type ServiceDeps = {
  /** The database, as a handle for the store's functions (src/store): services never query it themselves. */
  store: Store;
  queue: JobQueue;
  clock: Clock;
  teams: TeamDirectory;
  /** Platforms gapdesk is connected to: messages go only where a notifier exists. */
  platforms: readonly Platform[];
  /** Called after a transaction that enqueued jobs commits, so they go out now, not at the next tick. */
  onEnqueued?: () => void;
};
