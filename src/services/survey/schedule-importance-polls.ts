import type { Team } from '../../domain/team.js';
import type { Store } from '../../store/database.js';
import { enqueueJob } from '../request-effects.js';
import type { ServiceDeps } from '../service-deps.js';
import { pollPeriod, pollSendTime } from './importance-period.js';

/** Enqueues the team's poll for the period after the one containing `after` (idempotent per period). */
export async function enqueueNextImportancePoll(
  deps: ServiceDeps,
  tx: Store,
  team: Team,
  after: Date,
): Promise<void> {
  const next = pollPeriod(team, pollPeriod(team, after).next);
  await enqueueJob(
    deps,
    tx,
    'importance.poll',
    { teamId: team.id, poll: next.key },
    { idempotencyKey: `importance.poll:${team.id}:${next.key}`, dueAt: pollSendTime(team, next) },
  );
}

/**
 * Makes sure every team has its next importance poll queued. Called at start-up; each poll,
 * when it runs, queues the following one. The first poll of a new deployment comes at the
 * start of the next period, not at once, so installing gapdesk does not message the leads.
 */
export async function scheduleImportancePolls(deps: ServiceDeps): Promise<void> {
  const now = deps.clock.now();
  for (const team of deps.teams.all) await enqueueNextImportancePoll(deps, deps.store, team, now);
}
